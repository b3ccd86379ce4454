import { vi } from "vitest";
import { buildProgram } from "../../src/cli/program.ts";
import type { StoreTarget } from "./stores.ts";

/** Runs the CLI in-process on a store and config file and returns what it printed. */
export async function cli(
  target: StoreTarget,
  configPath: string,
  ...args: string[]
): Promise<string> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    const store = target.pg ? ["--pg", target.pg] : ["--db", target.db ?? ""];
    await buildProgram().parseAsync([...store, "--config", configPath, ...args], { from: "user" });
  } finally {
    spy.mockRestore();
  }
  return out;
}
