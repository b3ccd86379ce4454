import type { EdgeEvidence, NodeEvidence } from "./evidence.ts";
import { buildGraph, type Graph, type IndexedEvidence, indexEvidence } from "./graph-index.ts";
import type { IdentityOptions } from "./identity-options.ts";
import { profileIdOf } from "./profile-id.ts";
import { type ComponentGraph, isSystemUserId, splitComponent } from "./split-component.ts";

/** Admin decisions that outrank evidence (`journeylens profile split`). */
export interface IdentityRules {
  /** Identifiers that link nothing: a split of one identifier. */
  detached: readonly string[];
  /** Identifiers that must end in different profiles: a split of several. */
  doNotLink: readonly { id: string; keys: readonly string[] }[];
}

export const NO_RULES: IdentityRules = { detached: [], doNotLink: [] };

export type ResolveOptions = Pick<
  IdentityOptions,
  "limits" | "priority" | "maxUserIdsPerValue" | "extraKeys"
>;

export type IdentifierStatus = "linked" | "guarded" | "detached";

export interface Assignment {
  key: string;
  profileId: string;
  /** The smallest key of the identifier's connected component. */
  componentId: string;
  status: IdentifierStatus;
}

/** A merge that did not happen, or a value that was stopped from linking: for review. */
export interface Conflict {
  componentId: string;
  kind: "limit" | "do_not_link" | "guard";
  type: string | null;
  /** The identifiers kept apart (limit, rule), or the identifier stopped (guard). */
  identifiers: string[];
  detail: string;
}

export interface Resolution {
  assignments: Assignment[];
  conflicts: Conflict[];
}

/** Resolution by node index: what `resolveGraph` returns, without an object per identifier. */
export interface IndexedResolution {
  profileIds: string[];
  componentIds: string[];
  status: IdentifierStatus[];
  conflicts: Conflict[];
}

/**
 * Resolves identifiers into profiles. The result is a pure function of the node and edge sets,
 * the rules and the options — so resolving a closed part of the graph (whole components) gives
 * exactly what a full rebuild gives for it. Edges may name nodes outside `nodes` (external):
 * those count for the shared-value guard of their neighbours but never link.
 *
 * 1. guard: a non-user_id value seen with more than `maxUserIdsPerValue` distinct user_ids
 *    links nothing (user_ids that equal an extra key's value on the same message — a CRM sync
 *    sending its contact id as userId — are that system's id and not counted);
 * 2. components: union-find over the edges between non-guarded, non-detached identifiers;
 * 3. each component that breaks a do-not-link rule or a per-type limit is split around anchors
 *    (`splitComponent`); the rest is one profile each.
 */
export function resolveGraph(
  nodes: readonly NodeEvidence[],
  edges: readonly EdgeEvidence[],
  rules: IdentityRules,
  options: ResolveOptions,
): Resolution {
  const resolved = resolveIndexed(indexEvidence(nodes, edges), rules, options);
  const assignments: Assignment[] = nodes.map((node, i) => ({
    key: node.key,
    profileId: resolved.profileIds[i] as string,
    componentId: resolved.componentIds[i] as string,
    status: resolved.status[i] as IdentifierStatus,
  }));
  return { assignments, conflicts: resolved.conflicts };
}

/** `resolveGraph` on indexed evidence: the full-rebuild path, for millions of identifiers. */
export function resolveIndexed(
  evidence: IndexedEvidence,
  rules: IdentityRules,
  options: ResolveOptions,
): IndexedResolution {
  const count = evidence.nodeCount;
  const graph = buildGraph(evidence, options);
  const conflicts: Conflict[] = [];
  const excluded = new Uint8Array(graph.keys.length);
  excluded.fill(1, count);
  const status: IdentifierStatus[] = new Array(count).fill("linked");
  guard(graph, count, options.maxUserIdsPerValue, status, conflicts);
  for (const key of rules.detached) {
    const i = graph.index.get(key);
    if (i !== undefined && i < count && status[i] === "linked") status[i] = "detached";
  }
  for (let i = 0; i < count; i++) if (status[i] !== "linked") excluded[i] = 1;

  const profileIds: string[] = new Array(count);
  const componentIds: string[] = new Array(count);
  const context: ComponentGraph = {
    ...graph,
    excluded,
    ruleIndex: indexRules(graph, rules),
    limited: limitedTypes(graph, options),
    conflicts,
  };
  const { order, starts } = connectedComponents(graph, count, excluded);
  for (let c = 0; c + 1 < starts.length; c++) {
    const members = order.subarray(starts[c] as number, starts[c + 1] as number);
    let componentId = graph.keys[members[0] as number] as string;
    for (const i of members) {
      const key = graph.keys[i] as string;
      if (key < componentId) componentId = key;
    }
    for (const group of splitComponent(members, componentId, context)) {
      const profileId = profileIdOf(graph.keys[leadOf(group, graph)] as string);
      for (const i of group) {
        profileIds[i] = profileId;
        componentIds[i] = componentId;
      }
    }
  }
  return { profileIds, componentIds, status, conflicts };
}

/** Limited types in priority order, with their limits. */
function limitedTypes(graph: Graph, options: ResolveOptions) {
  return graph.types
    .map((type, id) => ({ type, id, limit: options.limits[type] }))
    .filter((t): t is { type: string; id: number; limit: number } => t.limit !== undefined)
    .sort((x, y) => (graph.rank[x.id] as number) - (graph.rank[y.id] as number));
}

/** Marks non-user_id values shared by implausibly many distinct user_ids. */
function guard(
  graph: Graph,
  count: number,
  max: number,
  status: IdentifierStatus[],
  conflicts: Conflict[],
) {
  const { typeOf, offset, adj, keys, userType, extraType } = graph;
  for (let i = 0; i < count; i++) {
    if (typeOf[i] === userType) continue;
    let users = 0;
    for (let s = offset[i] as number; s < (offset[i + 1] as number); s++) {
      if (typeOf[adj[s] as number] === userType) users++;
    }
    if (users <= max) continue;
    const userValues = new Set<string>();
    const extraValues = new Set<string>();
    for (let s = offset[i] as number; s < (offset[i + 1] as number); s++) {
      const j = adj[s] as number;
      const key = keys[j] as string;
      const value = key.slice(key.indexOf(":") + 1);
      if (typeOf[j] === userType) userValues.add(value);
      else if (extraType[typeOf[j] as number]) extraValues.add(value);
    }
    for (const value of extraValues) userValues.delete(value);
    if (userValues.size <= max) continue;
    status[i] = "guarded";
    const key = keys[i] as string;
    conflicts.push({
      componentId: key,
      kind: "guard",
      type: graph.types[typeOf[i] as number] ?? null,
      identifiers: [key],
      detail: `seen with ${userValues.size} distinct user_ids (at most ${max}): it links nothing`,
    });
  }
}

/**
 * Connected components through non-excluded nodes (excluded nodes stand alone), as one array
 * of node indexes ordered by component, and where each component starts.
 */
function connectedComponents(graph: Graph, count: number, excluded: Uint8Array) {
  const parent = new Int32Array(count);
  for (let i = 0; i < count; i++) parent[i] = i;
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const { offset, adj } = graph;
  for (let i = 0; i < count; i++) {
    if (excluded[i]) continue;
    for (let s = offset[i] as number; s < (offset[i + 1] as number); s++) {
      const j = adj[s] as number;
      if (j < i && !excluded[j]) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  // Counting sort by root: components in order of their smallest index.
  const size = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const root = find(i);
    size[root] = (size[root] as number) + 1;
  }
  const startOf = new Int32Array(count);
  const starts: number[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (size[i] === 0) continue;
    startOf[i] = at;
    starts.push(at);
    at += size[i] as number;
  }
  starts.push(at);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const root = parent[i] as number;
    order[startOf[root] as number] = i;
    startOf[root] = (startOf[root] as number) + 1;
  }
  return { order, starts };
}

/** Node index → indexes of the do-not-link rules naming it (rules sorted by id). */
function indexRules(graph: Graph, rules: IdentityRules) {
  const sorted = [...rules.doNotLink].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const byNode = new Map<number, number[]>();
  const members = sorted.map((rule, r) => {
    const nodes: number[] = [];
    for (const key of rule.keys) {
      const i = graph.index.get(key);
      if (i === undefined || nodes.includes(i)) continue;
      nodes.push(i);
      const list = byNode.get(i);
      if (list) list.push(r);
      else byNode.set(i, [r]);
    }
    return nodes;
  });
  return { rules: sorted, members, byNode };
}

/** The profile's lead identifier (its id is a hash of it): highest-priority type, then smallest key. */
function leadOf(group: ArrayLike<number> & Iterable<number>, graph: Graph): number {
  // Another system's id sent as userId (a CRM contact id) leads only after the login ids.
  const rankOf = (i: number) =>
    (graph.rank[graph.typeOf[i] as number] as number) +
    (graph.typeOf[i] === graph.userType && isSystemUserId(i, graph) ? 0.5 : 0);
  let best = group[0] as number;
  let bestRank = rankOf(best);
  for (const i of group) {
    const r = rankOf(i);
    if (
      r < bestRank ||
      (r === bestRank && (graph.keys[i] as string) < (graph.keys[best] as string))
    ) {
      best = i;
      bestRank = r;
    }
  }
  return best;
}
