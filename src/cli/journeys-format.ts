import type { MapResult } from "../core/journeys/dfg-result.ts";
import type { FunnelResult } from "../core/journeys/funnel-result.ts";
import type { PathsResult } from "../core/journeys/paths-result.ts";
import type { RetentionResult } from "../core/journeys/retention-reference.ts";
import type { SessionsResult } from "../core/journeys/sessions-reference.ts";
import type { StagesResult } from "../core/journeys/stages-reference.ts";
import type { JourneyAnalysisName } from "../journeys/journey-analyses.ts";

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)}%`;
const n = (x: number) => x.toLocaleString("en-US");

/** A duration for people: 45s, 12m, 3.5h, 2.1d. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "–";
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)}h`;
  return `${(ms / 86_400_000).toFixed(1)}d`;
}

/** Rows as aligned columns: the first left-aligned, the others right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join("  "),
    )
    .join("\n");
}

function funnel(r: FunnelResult): string {
  const lines = [
    `${r.mode} funnel, window ${duration(r.windowMs)}: ${n(r.entered)} entered, ${n(r.converted)} converted (${pct(r.overallConversion)})`,
    table([
      ["step", "profiles", "from previous", "from start", "drop-off", "median", "p90"],
      ...r.steps.map((s) => [
        `${s.step}. ${s.label}`,
        n(s.profiles),
        pct(s.conversionFromPrevious),
        pct(s.conversionFromStart),
        n(s.dropOff),
        duration(s.medianMsFromPrevious),
        duration(s.p90MsFromPrevious),
      ]),
    ]),
  ];
  if (r.breakdown) {
    lines.push("", `by ${r.breakdown.by}${r.breakdown.key ? ` ${r.breakdown.key}` : ""}:`);
    lines.push(
      table([
        ["value", "entered", "converted", "conversion"],
        ...r.breakdown.groups.map((g) => [
          g.other ? "(other)" : (g.value ?? "(none)"),
          n(g.entered),
          n(g.converted),
          pct(g.overallConversion),
        ]),
      ]),
    );
  }
  return lines.join("\n");
}

function paths(r: PathsResult): string {
  const lines = [`${n(r.profiles)} profiles; top paths (${r.anchor}, depth ${r.depth}):`];
  for (const p of r.paths)
    lines.push(
      `  ${n(p.profiles).padStart(8)}  ${pct(p.share).padStart(6)}  ${p.path.join(" → ")}`,
    );
  if (r.comparison) {
    const [a, b] = r.comparison.groups;
    lines.push(
      "",
      `${a} (${n(r.comparison.profiles[0])}) vs ${b} (${n(r.comparison.profiles[1])}):`,
    );
    for (const p of r.comparison.paths)
      lines.push(
        `  ${pct(p.share[0]).padStart(6)} vs ${pct(p.share[1]).padStart(6)}  ${p.path.join(" → ")}`,
      );
  }
  return lines.join("\n");
}

function map(r: MapResult): string {
  const lines = [
    `${n(r.profiles)} profiles; ${r.pruning.kept} of ${r.pruning.edges} edges (${r.activity}):`,
  ];
  lines.push(
    table([
      ["from → to", "count", "profiles", "median"],
      ...r.edges.map((e) => [
        `${e.from} → ${e.to}`,
        n(e.count),
        n(e.profiles),
        duration(e.medianMs),
      ]),
    ]),
  );
  if (r.variants.length > 0) {
    lines.push("", "most frequent variants:");
    for (const v of r.variants)
      lines.push(`  ${n(v.profiles).padStart(8)}  ${v.trace.join(" → ")}`);
  }
  return lines.join("\n");
}

function retention(r: RetentionResult): string {
  const periods = r.cohorts[0]?.returned.length ?? 0;
  return [
    `retention by ${r.period}:`,
    table([
      ["cohort", "profiles", ...Array.from({ length: periods }, (_, i) => `${r.period[0]}${i}`)],
      ...r.cohorts.map((c) => [
        c.cohort.slice(0, 10),
        n(c.profiles),
        ...c.rates.map((x) => pct(x)),
      ]),
    ]),
    "",
    `active profiles per ${r.active.interval}: ${r.active.series
      .slice(-10)
      .map((s) => `${s.period.slice(0, 10)} ${n(s.profiles)}`)
      .join(", ")}`,
  ].join("\n");
}

function sessions(r: SessionsResult): string {
  return [
    `${n(r.sessions)} sessions of ${n(r.profiles)} profiles (gap ${r.gapMinutes}m); median ${duration(r.medianDurationMs)}, p90 ${duration(r.p90DurationMs)}; ${(r.eventsPerSession ?? 0).toFixed(1)} events per session; ${n(r.multiChannelSessions)} on several channels`,
    "channel paths:",
    ...r.channelPaths.map((c) => `  ${n(c.sessions).padStart(8)}  ${c.channels.join(" > ")}`),
    `entries: ${r.entries.map((e) => `${e.event} (${n(e.sessions)})`).join(", ")}`,
    `exits:   ${r.exits.map((e) => `${e.event} (${n(e.sessions)})`).join(", ")}`,
  ].join("\n");
}

function stages(r: StagesResult): string {
  const lines = [
    table([
      ["stage", "events", "profiles", "furthest"],
      ...r.stages.map((s) => [`${s.order}. ${s.stage}`, n(s.events), n(s.profiles), n(s.furthest)]),
    ]),
    "",
    `transitions: ${r.transitions
      .slice(0, 10)
      .map((t) => `${t.from} → ${t.to} (${n(t.count)})`)
      .join(", ")}`,
  ];
  if (r.profile) {
    lines.push("", `profile ${r.profile.id}: furthest ${r.profile.furthest ?? "–"}`);
    for (const t of r.profile.timeline) lines.push(`  ${t.at}  ${t.stage.padEnd(14)} ${t.event}`);
  }
  return lines.join("\n");
}

/** The text form of a journey analysis result (the JSON form is `--json`). */
export function formatJourneyResult(name: JourneyAnalysisName, result: unknown): string {
  switch (name) {
    case "funnel":
      return funnel(result as FunnelResult);
    case "paths":
      return paths(result as PathsResult);
    case "map":
      return map(result as MapResult);
    case "retention":
      return retention(result as RetentionResult);
    case "sessions":
      return sessions(result as SessionsResult);
    case "stages":
      return stages(result as StagesResult);
  }
}
