import type { EdgeEvidence } from "./evidence.ts";
import type { Conflict } from "./resolve-graph.ts";
import type { StoredNode } from "./update-plan.ts";

/** Why one identifier is in its profile: the link that brought it in, traced to the lead. */
export interface IdentifierExplanation {
  identifier: string;
  status: StoredNode["status"];
  firstSeen: string;
  firstMessageId: string;
  /** The identifier it is linked through (null for the lead), and the first message that did. */
  via: { identifier: string; messageId: string; at: string } | null;
  /** From the lead to this identifier. */
  path: string[];
}

/** An edge to an identifier outside the profile: a merge that did not happen, and why. */
export interface LinkKeptOut {
  identifier: string;
  other: string;
  otherProfileId: string | null;
  messageId: string;
  at: string;
  /** Why, as a code (the dashboard words it per language) and as the CLI's text. */
  reasonCode: KeptOutReason;
  reason: string;
}

export type KeptOutReason =
  | "guarded"
  | "detached"
  | "limit"
  | "split_rule"
  | "other_profile"
  | "unresolved";

export interface ProfileExplanation {
  profileId: string;
  lead: string;
  identifiers: IdentifierExplanation[];
  keptOut: LinkKeptOut[];
  conflicts: Conflict[];
}

/**
 * Explains a profile from its identifiers and every edge touching them: a breadth-first tree
 * from the lead identifier over links inside the profile (earliest link first), and the links
 * to identifiers in other profiles with the conflict or guard that kept them apart.
 */
export function explainProfile(input: {
  profileId: string;
  members: readonly StoredNode[];
  edges: readonly EdgeEvidence[];
  /** Profiles of identifiers outside this one that the edges reach. */
  outside: ReadonlyMap<string, StoredNode>;
  conflicts: readonly Conflict[];
}): ProfileExplanation {
  // Members come lead first, in the order the profile shows them.
  const byKey = new Map(input.members.map((m) => [m.key, m]));
  const keys = [...byKey.keys()];
  const lead = keys[0] ?? "";
  const inside = new Map<string, EdgeEvidence[]>();
  const keptOut: LinkKeptOut[] = [];
  for (const edge of [...input.edges].sort(byFirstSeen)) {
    const aIn = byKey.has(edge.a);
    const bIn = byKey.has(edge.b);
    if (aIn && bIn) {
      push(inside, edge.a, edge);
      push(inside, edge.b, edge);
    } else if (aIn || bIn) {
      const [mine, other] = aIn ? [edge.a, edge.b] : [edge.b, edge.a];
      const node = input.outside.get(other);
      keptOut.push({
        identifier: mine,
        other,
        otherProfileId: node?.profileId ?? null,
        messageId: edge.firstMessageId,
        at: new Date(edge.firstSeen).toISOString(),
        ...reasonApart(other, byKey.get(mine), node, input.conflicts),
      });
    }
  }
  const via = new Map<string, { from: string; edge: EdgeEvidence } | null>([[lead, null]]);
  const queue = [lead];
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head] as string;
    for (const edge of inside.get(key) ?? []) {
      const next = edge.a === key ? edge.b : edge.a;
      if (via.has(next)) continue;
      // Detached and guarded identifiers link nothing: never route a path through them.
      if (byKey.get(key)?.status !== "linked" && key !== lead) continue;
      via.set(next, { from: key, edge });
      queue.push(next);
    }
  }
  const pathTo = (key: string): string[] => {
    const step = via.get(key);
    return step ? [...pathTo(step.from), key] : [key];
  };
  return {
    profileId: input.profileId,
    lead,
    identifiers: keys.map((key) => {
      const node = byKey.get(key) as StoredNode;
      const step = via.get(key);
      return {
        identifier: key,
        status: node.status,
        firstSeen: new Date(node.firstSeen).toISOString(),
        firstMessageId: node.firstMessageId,
        via: step
          ? {
              identifier: step.from,
              messageId: step.edge.firstMessageId,
              at: new Date(step.edge.firstSeen).toISOString(),
            }
          : null,
        path: via.has(key) ? pathTo(key) : [key],
      };
    }),
    keptOut,
    conflicts: [...input.conflicts],
  };
}

const byFirstSeen = (x: EdgeEvidence, y: EdgeEvidence) =>
  x.firstSeen - y.firstSeen || (x.firstMessageId < y.firstMessageId ? -1 : 1);

function push(map: Map<string, EdgeEvidence[]>, key: string, edge: EdgeEvidence) {
  const list = map.get(key);
  if (list) list.push(edge);
  else map.set(key, [edge]);
}

function reasonApart(
  other: string,
  mineNode: StoredNode | undefined,
  otherNode: StoredNode | undefined,
  conflicts: readonly Conflict[],
): { reasonCode: KeptOutReason; reason: string } {
  for (const node of [mineNode, otherNode]) {
    if (node?.status === "guarded") {
      return {
        reasonCode: "guarded",
        reason: `${node.key} is shared by too many user_ids (guarded)`,
      };
    }
    if (node?.status === "detached") {
      return { reasonCode: "detached", reason: `${node.key} was split off by an admin (detached)` };
    }
  }
  const conflict = conflicts.find((c) => c.kind !== "guard");
  if (conflict?.kind === "limit")
    return { reasonCode: "limit", reason: `limit: ${conflict.detail}` };
  if (conflict) return { reasonCode: "split_rule", reason: `split rule: ${conflict.detail}` };
  return otherNode
    ? { reasonCode: "other_profile", reason: "resolved into another profile" }
    : { reasonCode: "unresolved", reason: `${other} is not resolved yet` };
}
