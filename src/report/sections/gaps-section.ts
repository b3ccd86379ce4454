import { runChannelAnalysis } from "../../gaps/gap-analyses.ts";
import type { GapsResult } from "../../gaps/gaps.ts";
import type { SectionContext } from "../report-builder.ts";
import type { ReportSection } from "../report-document.ts";

const TOP = 8;

/** Channel gaps: significant ones by priority, each with its root cause (docs/channel-consistency.md). */
export async function gapsSection(c: SectionContext): Promise<ReportSection[]> {
  const result = (await runChannelAnalysis("gaps", c.store, c.config, {
    body: { ...c.filters },
  })) as GapsResult;
  const significant = result.gaps.filter((g) => g.significant);
  const t = c.text;
  const value = (metric: string, v: number) =>
    metric === "time"
      ? c.fmt.duration(v)
      : metric === "csat" || metric === "ces"
        ? c.fmt.dec(v)
        : c.fmt.pct(v);
  const first = significant[0];
  const metric = (m: string) => t.metricNames[m] ?? m;
  const cause = (g: GapsResult["gaps"][number]) => {
    const top = g.rootCauses[0];
    return top
      ? t.rootCauseText(
          `${top.label} ${top.value ?? "–"}`,
          c.fmt.pct(top.rate),
          c.fmt.pct(top.restRate),
          top.others,
        )
      : undefined;
  };
  return [
    {
      id: "gaps",
      title: t.gapsTitle,
      summary: first
        ? t.gapHeadline({
            task: first.task ?? "content",
            channel: first.channel,
            metric: metric(first.metric),
            value: value(first.metric, first.value),
            best: value(first.metric, first.bestValue),
            bestChannel: first.bestChannel,
            cause: cause(first),
          })
        : "",
      empty: first ? undefined : t.gapsNone,
      table: {
        columns: [t.task, t.channel, t.metric, t.value, t.bestChannel, t.q, t.rootCause],
        rows: significant
          .slice(0, TOP)
          .map((g) => [
            g.task ?? "content",
            g.channel,
            metric(g.metric),
            value(g.metric, g.value),
            `${value(g.metric, g.bestValue)} (${g.bestChannel})`,
            g.qValue < 0.001 ? "< 0.001" : g.qValue.toFixed(3),
            cause(g) ?? "–",
          ]),
      },
      notes: [t.gapsNote(significant.length, result.gaps.length)],
    },
  ];
}
