import { type EdgeEvidence, edgeKey, mergeEdge, mergeNode, type NodeEvidence } from "./evidence.ts";
import {
  type Conflict,
  type IdentifierStatus,
  type IdentityRules,
  type ResolveOptions,
  resolveGraph,
} from "./resolve-graph.ts";

/** An identifier as stored: its evidence and where resolution put it. */
export interface StoredNode extends NodeEvidence {
  profileId: string;
  componentId: string;
  status: IdentifierStatus;
}

/** Where the incremental update reads the stored graph: the store, or memory in tests. */
export interface GraphSource {
  /** The stored identifiers among `keys` (new ones are simply missing). */
  nodes(keys: readonly string[]): Promise<StoredNode[]>;
  /** The stored edges among these pairs (given with `a < b`). */
  edgesBetween(pairs: readonly { a: string; b: string }[]): Promise<EdgeEvidence[]>;
  /** Every stored edge with an end among `keys`, once each. */
  edgesOf(keys: readonly string[]): Promise<EdgeEvidence[]>;
  /** Every stored identifier of these components. */
  componentMembers(componentIds: readonly string[]): Promise<StoredNode[]>;
}

/**
 * What to write back: new rows, changed rows, and the conflicts that replace those of
 * `components`. New and changed rows are apart so that the store needs no upsert (DuckDB's
 * upserts pay for an index that its scans do not need).
 */
export interface IdentityUpdate {
  newNodes: StoredNode[];
  changedNodes: StoredNode[];
  newEdges: EdgeEvidence[];
  changedEdges: EdgeEvidence[];
  /** Components whose stored conflicts are replaced by `conflicts`. */
  components: string[];
  conflicts: Conflict[];
  /** Identifiers looked at (the size of the recomputed part of the graph). */
  resolved: number;
}

/**
 * Plans an incremental update: new evidence plus `touched` identifiers (whose rules changed).
 * It reloads exactly the components the change can affect — those of the touched identifiers,
 * and of the neighbours of any identifier that starts linking again — and resolves them with
 * the same `resolveGraph` a full rebuild uses. Components are closed sets, so the result equals
 * the rebuild's for them (the property the tests check).
 */
export async function planUpdate(
  source: GraphSource,
  evidence: { nodes: Iterable<NodeEvidence>; edges: Iterable<EdgeEvidence> },
  touched: readonly string[],
  rules: IdentityRules,
  options: ResolveOptions,
): Promise<IdentityUpdate> {
  const fresh = new Map<string, NodeEvidence | undefined>();
  for (const node of evidence.nodes) fresh.set(node.key, node);
  for (const key of touched) if (!fresh.has(key)) fresh.set(key, undefined);
  const stored = new Map((await source.nodes([...fresh.keys()])).map((n) => [n.key, n]));

  const incoming = [...evidence.edges];
  const known = new Map<string, EdgeEvidence>();
  for (const edge of incoming.length > 0 ? await source.edgesBetween(incoming) : []) {
    known.set(edgeKey(edge.a, edge.b), edge);
  }
  const newEdges: EdgeEvidence[] = [];
  const changedEdges: EdgeEvidence[] = [];
  for (const edge of incoming) {
    const old = known.get(edgeKey(edge.a, edge.b));
    if (!old) newEdges.push(edge);
    else {
      const copy = { ...old };
      if (mergeEdge(copy, edge)) changedEdges.push(copy);
    }
  }

  const merged = new Map<string, NodeEvidence>();
  for (const [key, node] of fresh) {
    const old = stored.get(key);
    if (old && node) {
      const copy = { key, firstSeen: old.firstSeen, firstMessageId: old.firstMessageId };
      mergeNode(copy, node);
      merged.set(key, copy);
    } else if (old) merged.set(key, old);
    else if (node) merged.set(key, node);
  }

  // Only new identifiers, new or earlier links and rule changes can change a resolution (an
  // identifier seen earlier than recorded only needs its row updated): traffic that repeats
  // known identifiers costs two lookups, not re-resolution.
  const changed = new Set<string>(touched);
  for (const key of merged.keys()) if (!stored.has(key)) changed.add(key);
  for (const edge of [...newEdges, ...changedEdges]) changed.add(edge.a).add(edge.b);
  if (changed.size === 0) {
    return { ...EMPTY_UPDATE, changedNodes: evidenceOnlyChanges(merged, stored, new Set()) };
  }

  const edges = new Map<string, EdgeEvidence>();
  for (const edge of await source.edgesOf([...changed])) edges.set(edgeKey(edge.a, edge.b), edge);
  for (const edge of [...newEdges, ...changedEdges]) edges.set(edgeKey(edge.a, edge.b), edge);

  // An identifier that links again (guard no longer hit, rule removed) joins its neighbours'
  // components, which were not otherwise touched.
  const neighbours = adjacency(edges.values());
  const detached = new Set(rules.detached);
  const extraTypes = new Set(options.extraKeys.map((k) => k.type));
  const rejoining: string[] = [];
  for (const key of changed) {
    if (!merged.has(key)) continue;
    const was = stored.get(key)?.status;
    if (was === undefined || was === "linked" || detached.has(key)) continue;
    const around = neighbours.get(key) ?? [];
    if (!isGuarded(key, around, extraTypes, options.maxUserIdsPerValue)) rejoining.push(...around);
  }
  const components = new Set<string>();
  for (const key of changed) {
    const node = stored.get(key);
    if (node) components.add(node.componentId);
  }
  const outside = rejoining.filter((k) => !stored.has(k));
  for (const node of await source.nodes([...new Set(outside)])) components.add(node.componentId);

  const members = new Map<string, NodeEvidence>();
  for (const key of changed) {
    const node = merged.get(key);
    if (node) members.set(key, node);
  }
  const previous = new Map(stored);
  const loaded = components.size > 0 ? await source.componentMembers([...components]) : [];
  for (const node of loaded) {
    previous.set(node.key, node);
    if (!members.has(node.key)) members.set(node.key, merged.get(node.key) ?? node);
  }
  const others = [...members.keys()].filter((k) => !changed.has(k));
  for (const edge of others.length > 0 ? await source.edgesOf(others) : []) {
    const id = edgeKey(edge.a, edge.b);
    if (!edges.has(id)) edges.set(id, edge);
  }

  const resolution = resolveGraph([...members.values()], [...edges.values()], rules, options);
  const newNodes: StoredNode[] = [];
  const changedNodes: StoredNode[] = [];
  for (const a of resolution.assignments) {
    const evidenceNow = members.get(a.key) as NodeEvidence;
    const before = previous.get(a.key);
    const row: StoredNode = {
      key: a.key,
      firstSeen: evidenceNow.firstSeen,
      firstMessageId: evidenceNow.firstMessageId,
      profileId: a.profileId,
      componentId: a.componentId,
      status: a.status,
    };
    if (!before) newNodes.push(row);
    else if (!sameNode(before, row)) changedNodes.push(row);
    components.add(a.componentId);
  }
  changedNodes.push(...evidenceOnlyChanges(merged, stored, members));
  return {
    newNodes,
    changedNodes,
    newEdges,
    changedEdges,
    components: [...components].sort(),
    conflicts: resolution.conflicts,
    resolved: members.size,
  };
}

const EMPTY_UPDATE: IdentityUpdate = {
  newNodes: [],
  changedNodes: [],
  newEdges: [],
  changedEdges: [],
  components: [],
  conflicts: [],
  resolved: 0,
};

/** Known identifiers first seen earlier than recorded, outside the re-resolved components. */
function evidenceOnlyChanges(
  merged: ReadonlyMap<string, NodeEvidence>,
  stored: ReadonlyMap<string, StoredNode>,
  resolved: { has(key: string): boolean },
): StoredNode[] {
  const rows: StoredNode[] = [];
  for (const [key, node] of merged) {
    const before = stored.get(key);
    if (!before || resolved.has(key)) continue;
    if (before.firstSeen === node.firstSeen && before.firstMessageId === node.firstMessageId) {
      continue;
    }
    rows.push({ ...before, firstSeen: node.firstSeen, firstMessageId: node.firstMessageId });
  }
  return rows;
}

const sameNode = (x: StoredNode, y: StoredNode): boolean =>
  x.profileId === y.profileId &&
  x.componentId === y.componentId &&
  x.status === y.status &&
  x.firstSeen === y.firstSeen &&
  x.firstMessageId === y.firstMessageId;

function adjacency(edges: Iterable<EdgeEvidence>): Map<string, string[]> {
  const around = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const list = around.get(from);
    if (list) list.push(to);
    else around.set(from, [to]);
  };
  for (const edge of edges) {
    add(edge.a, edge.b);
    add(edge.b, edge.a);
  }
  return around;
}

/**
 * The shared-value guard, by key (`resolveGraph` applies the same rule on its index): a
 * non-user_id value seen with more distinct user_ids than `max`, not counting user_ids equal
 * to an extra key's value beside it.
 */
export function isGuarded(
  key: string,
  neighbours: readonly string[],
  extraTypes: ReadonlySet<string>,
  max: number,
): boolean {
  if (key.startsWith("user_id:")) return false;
  const users = new Set<string>();
  const extras = new Set<string>();
  for (const n of neighbours) {
    const colon = n.indexOf(":");
    const type = n.slice(0, colon);
    if (type === "user_id") users.add(n.slice(colon + 1));
    else if (extraTypes.has(type)) extras.add(n.slice(colon + 1));
  }
  if (users.size <= max) return false;
  for (const value of extras) users.delete(value);
  return users.size > max;
}
