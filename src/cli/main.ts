import { buildProgram } from "./program.ts";

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`journeylens: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
