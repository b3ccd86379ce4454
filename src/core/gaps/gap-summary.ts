import type { Gap } from "./gap-analysis.ts";
import type { RootCause } from "./root-cause.ts";
import type { TaskDefinition } from "./task-spec.ts";

/** Human-readable numbers for gap summaries (the CLI prints these lines). */

export const percent = (rate: number) => `${Math.round(rate * 100)}%`;

export function formatP(p: number): string {
  if (p < 1e-9) return "p < 1e-9";
  if (p < 0.001) return `p = ${p.toExponential(1)}`;
  return `p = ${p.toPrecision(2)}`;
}

export function formatMs(ms: number): string {
  const s = Math.round(ms / 1000);
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m}m` : `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function rootCauseText(cause: RootCause): string {
  const value = cause.value ?? "(not set)";
  return `${cause.label} ${value}: ${percent(cause.rate)} vs ${percent(cause.restRate)} on ${cause.others}`;
}

function measure(gap: Gap, task: TaskDefinition | undefined): string {
  const on = `on ${gap.bestChannel}`;
  const p = formatP(gap.pValue);
  switch (gap.metric) {
    case "completion": {
      const name = task?.kind === "service" ? "resolution" : "completion";
      return `${name} ${percent(gap.value)} vs ${percent(gap.bestValue)} ${on} (gap ${Math.round(gap.gap * 100)} pts, ${p})`;
    }
    case "failure":
      return `failures ${percent(gap.value)} vs ${percent(gap.bestValue)} ${on} (gap ${Math.round(gap.gap * 100)} pts, ${p})`;
    case "time":
      return `median time ${formatMs(gap.value)} vs ${formatMs(gap.bestValue)} ${on} (+${formatMs(gap.gap)}, ${p})`;
    case "csat":
    case "ces":
      return `${gap.metric.toUpperCase()} ${gap.value.toFixed(2)} vs ${gap.bestValue.toFixed(2)} ${on} (gap ${gap.gap.toFixed(2)}, ${p})`;
    case "content":
      return `content issues on ${percent(gap.value)} of items vs ${percent(gap.bestValue)} ${on} (gap ${Math.round(gap.gap * 100)} pts, ${p})`;
  }
}

/** "transfer · app: completion 62% vs 93% on web (gap 31 pts, p < 1e-9) — root cause: …" (the top one). */
export function gapSummary(gap: Gap, task: TaskDefinition | undefined): string {
  const head = `${gap.task ?? "content"} · ${gap.channel}: ${measure(gap, task)}`;
  if (!gap.significant) return `${head} — not significant`;
  const first = gap.rootCauses[0];
  return first ? `${head} — root cause: ${rootCauseText(first)}` : head;
}
