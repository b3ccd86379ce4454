import { profileIdOf } from "../core/identity/profile-id.ts";
import type { IdentityRules } from "../core/identity/resolve-graph.ts";
import type { EventStore } from "../store/event-store.ts";

/** An admin's split, kept as a rule that later events and rebuilds obey. */
export interface SplitRule {
  id: string;
  /** `detach`: one identifier that links nothing; `do_not_link`: never in one profile. */
  kind: "detach" | "do_not_link";
  identifiers: string[];
  note: string | null;
  createdAt: string;
}

/** The same split twice is the same rule: its id is a hash of what it says. */
export function splitRule(keys: readonly string[], note: string | null, now: Date): SplitRule {
  const identifiers = [...new Set(keys)].sort();
  const kind = identifiers.length === 1 ? "detach" : "do_not_link";
  return {
    id: `split_${profileIdOf(`${kind}\n${identifiers.join("\n")}`).slice(2, 14)}`,
    kind,
    identifiers,
    note,
    createdAt: now.toISOString(),
  };
}

export function toIdentityRules(rules: readonly SplitRule[]): IdentityRules {
  return {
    detached: rules.filter((r) => r.kind === "detach").flatMap((r) => r.identifiers),
    doNotLink: rules
      .filter((r) => r.kind === "do_not_link")
      .map((r) => ({ id: r.id, keys: r.identifiers })),
  };
}

export async function loadRules(store: EventStore): Promise<SplitRule[]> {
  const rows = await store.query(
    "SELECT id, kind, identifiers, note, created_at FROM identity_rules ORDER BY created_at, id",
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: String(r.kind) as SplitRule["kind"],
    identifiers: JSON.parse(String(r.identifiers)) as string[],
    note: r.note === null || r.note === undefined ? null : String(r.note),
    createdAt: new Date(r.created_at as string | Date).toISOString(),
  }));
}

export async function saveRule(store: EventStore, rule: SplitRule): Promise<void> {
  await store.exec(
    `INSERT INTO identity_rules (id, kind, identifiers, note, created_at)
     VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMPTZ)) ON CONFLICT (id) DO NOTHING`,
    [rule.id, rule.kind, JSON.stringify(rule.identifiers), rule.note, rule.createdAt],
  );
}

export async function deleteRule(store: EventStore, id: string): Promise<SplitRule | undefined> {
  const rule = (await loadRules(store)).find((r) => r.id === id);
  if (rule) await store.exec("DELETE FROM identity_rules WHERE id = $1", [id]);
  return rule;
}
