import { relative } from "node:path";
import type { ImportSummary } from "./file-import.ts";

const number = new Intl.NumberFormat("en-US");
const MAX_REASONS = 10;

/** The human-readable summary of an import: a table per file, then the rejection reasons. */
export function formatImportSummary(summary: ImportSummary, cwd = process.cwd()): string {
  const header = ["file", "format", "rows", "imported", "duplicates", "rejected"];
  const body = summary.files.map((f) => [
    f.file,
    f.format,
    number.format(f.rows),
    number.format(f.imported),
    number.format(f.duplicates),
    number.format(f.rejected),
  ]);
  if (summary.files.length > 1) {
    body.push([
      "total",
      "",
      number.format(summary.rows),
      number.format(summary.imported),
      number.format(summary.duplicates),
      number.format(summary.rejected),
    ]);
  }
  const lines = table([header, ...body]);
  for (const file of summary.files) {
    if (file.rejected === 0 || file.rejectsPath === null) continue;
    const where = relative(cwd, file.rejectsPath) || file.rejectsPath;
    lines.push(
      "",
      `${file.file}: ${number.format(file.rejected)} rejected rows written to ${where}`,
    );
    const reasons = Object.entries(file.rejections).sort((a, b) => b[1] - a[1]);
    const shown = reasons
      .slice(0, MAX_REASONS)
      .map(([reason, n]) => [`  ${reason}`, number.format(n)]);
    lines.push(...table(shown));
    if (reasons.length > MAX_REASONS)
      lines.push(`  … ${reasons.length - MAX_REASONS} more reasons`);
  }
  const seconds = summary.durationMs / 1000;
  const rate = seconds > 0 ? Math.round(summary.rows / seconds) : summary.rows;
  lines.push(
    "",
    `${count(summary.imported, "event")} imported in ${seconds.toFixed(1)} s (${number.format(rate)} rows/s)`,
  );
  return `${lines.join("\n")}\n`;
}

const count = (n: number, noun: string) => `${number.format(n)} ${noun}${n === 1 ? "" : "s"}`;

// Text columns left-aligned, numbers (every column but the first two) right-aligned.
function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - displayWidth(cell));
        return i < 2 && row.length > 2 ? cell + pad : i === 0 ? cell + pad : pad + cell;
      })
      .join("  ")
      .trimEnd(),
  );
}

// CJK characters take two terminal columns (file names and reasons may contain them).
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/u.test(char)
        ? 2
        : 1;
  return width;
}
