import { z } from "zod";
import { parseInput } from "../core/parse-input.ts";
import { VERSION } from "../version.ts";
import { buildReport, type ReportInput } from "./report-builder.ts";
import { reportHtml } from "./report-html.ts";
import { reportText } from "./report-text.ts";

/** Options of `journeylens report` and `GET /api/report`. */
export const ReportSpecSchema = z.object({
  lang: z.enum(["en", "zh"]).default("en"),
  from: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
  to: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
});

/** The self-contained HTML report for a spec (charts inline as SVG; docs/report.md). */
export async function renderReport(
  runtime: Pick<ReportInput, "store" | "config">,
  input: unknown,
  now = new Date(),
): Promise<string> {
  const spec = parseInput(ReportSpecSchema, input);
  const doc = await buildReport({
    ...runtime,
    lang: spec.lang,
    filters: { from: spec.from, to: spec.to },
    now,
  });
  return reportHtml(doc, reportText(spec.lang).footer(VERSION));
}
