import type { Graph } from "./graph-index.ts";
import type { Conflict, IdentityRules } from "./resolve-graph.ts";

/** What splitting a component needs of the whole graph. */
export interface ComponentGraph extends Graph {
  excluded: Uint8Array;
  ruleIndex: {
    rules: IdentityRules["doNotLink"];
    members: number[][];
    byNode: Map<number, number[]>;
  };
  /** Types with a limit, in priority order. */
  limited: readonly { type: string; id: number; limit: number }[];
  conflicts: Conflict[];
}

type Members = ArrayLike<number> & Iterable<number>;

interface Violation {
  kind: "limit" | "do_not_link";
  type: string | null;
  anchors: number[];
  detail: string;
}

/**
 * The profiles of one connected component. When the component breaks a do-not-link rule or a
 * per-type limit, the merge does not happen: the identifiers in question become anchors, every
 * other identifier joins the anchor it has most evidence for, and each part is checked again.
 * Rules are checked before limits, limits in type priority order.
 */
export function splitComponent(
  members: Members,
  componentId: string,
  graph: ComponentGraph,
): Members[] {
  if (members.length === 1) return [members];
  const violation = findViolation(members, graph);
  if (!violation) return [members];
  const keys = violation.anchors.map((i) => graph.keys[i] as string);
  graph.conflicts.push({
    componentId,
    kind: violation.kind,
    type: violation.type,
    identifiers: keys,
    detail: violation.detail,
  });
  return attach(members, violation.anchors, graph).flatMap((part) =>
    splitComponent(part, componentId, graph),
  );
}

const byKey = (graph: Graph) => (x: number, y: number) => {
  const a = graph.keys[x] as string;
  const b = graph.keys[y] as string;
  return a < b ? -1 : a > b ? 1 : 0;
};

function findViolation(members: Members, graph: ComponentGraph): Violation | undefined {
  const { ruleIndex } = graph;
  if (ruleIndex.byNode.size > 0) {
    const inGroup = new Set(members);
    const touched = new Set<number>();
    for (const i of members) for (const r of ruleIndex.byNode.get(i) ?? []) touched.add(r);
    for (const r of [...touched].sort((x, y) => x - y)) {
      const present = (ruleIndex.members[r] ?? []).filter((i) => inGroup.has(i));
      if (present.length < 2) continue;
      return {
        kind: "do_not_link",
        type: null,
        anchors: present.sort(byKey(graph)),
        detail: `split rule ${ruleIndex.rules[r]?.id}: these identifiers are kept in separate profiles`,
      };
    }
  }
  for (const { type, id, limit } of graph.limited) {
    // Most components are within every limit: count before building the anchor list.
    let count = 0;
    for (const i of members) if (graph.typeOf[i] === id) count++;
    if (count <= limit) continue;
    const counted = Array.from(members).filter(
      (i) => graph.typeOf[i] === id && !(id === graph.userType && isSystemUserId(i, graph)),
    );
    if (counted.length <= limit) continue;
    return {
      kind: "limit",
      type,
      anchors: counted.sort(byKey(graph)),
      detail: `${counted.length} ${type} values would share a profile (limit ${limit}): not merged`,
    };
  }
  return undefined;
}

/** A userId that equals an extra key's value on the same message: another system's id. */
export function isSystemUserId(i: number, graph: Graph): boolean {
  const key = graph.keys[i] as string;
  const value = key.slice(key.indexOf(":") + 1);
  for (let s = graph.offset[i] as number; s < (graph.offset[i + 1] as number); s++) {
    const j = graph.adj[s] as number;
    if (!graph.extraType[graph.typeOf[j] as number]) continue;
    const other = graph.keys[j] as string;
    if (other.slice(other.indexOf(":") + 1) === value) return true;
  }
  return false;
}

/**
 * Multi-source breadth-first attachment, one layer at a time so that the result does not
 * depend on visiting order: each identifier next to the assigned ones joins the anchor with
 * the most links to it, then the earliest such link, then the anchor with the smallest key.
 */
function attach(members: Members, anchors: number[], graph: ComponentGraph): number[][] {
  const label = new Map<number, number>();
  for (const i of members) label.set(i, -1);
  for (const [k, a] of anchors.entries()) label.set(a, k);
  let frontier = anchors;
  while (frontier.length > 0) {
    const scores = new Map<number, { count: number[]; earliest: number[] }>();
    for (const u of frontier) {
      const k = label.get(u) as number;
      for (let s = graph.offset[u] as number; s < (graph.offset[u + 1] as number); s++) {
        const v = graph.adj[s] as number;
        if (label.get(v) !== -1 || graph.excluded[v]) continue;
        let score = scores.get(v);
        if (!score) {
          score = { count: new Array(anchors.length).fill(0), earliest: [] };
          scores.set(v, score);
        }
        score.count[k] = (score.count[k] as number) + 1;
        const seen = graph.adjFirstSeen[s] as number;
        score.earliest[k] = Math.min(score.earliest[k] ?? Number.POSITIVE_INFINITY, seen);
      }
    }
    for (const [v, { count, earliest }] of scores) {
      let best = -1;
      for (let k = 0; k < anchors.length; k++) {
        const c = count[k] as number;
        if (c === 0) continue;
        const b = best === -1 ? 0 : (count[best] as number);
        const e = earliest[k] as number;
        if (best === -1 || c > b || (c === b && e < (earliest[best] as number))) best = k;
      }
      label.set(v, best);
    }
    frontier = [...scores.keys()];
  }
  const parts: number[][] = anchors.map(() => []);
  for (const i of members) {
    const k = label.get(i) as number;
    // Unreachable from every anchor only if the component was not connected: keep it alone.
    if (k === -1) parts.push([i]);
    else parts[k]?.push(i);
  }
  return parts;
}
