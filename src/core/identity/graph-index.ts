import type { EdgeEvidence, NodeEvidence } from "./evidence.ts";
import type { IdentityOptions } from "./identity-options.ts";

/**
 * Evidence by integer index, the form resolution works on: `keys[0 .. nodeCount)` are the
 * identifiers to resolve, later keys are outside ones that edges reach (they never link).
 */
export interface IndexedEvidence {
  keys: string[];
  index: Map<string, number>;
  nodeCount: number;
  edgeA: ArrayLike<number>;
  edgeB: ArrayLike<number>;
  edgeFirstSeen: ArrayLike<number>;
}

/** Indexes evidence objects (the incremental path's form). */
export function indexEvidence(
  nodes: readonly NodeEvidence[],
  edges: readonly EdgeEvidence[],
): IndexedEvidence {
  const keys = nodes.map((n) => n.key);
  const index = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) index.set(keys[i] as string, i);
  const indexOf = (key: string) => {
    let i = index.get(key);
    if (i === undefined) {
      i = keys.push(key) - 1;
      index.set(key, i);
    }
    return i;
  };
  const edgeA = new Int32Array(edges.length);
  const edgeB = new Int32Array(edges.length);
  const edgeFirstSeen = new Float64Array(edges.length);
  edges.forEach((edge, e) => {
    edgeA[e] = indexOf(edge.a);
    edgeB[e] = indexOf(edge.b);
    edgeFirstSeen[e] = edge.firstSeen;
  });
  return { keys, index, nodeCount: nodes.length, edgeA, edgeB, edgeFirstSeen };
}

export interface Graph {
  keys: string[];
  index: Map<string, number>;
  /** Type id per node; `types[typeId]` is its name, `rank[typeId]` its priority. */
  typeOf: Int32Array;
  types: string[];
  rank: number[];
  userType: number;
  extraType: Uint8Array;
  /** Compressed adjacency: neighbours of i are `adj[offset[i] .. offset[i + 1])`. */
  offset: Int32Array;
  adj: Int32Array;
  /** The edge behind each adjacency slot, for its first-seen time. */
  adjFirstSeen: Float64Array;
}

/** Types, priorities and compressed adjacency of indexed evidence. */
export function buildGraph(
  evidence: IndexedEvidence,
  options: Pick<IdentityOptions, "priority" | "extraKeys">,
): Graph {
  const { keys, edgeA, edgeB, edgeFirstSeen } = evidence;
  const types: string[] = [];
  const typeIds = new Map<string, number>();
  const typeOf = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    // A prefix test against the few types seen so far: no substring per identifier.
    let id = -1;
    for (let t = 0; t < types.length; t++) {
      const type = types[t] as string;
      if (key.startsWith(type) && key.charCodeAt(type.length) === 58) {
        id = t;
        break;
      }
    }
    if (id === -1) {
      const type = key.slice(0, key.indexOf(":"));
      id = types.push(type) - 1;
      typeIds.set(type, id);
    }
    typeOf[i] = id;
  }
  const rank = types.map((t) => {
    const at = options.priority.indexOf(t);
    return at === -1 ? options.priority.length : at;
  });
  const extras = new Set(options.extraKeys.map((k) => k.type));
  const extraType = Uint8Array.from(types, (t) => (extras.has(t) ? 1 : 0));

  const edges = edgeA.length;
  const offset = new Int32Array(keys.length + 1);
  for (let e = 0; e < edges; e++) {
    offset[(edgeA[e] as number) + 1] = (offset[(edgeA[e] as number) + 1] as number) + 1;
    offset[(edgeB[e] as number) + 1] = (offset[(edgeB[e] as number) + 1] as number) + 1;
  }
  for (let i = 0; i < keys.length; i++) {
    offset[i + 1] = (offset[i + 1] as number) + (offset[i] as number);
  }
  const fill = offset.slice(0, keys.length);
  const adj = new Int32Array(edges * 2);
  const adjFirstSeen = new Float64Array(edges * 2);
  for (let e = 0; e < edges; e++) {
    const a = edgeA[e] as number;
    const b = edgeB[e] as number;
    const seen = edgeFirstSeen[e] as number;
    const slotA = fill[a] as number;
    const slotB = fill[b] as number;
    adj[slotA] = b;
    adjFirstSeen[slotA] = seen;
    adj[slotB] = a;
    adjFirstSeen[slotB] = seen;
    fill[a] = slotA + 1;
    fill[b] = slotB + 1;
  }
  const userType = typeIds.get("user_id") ?? -1;
  return {
    keys,
    index: evidence.index,
    typeOf,
    types,
    rank,
    userType,
    extraType,
    offset,
    adj,
    adjFirstSeen,
  };
}
