import type { EdgeEvidence, NodeEvidence } from "./evidence.ts";
import { profileIdOf } from "./profile-id.ts";
import type { Assignment, IdentityRules, ResolveOptions } from "./resolve-graph.ts";

/**
 * A deliberately naive implementation of the resolution rules in docs/identity.md — sets,
 * repeated scans, no indexes — for property tests of the fast `resolveGraph` on tiny graphs.
 */
export function referenceResolve(
  nodes: readonly NodeEvidence[],
  edges: readonly EdgeEvidence[],
  rules: IdentityRules,
  options: ResolveOptions,
): Map<string, Assignment> {
  const typeOf = (k: string) => k.slice(0, k.indexOf(":"));
  const valueOfKey = (k: string) => k.slice(k.indexOf(":") + 1);
  const extras = new Set(options.extraKeys.map((k) => k.type));
  const keys = nodes.map((n) => n.key);
  const links = (k: string) =>
    edges.filter((e) => e.a === k || e.b === k).map((e) => ({ other: e.a === k ? e.b : e.a, e }));
  const status = new Map<string, Assignment["status"]>();
  for (const k of keys) {
    const around = links(k).map((l) => l.other);
    const users = new Set(around.filter((o) => typeOf(o) === "user_id").map(valueOfKey));
    for (const o of around) if (extras.has(typeOf(o))) users.delete(valueOfKey(o));
    if (typeOf(k) !== "user_id" && users.size > options.maxUserIdsPerValue)
      status.set(k, "guarded");
    else if (rules.detached.includes(k)) status.set(k, "detached");
    else status.set(k, "linked");
  }
  const linked = (k: string) => status.get(k) === "linked";
  const system = (k: string) =>
    typeOf(k) === "user_id" &&
    links(k).some((l) => extras.has(typeOf(l.other)) && valueOfKey(l.other) === valueOfKey(k));
  const rank = (k: string) => {
    const at = options.priority.indexOf(typeOf(k));
    return (at === -1 ? options.priority.length : at) + (system(k) ? 0.5 : 0);
  };
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  const split = (members: string[]): string[][] => {
    const inside = new Set(members);
    let anchors: string[] | undefined;
    for (const rule of [...rules.doNotLink].sort((x, y) => byKey(x.id, y.id))) {
      const present = [...new Set(rule.keys)].filter((k) => inside.has(k));
      if (present.length >= 2) {
        anchors = present.sort(byKey);
        break;
      }
    }
    if (!anchors) {
      const types = [...new Set(members.map(typeOf))].sort((x, y) => rank(`${x}:`) - rank(`${y}:`));
      for (const type of types) {
        const limit = options.limits[type];
        const counted = members.filter((k) => typeOf(k) === type && !system(k));
        if (limit !== undefined && counted.length > limit) {
          anchors = counted.sort(byKey);
          break;
        }
      }
    }
    if (!anchors || members.length === 1) return [members];
    const label = new Map(anchors.map((a, i) => [a, i]));
    for (;;) {
      const next = new Map(label);
      for (const v of members) {
        if (label.has(v) || !linked(v)) continue;
        const score = anchors.map(() => ({ count: 0, earliest: Number.POSITIVE_INFINITY }));
        for (const { other, e } of links(v)) {
          const k = label.get(other);
          if (k === undefined || !inside.has(other)) continue;
          const s = score[k] as { count: number; earliest: number };
          s.count++;
          s.earliest = Math.min(s.earliest, e.firstSeen);
        }
        let best = -1;
        score.forEach((s, k) => {
          const b = score[best];
          if (
            s.count > 0 &&
            (!b || s.count > b.count || (s.count === b.count && s.earliest < b.earliest))
          )
            best = k;
        });
        if (best !== -1) next.set(v, best);
      }
      if (next.size === label.size) break;
      for (const [k, v] of next) label.set(k, v);
    }
    return anchors.flatMap((_, k) => split(members.filter((m) => label.get(m) === k)));
  };

  const result = new Map<string, Assignment>();
  const seen = new Set<string>();
  for (const start of keys) {
    if (seen.has(start)) continue;
    const component = [start];
    seen.add(start);
    for (let i = 0; i < component.length && linked(start); i++) {
      for (const { other } of links(component[i] as string)) {
        if (!seen.has(other) && keys.includes(other) && linked(other)) {
          seen.add(other);
          component.push(other);
        }
      }
    }
    const componentId = [...component].sort(byKey)[0] as string;
    for (const group of split(component)) {
      const lead = [...group].sort((a, b) => rank(a) - rank(b) || byKey(a, b))[0] as string;
      for (const key of group) {
        result.set(key, {
          key,
          profileId: profileIdOf(lead),
          componentId,
          status: status.get(key) ?? "linked",
        });
      }
    }
  }
  return result;
}
