import type { EngagementResult } from "../core/cx/engagement-result.ts";
import type { KanoResult } from "../core/cx/kano.ts";
import type { Stat } from "../core/cx/kpis-reference.ts";
import type { KpisResult } from "../core/cx/kpis-result.ts";
import type { CesMetric, CsatMetric, NpsMetric } from "../core/cx/survey-metrics.ts";
import type { GroupMetric, ReportedMetric } from "../core/cx/survey-result.ts";
import type { CxResult } from "../cx/cx.ts";
import { table } from "./journeys-format.ts";

const f = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? "–" : x.toFixed(digits);
/** A ratio (0–1) as a percentage. */
const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? "–" : `${f(x * 100)}%`;

/** One metric in a cell: value [low, high] n, with * when significantly different from the rest. */
function cell(metric: ReportedMetric | GroupMetric | null | undefined): string {
  if (!metric) return "–";
  const star = "vsRest" in metric && metric.vsRest.significant ? "*" : "";
  const low = metric.lowSample ? "!" : "";
  if ("nps" in metric) {
    const m = metric as NpsMetric;
    return `${f(m.nps)} [${f(m.ci.low)}, ${f(m.ci.high)}] n=${m.responses}${star}${low}`;
  }
  if ("csat" in metric) {
    const m = metric as CsatMetric;
    return `${f(m.csat)}% [${f(m.ci.low)}, ${f(m.ci.high)}] n=${m.responses}${star}${low}`;
  }
  const m = metric as CesMetric;
  return `${f(m.mean, 2)} [${f(m.ci.low, 2)}, ${f(m.ci.high, 2)}] easy ${f(m.easyShare)}% n=${m.responses}${star}${low}`;
}

export function formatCx(r: CxResult): string {
  const s = r.surveys;
  const types = s.surveys;
  const lines = [
    `survey metrics (${Math.round(s.confidence * 100)}% intervals; * differs from the rest at FDR ${s.fdr}; ! fewer than ${s.minSample} answers)`,
    table([
      ["", ...types],
      ["all", ...types.map((t) => cell(s.overall[t]))],
    ]),
  ];
  for (const b of s.breakdowns) {
    lines.push(
      "",
      `by ${b.by}${b.omittedGroups ? ` (${b.omittedGroups} smaller groups left out)` : ""}`,
      table([
        [b.by, ...types],
        ...b.groups.map((g) => [g.value ?? "(none)", ...types.map((t) => cell(g.metrics[t]))]),
      ]),
    );
  }
  const index = r.cxIndex;
  if (index) {
    lines.push(
      "",
      `CX index ${f(index.value)} (configured weights), ${f(index.valueWithDerivedWeights)} (key-driver weights)`,
      table([
        ["stage", "E", "survey", "completion", "failure-free", "sentiment", "w conf", "w derived"],
        ...index.stages.map((st) => [
          st.stage,
          f(st.score),
          f(st.signals.survey),
          f(st.signals.completion),
          f(st.signals.failureFree),
          f(st.signals.sentiment),
          f(st.configuredWeight, 3),
          f(st.derivedWeight, 3),
        ]),
      ]),
      index.keyDrivers.available
        ? `key drivers: Shapley regression on ${index.keyDrivers.respondents} respondents, R² ${f(index.keyDrivers.r2, 3)}`
        : `key drivers: not available — ${index.keyDrivers.reason}`,
    );
  }
  if (s.warnings.length > 0) lines.push("", ...s.warnings.map((w) => `warning: ${w}`));
  return lines.join("\n");
}

export function formatEngagement(r: EngagementResult): string {
  const d = r.distribution;
  const lines = [
    `${r.formula} — ${r.profiles} profiles`,
    `mean ${f(d.mean)}, p25 ${f(d.p25)}, median ${f(d.median)}, p75 ${f(d.p75)}, p90 ${f(d.p90)}`,
    table([
      ["score", "profiles"],
      ...d.histogram.map((h) => [`${h.from}–${h.to}`, String(h.profiles)]),
    ]),
  ];
  for (const b of r.breakdowns) {
    lines.push(
      "",
      table([
        [b.by, "profiles", "mean", "median"],
        ...b.groups.map((g) => [
          g.value ?? "(none)",
          String(g.profiles),
          f(g.meanScore),
          f(g.medianScore),
        ]),
      ]),
    );
  }
  if (r.top.length > 0) {
    lines.push(
      "",
      table([
        ["most engaged", "score", "days", "channels", "types", "collaborative"],
        ...r.top.map((p) => [
          p.profileId,
          f(p.score),
          String(p.activeDays),
          String(p.channels),
          String(p.interactionTypes),
          `${p.collaborative}/${p.events}`,
        ]),
      ]),
    );
  }
  if (r.profile) lines.push("", `${r.profile.profileId}: ${f(r.profile.score)}`);
  return lines.join("\n");
}

const stat = (s: Stat, unit: string) =>
  s.n === 0 ? "–" : `median ${f(s.median)}${unit}, mean ${f(s.mean)}${unit} (n=${s.n})`;

export function formatKpis(r: KpisResult): string {
  const lines: string[] = [];
  for (const [name, d] of [
    ["web", r.web],
    ["app", r.app],
  ] as const) {
    if (!d) continue;
    lines.push(
      `${name}: ${d.sessions} sessions, ${d.activeUsers} active users (${f(d.dailyActiveUsersAvg)}/day), bounce ${pct(d.bounceRate)}, conversion ${pct(d.conversionRate)}`,
      `  session ${stat(d.sessionSeconds, "s")}; time on ${name === "web" ? "page" : "screen"} ${stat(d.timeOnViewSeconds, "s")}`,
      `  load time ${d.loadTimeMs ? stat(d.loadTimeMs, "ms") : "not sent"}; crash-free sessions ${pct(d.crashFreeSessionRate)}`,
    );
  }
  const e = r.email;
  lines.push(
    `email: delivered ${e.counts.delivered}, opened ${e.counts.opened}, clicked ${e.counts.clicked}, unsubscribed ${e.counts.unsubscribed}; delivery ${pct(e.deliveryRate)}, open ${pct(e.openRate)}, CTR ${pct(e.clickThroughRate)}, click-to-open ${pct(e.clickToOpenRate)}, unsubscribe ${pct(e.unsubscribeRate)}`,
    `chat: ${r.chat.chats} chats, resolution ${pct(r.chat.resolutionRate)}, first response ${stat(r.chat.firstResponseSeconds, "s")}`,
    `call centre: ${r.callCenter.calls} calls, resolution ${pct(r.callCenter.resolutionRate)}, handle time ${stat(r.callCenter.handleTimeSeconds, "s")}`,
    "",
    table([
      ["stage", "profiles", "conversion", "abandonment"],
      ...r.stages.map((s) => [
        s.stage,
        String(s.profiles),
        pct(s.conversionRate),
        pct(s.abandonmentRate),
      ]),
    ]),
    "",
    table([
      ["process", "started", "completed", "abandonment", "median time"],
      ...r.processes.map((p) => [
        `${p.name} (${p.start} → ${p.complete})`,
        String(p.started),
        String(p.completed),
        pct(p.abandonmentRate),
        p.medianMinutesToComplete === null ? "–" : `${f(p.medianMinutesToComplete)}m`,
      ]),
    ]),
  );
  if (r.notes.length > 0) lines.push("", ...r.notes.map((n) => `note: ${n.text}`));
  return lines.join("\n");
}

export function formatKano(r: KanoResult): string {
  return [
    `${r.respondents} respondents, ${r.features.length} features${r.invalidPairs ? `, ${r.invalidPairs} invalid pairs left out` : ""}`,
    table([
      ["feature", "category", "A", "O", "M", "I", "R", "Q", "better", "worse"],
      ...r.features.map((x) => [
        x.feature,
        `${x.category}${x.distinct ? "" : " (weak)"}`,
        ...(
          [
            "attractive",
            "one-dimensional",
            "must-be",
            "indifferent",
            "reverse",
            "questionable",
          ] as const
        ).map((c) => String(x.counts[c])),
        f(x.better, 2),
        f(x.worse, 2),
      ]),
    ]),
  ].join("\n");
}
