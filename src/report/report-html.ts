import type { ReportDocument, ReportSection } from "./report-document.ts";

const escapeHtml = (text: string | number): string =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const STYLE = `
  :root { color-scheme: light; --ink: #1d2433; --muted: #5b6478; --line: #e3e7ef; --accent: #2f6fdf; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #f6f8fb; }
  main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 64px; }
  header h1 { margin: 0 0 4px; font-size: 28px; }
  header p { margin: 0; color: var(--muted); }
  .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 24px 0; }
  .tile { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
  .tile b { display: block; font-size: 24px; }
  .tile span, .tile small { color: var(--muted); }
  section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; margin: 16px 0; break-inside: avoid; }
  section h2 { margin: 0 0 8px; font-size: 19px; }
  section .summary { margin: 0 0 12px; }
  .chart svg { max-width: 100%; height: auto; }
  table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin-top: 8px; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { color: var(--muted); font-weight: 600; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .empty, .notes { color: var(--muted); }
  footer { color: var(--muted); font-size: 12.5px; margin-top: 24px; }
  @media print { body { background: #fff; } section { border: none; padding: 0; } }`;

const isNumeric = (value: string | number) =>
  typeof value === "number" || /^[<>]?\s*[-+−]?[\d.,]+\s*(%|pts|s|min|h|d|×)?\s*\*?$/.test(value);

function sectionHtml(section: ReportSection): string {
  const parts = [`<h2>${escapeHtml(section.title)}</h2>`];
  if (section.summary) parts.push(`<p class="summary">${escapeHtml(section.summary)}</p>`);
  if (section.empty) parts.push(`<p class="empty">${escapeHtml(section.empty)}</p>`);
  if (section.chart) parts.push(`<div class="chart">${section.chart}</div>`);
  if (section.table && section.table.rows.length > 0) {
    const head = section.table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
    const rows = section.table.rows
      .map(
        (row) =>
          `<tr>${row.map((cell) => `<td${isNumeric(cell) ? ' class="num"' : ""}>${escapeHtml(cell)}</td>`).join("")}</tr>`,
      )
      .join("\n");
    parts.push(`<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`);
  }
  if (section.notes?.length)
    parts.push(
      `<ul class="notes">${section.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`,
    );
  return `<section id="${escapeHtml(section.id)}">\n${parts.join("\n")}\n</section>`;
}

/** A self-contained HTML page: inline CSS and SVG, no script, no external request. */
export function reportHtml(doc: ReportDocument, footer: string): string {
  const tiles = doc.tiles
    .map(
      (t) =>
        `<div class="tile"><span>${escapeHtml(t.label)}</span><b>${escapeHtml(t.value)}</b>${t.note ? `<small>${escapeHtml(t.note)}</small>` : ""}</div>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="${doc.lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(doc.title)}</h1><p>${escapeHtml(doc.subtitle)}</p></header>
<div class="tiles">${tiles}</div>
${doc.sections.map(sectionHtml).join("\n")}
<footer>${escapeHtml(footer)}</footer>
</main>
</body>
</html>
`;
}
