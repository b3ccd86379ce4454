import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DemoData } from "./demo-types.ts";

export interface DemoFiles {
  /** One Segment message per line, ready for `journeylens import`. */
  messagesPath: string;
  truthPath: string;
}

/** The demo's only I/O: `demo-messages.ndjson` and `demo-truth.json` in `dir`. */
export async function writeDemoFiles(data: DemoData, dir: string): Promise<DemoFiles> {
  await mkdir(dir, { recursive: true });
  const files = {
    messagesPath: join(dir, "demo-messages.ndjson"),
    truthPath: join(dir, "demo-truth.json"),
  };
  const lines = data.messages.map((message) => JSON.stringify(message));
  await writeFile(files.messagesPath, lines.length > 0 ? `${lines.join("\n")}\n` : "");
  await writeFile(files.truthPath, `${JSON.stringify(data.truth, null, 2)}\n`);
  return files;
}
