import type { GroupMetric, SurveyGroup } from "../../core/cx/survey-result.ts";
import type { CxResult } from "../../cx/cx.ts";
import { runCxAnalysis } from "../../cx/cx-analyses.ts";
import type { SectionContext } from "../report-builder.ts";
import { barChart } from "../report-charts.ts";
import type { ReportSection } from "../report-document.ts";

type Nps = Extract<GroupMetric, { nps: number }>;
const npsOf = (g: SurveyGroup) => (g.metrics.nps ?? null) as Nps | null;

/** Survey tiles, the stage-weighted CX index by stage, and NPS by channel (docs/cx.md). */
export async function cxSections(c: SectionContext): Promise<ReportSection[]> {
  const result = (await runCxAnalysis("cx", c.store, c.config, {
    body: { ...c.filters, by: ["stage", "channel"] },
  })) as CxResult;
  const { fmt, text: t } = c;
  const overall = result.surveys.overall;
  if (overall.nps && "nps" in overall.nps)
    c.tiles.push({
      label: "NPS",
      value: fmt.dec(overall.nps.nps),
      note: t.interval95(
        fmt.dec(overall.nps.ci.low),
        fmt.dec(overall.nps.ci.high),
        fmt.int(overall.nps.responses),
      ),
    });
  if (overall.csat && "csat" in overall.csat)
    c.tiles.push({
      label: "CSAT",
      value: `${fmt.dec(overall.csat.csat)}%`,
      note: t.answers(fmt.int(overall.csat.responses)),
    });
  if (overall.ces && "mean" in overall.ces)
    c.tiles.push({
      label: "CES",
      value: fmt.dec(overall.ces.mean),
      note: t.answers(fmt.int(overall.ces.responses)),
    });
  if (result.cxIndex?.value !== null && result.cxIndex?.value !== undefined)
    c.tiles.push({ label: t.cxIndex, value: fmt.dec(result.cxIndex.value), note: t.cxIndexNote });

  const sections: ReportSection[] = [];
  const stages = result.cxIndex?.stages.filter((s) => s.score !== null) ?? [];
  if (stages.length > 0) {
    const stage = (s: string) => t.stageNames[s] ?? s;
    const weakest = [...stages].sort((a, b) => (a.score ?? 0) - (b.score ?? 0))[0];
    sections.push({
      id: "cx-stages",
      title: t.cxStagesTitle,
      summary: weakest ? t.cxStagesSummary(stage(weakest.stage), fmt.dec(weakest.score ?? 0)) : "",
      chart: barChart({
        labels: stages.map((s) => stage(s.stage)),
        values: stages.map((s) => Math.round((s.score ?? 0) * 10) / 10),
        format: fmt.dec,
        color: "#0f8b7d",
      }),
      table: {
        columns: [t.stage, t.stageScore, t.answersColumn, t.configuredWeight, t.derivedWeight],
        rows: stages.map((s) => [
          stage(s.stage),
          fmt.dec(s.score ?? 0),
          fmt.int(s.surveyResponses),
          s.configuredWeight === null ? "–" : fmt.pct(s.configuredWeight),
          s.derivedWeight === null ? "–" : fmt.pct(s.derivedWeight),
        ]),
      },
    });
  }

  const channels = (result.surveys.breakdowns.find((b) => b.by === "channel")?.groups ?? [])
    .filter((g) => npsOf(g) !== null && g.value !== null)
    .sort((a, b) => (npsOf(a)?.nps ?? 0) - (npsOf(b)?.nps ?? 0));
  if (channels.length > 0) {
    const lowest = channels.find((g) => !npsOf(g)?.lowSample) ?? channels[0];
    sections.push({
      id: "cx-channels",
      title: t.npsChannelsTitle,
      summary: lowest
        ? t.npsChannelsSummary(lowest.value ?? "–", fmt.dec(npsOf(lowest)?.nps ?? 0))
        : "",
      chart: barChart({
        labels: channels.map((g) => g.value ?? "–"),
        values: channels.map((g) => Math.round((npsOf(g)?.nps ?? 0) * 10) / 10),
        format: fmt.dec,
        color: "#d9822b",
      }),
      table: {
        columns: [t.channel, "NPS", t.interval, t.answersColumn, t.versusRest],
        rows: channels.map((g) => {
          const m = npsOf(g) as Nps;
          return [
            g.value ?? "–",
            fmt.dec(m.nps),
            `${fmt.dec(m.ci.low)} … ${fmt.dec(m.ci.high)}`,
            `${fmt.int(m.responses)}${m.lowSample ? " *" : ""}`,
            m.vsRest.significant
              ? t.significantDiff(fmt.dec(m.vsRest.difference))
              : t.notSignificant,
          ];
        }),
      },
      notes: [t.lowSampleNote(fmt.int(result.surveys.minSample))],
    });
  }
  return sections;
}
