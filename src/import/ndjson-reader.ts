import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { ImportError } from "./import-error.ts";
import type { ReadBatch, ReadReject, ReadRow } from "./readers.ts";

const CHUNK_BYTES = 1 << 20;

/**
 * Reads NDJSON one 1 MiB chunk at a time: memory stays flat whatever the file size, and the
 * importer gets a few thousand parsed lines per await instead of one.
 */
export async function* readNdjson(file: string): AsyncGenerator<ReadBatch> {
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  const source = /\.gz$/i.test(file) ? stream.pipe(createGunzip()) : stream;
  if (source !== stream) stream.on("error", (error) => source.destroy(error));
  // The decoder keeps a multi-byte character that straddles two chunks whole.
  source.setEncoding("utf8");
  const state = { line: 0, sawContent: false, file };
  let rest = "";
  for await (const chunk of source as AsyncIterable<string>) {
    const text = rest === "" ? chunk : rest + chunk;
    const end = text.lastIndexOf("\n");
    if (end < 0) {
      rest = text;
      continue;
    }
    rest = text.slice(end + 1);
    yield parseLines(text.slice(0, end).split("\n"), state, stream.bytesRead);
  }
  if (rest !== "") yield parseLines([rest], state, stream.bytesRead);
}

interface LineState {
  line: number;
  sawContent: boolean;
  file: string;
}

function parseLines(lines: string[], state: LineState, bytesRead: number): ReadBatch {
  const rows: ReadRow[] = [];
  const rejects: ReadReject[] = [];
  for (let text of lines) {
    const line = ++state.line;
    // Blank lines (and a lone \r of CRLF files) are not rows.
    if (text.length <= 1 && (text === "" || text === "\r")) continue;
    if (!state.sawContent) {
      // Editors on Windows start UTF-8 files with a byte-order mark, which JSON.parse refuses.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.trim() === "") continue;
      state.sawContent = true;
      if (text.trimStart().startsWith("[")) {
        throw new ImportError(
          `${state.file}: looks like a JSON array; import expects one message per line (NDJSON), e.g. jq -c '.[]' ${state.file}`,
        );
      }
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (text.trim() === "") continue;
      rejects.push({
        line,
        field: "line",
        reason: "not valid JSON",
        detail: (error as Error).message,
        raw: text,
      });
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      rejects.push({ line, field: "line", reason: "not a JSON object", raw: text });
      continue;
    }
    rows.push({ line, row: value as Record<string, unknown> });
  }
  return { rows, rejects, bytesRead };
}
