import type { Command } from "commander";
import { openRuntime, type Runtime, type RuntimeOptions } from "../runtime/runtime.ts";

/** The global store and config flags of any command. */
export function runtimeFlags(command: Command): RuntimeOptions {
  const opts = command.optsWithGlobals<RuntimeOptions>();
  return { db: opts.db, pg: opts.pg, config: opts.config };
}

/** Opens the runtime for a command, runs the work, and always closes the store. */
export async function withRuntime<T>(
  command: Command,
  work: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = await openRuntime(runtimeFlags(command));
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** Prints a value as JSON (the same JSON the API returns) or as text. */
export function print(value: unknown, options: { json?: boolean }, text: () => string) {
  process.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}
