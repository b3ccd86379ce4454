import type { BreakpointsResult } from "../../core/friction/breakpoints-result.ts";
import type { HeatmapResult } from "../../core/friction/heatmap.ts";
import { runFrictionAnalysis } from "../../friction/friction-analyses.ts";
import type { SectionContext } from "../report-builder.ts";
import { heatmapChart } from "../report-charts.ts";
import type { ReportSection } from "../report-document.ts";

const TOP = 8;

/** Step sequences that drive the bad outcome (churn by default), ranked by impact. */
export async function breakpointsSection(c: SectionContext): Promise<ReportSection[]> {
  const result = (await runFrictionAnalysis("breakpoints", c.store, c.config, {
    body: { ...c.filters },
  })) as BreakpointsResult;
  const t = c.text;
  const first = result.findings[0];
  return [
    {
      id: "breakpoints",
      title: t.breakpointsTitle,
      summary: first
        ? t.breakpointHeadline(
            first.label,
            c.fmt.pct(first.shareOfBad),
            c.fmt.pct(first.shareOfOthers),
            c.fmt.dec(first.lift),
          )
        : "",
      empty: first ? undefined : t.breakpointsNone(c.fmt.int(result.tested)),
      table: {
        columns: [t.sequence, t.badShare, t.otherShare, t.lift, t.q, t.affected],
        rows: result.findings
          .slice(0, TOP)
          .map((f) => [
            f.label,
            c.fmt.pct(f.shareOfBad),
            c.fmt.pct(f.shareOfOthers),
            c.fmt.dec(f.lift),
            f.qValue < 0.001 ? "< 0.001" : f.qValue.toFixed(3),
            c.fmt.int(f.badProfiles),
          ]),
      },
      notes: [
        t.breakpointsNote(
          c.fmt.int(result.badProfiles),
          c.fmt.int(result.profiles),
          c.fmt.int(result.tested),
        ),
      ],
    },
  ];
}

/** Stage × channel friction scores, with the step that contributes most to each worst cell. */
export async function heatmapSection(c: SectionContext): Promise<ReportSection[]> {
  const result = (await runFrictionAnalysis("heatmap", c.store, c.config, {
    body: { ...c.filters },
  })) as HeatmapResult;
  if (result.cells.length === 0) return [];
  const t = c.text;
  const stage = (s: string) => t.stageNames[s] ?? s;
  const worst = [...result.cells].sort((a, b) => b.frictionScore - a.frictionScore).slice(0, TOP);
  const first = worst[0];
  return [
    {
      id: "heatmap",
      title: t.heatmapTitle,
      summary: first
        ? t.heatmapHeadline(stage(first.stage), first.channel, c.fmt.dec(first.frictionScore * 100))
        : "",
      chart: heatmapChart({
        columns: result.channels,
        rows: result.stages.map(stage),
        cells: result.cells.map((cell) => [
          result.channels.indexOf(cell.channel),
          result.stages.indexOf(cell.stage),
          Math.round(cell.frictionScore * 1000) / 10,
        ]),
        max: Math.round(result.maxScore * 1000) / 10,
        format: (v) => c.fmt.dec(v),
      }),
      table: {
        columns: [t.stage, t.channel, t.frictionScore, t.topStep],
        rows: worst.map((cell) => [
          stage(cell.stage),
          cell.channel,
          c.fmt.dec(cell.frictionScore * 100),
          cell.top[0] ? `${cell.top[0].label} (${c.fmt.pct(cell.top[0].share)})` : "–",
        ]),
      },
    },
  ];
}
