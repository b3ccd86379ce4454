import type { AuditResult } from "../core/gaps/audit-result.ts";
import type { ContinuityResult } from "../core/gaps/continuity-result.ts";
import { formatP, rootCauseText } from "../core/gaps/gap-summary.ts";
import type { TasksResult } from "../core/gaps/tasks-result.ts";
import type { GapsResult } from "../gaps/gaps.ts";
import { duration, table } from "./journeys-format.ts";

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)}%`;
const n = (x: number) => x.toLocaleString("en-US");
const score = (s: { mean: number; responses: number } | null) =>
  s ? `${s.mean.toFixed(2)} (${n(s.responses)})` : "–";

export function formatTasks(r: TasksResult): string {
  const blocks = r.tasks.map((t) =>
    [
      `${t.definition}: ${n(t.attempts)} attempts, ${pct(t.completionRate)} completed`,
      table([
        [
          "channel",
          "attempts",
          "profiles",
          "completed",
          "failed",
          "abandoned",
          "median",
          "CSAT",
          "CES",
          "sentiment",
        ],
        ...t.channels.map((c) => [
          c.channel,
          n(c.attempts),
          n(c.profiles),
          pct(c.completionRate),
          pct(c.failureRate),
          pct(c.abandonRate),
          duration(c.medianTimeMs),
          score(c.csat),
          score(c.ces),
          c.sentiment ? c.sentiment.mean.toFixed(2) : "–",
        ]),
      ]),
    ].join("\n"),
  );
  if (r.sentimentNote) blocks.push(`note: ${r.sentimentNote}`);
  return blocks.join("\n\n") || "no tasks configured";
}

export function formatGaps(r: GapsResult): string {
  const significant = r.gaps.filter((g) => g.significant);
  const lines = significant.flatMap((g) => [
    `${g.rank}. [${g.priority}] ${g.summary}`,
    ...g.rootCauses
      .slice(1)
      .map(
        (c) =>
          `     also ${rootCauseText(c)} (explains ${pct(c.explainedShare)}, q ${formatP(c.qValue).slice(2)})`,
      ),
  ]);
  if (significant.length === 0) lines.push(`no significant channel gap (alpha ${r.alpha})`);
  const rest = r.gaps.length - significant.length;
  if (rest > 0) lines.push(`(${rest} comparisons without a significant gap; --json lists them)`);
  lines.push(
    "",
    table([
      ["#", "task", "channel", "metric", "type", "vs", "gap", "q", "impact", "priority"],
      ...r.gaps.map((g) => [
        String(g.rank),
        g.task ?? "(content)",
        g.channel,
        g.metric,
        g.type,
        g.bestChannel,
        g.metric === "time"
          ? `+${duration(g.gap)}`
          : g.metric === "csat" || g.metric === "ces"
            ? g.gap.toFixed(2)
            : `${(g.gap * 100).toFixed(1)} pts`,
        formatP(g.qValue).replace("p ", ""),
        g.impact.toFixed(1),
        g.priority,
      ]),
    ]),
  );
  return lines.join("\n");
}

export function formatContinuity(r: ContinuityResult): string {
  const lines = [
    `channel switches within ${r.windowMinutes} min: ${n(r.switches)} of ${n(r.transitions)} consecutive contacts (${pct(r.switchRate)}), ${n(r.switchingProfiles)} profiles`,
    table([
      ["from → to", "switches", "profiles"],
      ...r.pairs.map((p) => [`${p.from} → ${p.to}`, n(p.switches), n(p.profiles)]),
    ]),
  ];
  for (const t of r.tasks) {
    lines.push(
      "",
      `${t.task}: ${n(t.switched)} of ${n(t.attempts)} attempts followed by another channel (${pct(t.switchRate)}), ${n(t.withinTask)} during the task; context lost (restarted on the new channel): ${pct(t.contextLostRate)}`,
      table([
        [
          "from → to",
          "switches",
          "during",
          "after fail/abandon",
          "restarts",
          "context lost",
          "restart completed",
        ],
        ...t.pairs.map((p) => [
          `${p.from} → ${p.to}`,
          n(p.switches),
          n(p.withinTask),
          n(p.outcomes.failed + p.outcomes.abandoned),
          n(p.restarts),
          pct(p.contextLostRate),
          pct(p.completionAfterRestart),
        ]),
      ]),
    );
  }
  return lines.join("\n");
}

export function formatAudit(r: AuditResult): string {
  const lines = [
    `${n(r.rows)} rows, ${n(r.keys)} items on ${r.channels.join(", ")} (${r.languages.join(", ")})`,
    table([
      ["channel", "rows", "flagged items", "conflicts", "missing", "stale", "brand voice"],
      ...r.summary.map((s) => [
        s.channel,
        n(s.rows),
        `${n(s.flaggedItems)} of ${n(s.items)}`,
        n(s.conflicts),
        n(s.missing),
        n(s.stale),
        n(s.brandVoice),
      ]),
    ]),
  ];
  if (r.conflicts.length > 0) lines.push("", "conflicting facts:");
  for (const c of r.conflicts) {
    const values = c.values
      .map((v) => `${v.channel}${v.language ? `/${v.language}` : ""} "${v.value}"`)
      .join(", ");
    lines.push(
      `  ${c.key}.${c.field}: ${values} — off: ${c.channels.join(", ")} (reference ${c.reference.channel})`,
    );
  }
  if (r.missing.length > 0) lines.push("", "missing:");
  for (const m of r.missing)
    lines.push(`  ${m.key} not on ${m.channel}${m.language ? ` in ${m.language}` : ""}`);
  if (r.stale.length > 0) lines.push("", "stale versions:");
  for (const s of r.stale) {
    lines.push(
      `  ${s.key} on ${s.channel} (${s.version ?? s.updatedAt ?? "?"}) behind ${s.latest.channel} (${s.latest.version ?? s.latest.updatedAt ?? "?"}): ${s.fields.join(", ")}`,
    );
  }
  if (r.brandVoice.length > 0) lines.push("", "brand voice:");
  for (const f of r.brandVoice) {
    lines.push(
      `  [${f.severity}] ${f.channel} ${f.key}${f.field ? `.${f.field}` : ""}: ${f.rule} — ${f.message}`,
    );
  }
  return lines.join("\n");
}
