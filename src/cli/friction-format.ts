import type { BreakpointsResult } from "../core/friction/breakpoints-result.ts";
import type { FrictionResult } from "../core/friction/friction-result.ts";
import type { HeatmapResult } from "../core/friction/heatmap.ts";
import type { Outcome } from "../core/friction/specs.ts";
import { sequenceLabel } from "../core/friction/step.ts";
import type { FrictionAnalysisName } from "../friction/friction-analyses.ts";
import { duration, table } from "./journeys-format.ts";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const n = (x: number) => x.toLocaleString("en-US");
const score = (x: number) => (x * 100).toFixed(1);

/** q-values for people: tiny ones as a bound. */
function qText(q: number): string {
  if (q < 1e-12) return "q < 1e-12";
  if (q < 0.001) return `q = ${q.toExponential(1)}`;
  return `q = ${q.toFixed(3)}`;
}

function outcomeText(o: Outcome): { what: string; who: string } {
  if (o.kind === "goal") {
    return { what: `goal not reached (${o.events.join(", ")})`, who: "of those who missed it" };
  }
  const parts = [o.events.join(", ")];
  if (o.inactivityDays > 0) parts.push(`or ${o.inactivityDays} days inactive`);
  parts.push(`lead-in ${duration(o.leadInMs)}`);
  return { what: `churn (${parts.join("; ")})`, who: "of churned" };
}

function breakpoints(r: BreakpointsResult): string {
  const { what, who } = outcomeText(r.outcome);
  const s = r.settings;
  const lines = [
    `${what}: ${n(r.badProfiles)} of ${n(r.profiles)} profiles (${pct(r.badRate)}); ${n(r.tested)} sequences tested (≥ ${n(s.supportThreshold)} profiles), ${n(r.significant)} significant (q < ${s.alpha}, lift ≥ ${s.minLift}), ${r.findings.length} findings:`,
  ];
  if (r.findings.length === 0) lines.push("  no sequence is significantly over-represented");
  for (const f of r.findings) {
    const named = f.examples.map((e) => e.identifier ?? e.profileId);
    const examples = named.length > 0 ? `; e.g. profile ${named.join(", ")}` : "";
    lines.push(
      `${String(f.rank).padStart(3)}. ${f.label} — ${pct(f.shareOfBad)} ${who} vs ${pct(f.shareOfOthers)} of others, lift ${f.lift.toFixed(1)}, ${qText(f.qValue)}, ${n(f.badProfiles)} profiles${examples}`,
    );
    const notes: string[] = [];
    if (f.context) notes.push(`within ${sequenceLabel(f.context)}`);
    if (f.foldedCount > 0) {
      notes.push(`${n(f.foldedCount)} related sequence${f.foldedCount === 1 ? "" : "s"} folded in`);
    }
    if (notes.length > 0) lines.push(`       ${notes.join("; ")}`);
  }
  return lines.join("\n");
}

function friction(r: FrictionResult): string {
  const withOutcome = r.outcome !== null;
  const head = [
    "step",
    "stage",
    "count",
    "score",
    "fail",
    "drop",
    "repeat",
    "dwell",
    "switch",
    "neg",
  ];
  const lines = [
    `${n(r.events)} events of ${n(r.profiles)} profiles; friction score 0–100 (docs/friction.md)${
      r.outcome
        ? `; ${outcomeText(r.outcome).what}: ${n(r.outcome.badProfiles)} profiles (${pct(r.outcome.badRate)})`
        : ""
    }`,
    "",
    table([
      withOutcome ? [...head, "bad rate", "lift"] : head,
      ...r.steps.map((s) => {
        const row = [
          s.label,
          s.stage,
          n(s.occurrences),
          score(s.frictionScore),
          pct(s.rates.failure),
          pct(s.rates.dropOff),
          pct(s.rates.repeat),
          pct(s.rates.longDwell),
          pct(s.rates.channelSwitch),
          pct(s.rates.negativeFeedback),
        ];
        return s.outcome ? [...row, pct(s.outcome.badRate), s.outcome.lift.toFixed(2)] : row;
      }),
    ]),
    "",
    table([
      [
        "transition",
        "count",
        "score",
        "median",
        "dwell",
        "switch",
        ...(withOutcome ? ["lift"] : []),
      ],
      ...r.transitions.map((t) => [
        t.label,
        n(t.count),
        score(t.frictionScore),
        duration(t.medianMs),
        pct(t.rates.longDwell),
        pct(t.rates.channelSwitch),
        ...(t.outcome ? [t.outcome.lift.toFixed(2)] : []),
      ]),
    ]),
  ];
  return lines.join("\n");
}

function heatmap(r: HeatmapResult): string {
  const cell = new Map(r.cells.map((c) => [`${c.stage}\u001f${c.channel}`, c]));
  const lines = [
    "friction score (0–100) by stage × channel:",
    table([
      ["stage", ...r.channels],
      ...r.stages.map((stage) => [
        stage,
        ...r.channels.map((channel) => {
          const c = cell.get(`${stage}\u001f${channel}`);
          return c ? score(c.frictionScore) : "·";
        }),
      ]),
    ]),
    "",
    "hottest cells:",
  ];
  const hottest = [...r.cells].sort((a, b) => b.frictionScore - a.frictionScore).slice(0, 5);
  for (const c of hottest) {
    const top = c.top.map((t) => `${t.label} (${pct(t.share)})`).join(", ");
    lines.push(
      `  ${c.stage} × ${c.channel}: ${score(c.frictionScore)} over ${n(c.occurrences)} events — ${top}`,
    );
  }
  return lines.join("\n");
}

/** The text form of a friction analysis result (the JSON form is `--json`). */
export function formatFrictionResult(name: FrictionAnalysisName, result: unknown): string {
  switch (name) {
    case "friction":
      return friction(result as FrictionResult);
    case "breakpoints":
      return breakpoints(result as BreakpointsResult);
    case "heatmap":
      return heatmap(result as HeatmapResult);
  }
}
