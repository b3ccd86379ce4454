import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { renderReport } from "../report/report.ts";
import { withRuntime } from "./with-runtime.ts";

interface ReportFlags {
  out: string;
  lang: string;
  from?: string;
  to?: string;
}

export function registerReportCommand(program: Command) {
  program
    .command("report")
    .description("write a self-contained HTML report of the main findings (docs/report.md)")
    .option("--out <file>", "where to write it", "report.html")
    .option("--lang <lang>", "en or zh", "en")
    .option("--from <date>", "ISO date, inclusive")
    .option("--to <date>", "ISO date, exclusive")
    .action((flags: ReportFlags, command: Command) =>
      withRuntime(command, async (runtime) => {
        const html = await renderReport(runtime, {
          lang: flags.lang,
          from: flags.from,
          to: flags.to,
        });
        const path = resolve(flags.out);
        writeFileSync(path, html);
        process.stdout.write(`report written to ${path} (${Math.round(html.length / 1024)} KB)\n`);
      }),
    );
}
