import type { StoredEvent } from "../stored-event.ts";
import { Blocklist } from "./blocklist.ts";
import { type EdgeEvidence, EvidenceBuilder, edgeKey } from "./evidence.ts";
import type { IdentityOptions } from "./identity-options.ts";
import {
  type Conflict,
  type IdentityRules,
  NO_RULES,
  resolveGraph,
  resolveIndexed,
} from "./resolve-graph.ts";
import {
  type GraphSource,
  type IdentityUpdate,
  planUpdate,
  type StoredNode,
} from "./update-plan.ts";

/**
 * The identity graph in memory: the same incremental algorithm the store-backed service runs
 * (`planUpdate`), over maps. Used by the property tests, the in-memory quality check and the
 * benchmark.
 */
export class IdentityGraph implements GraphSource {
  readonly nodesByKey = new Map<string, StoredNode>();
  /** Adjacency lists; both ends of an edge hold the same object. */
  readonly #edges = new Map<string, EdgeEvidence[]>();
  readonly #members = new Map<string, Set<string>>();
  readonly conflicts = new Map<string, Conflict[]>();
  readonly #blocklist: Blocklist;

  constructor(
    readonly options: IdentityOptions,
    public rules: IdentityRules = NO_RULES,
  ) {
    this.#blocklist = new Blocklist(options);
  }

  /** Adds the identifiers of these events and re-resolves what they touch. */
  async addEvents(events: Iterable<StoredEvent>): Promise<IdentityUpdate> {
    const builder = new EvidenceBuilder(this.options, this.#blocklist);
    for (const event of events) builder.addEvent(event);
    return this.addEvidence(builder);
  }

  async addEvidence(evidence: EvidenceBuilder): Promise<IdentityUpdate> {
    const update = await planUpdate(
      this,
      { nodes: evidence.nodes(), edges: evidence.edges() },
      [],
      this.rules,
      this.options,
    );
    this.apply(update);
    return update;
  }

  /** Replaces the rules and re-resolves the identifiers they name (a split or its undo). */
  async setRules(rules: IdentityRules, touched: readonly string[]): Promise<IdentityUpdate> {
    this.rules = rules;
    const update = await planUpdate(this, { nodes: [], edges: [] }, touched, rules, this.options);
    this.apply(update);
    return update;
  }

  /** Loads evidence into an empty graph at once (a rebuild): the fast way to a large graph. */
  load(evidence: EvidenceBuilder): void {
    if (this.nodesByKey.size > 0) throw new Error("load() needs an empty graph");
    const resolved = resolveIndexed(evidence.indexed(), this.rules, this.options);
    evidence.nodes().forEach((node, i) => {
      this.#place({
        ...node,
        profileId: resolved.profileIds[i] as string,
        componentId: resolved.componentIds[i] as string,
        status: resolved.status[i] as StoredNode["status"],
      });
    });
    for (const edge of evidence.edges()) this.#link(edge);
    this.#addConflicts(resolved.conflicts);
  }

  /** Fills an empty graph with stored state, as it is (no resolution). */
  restore(nodes: Iterable<StoredNode>, edges: Iterable<EdgeEvidence>, conflicts: Conflict[]): void {
    if (this.nodesByKey.size > 0) throw new Error("restore() needs an empty graph");
    for (const node of nodes) this.#place(node);
    for (const edge of edges) this.#link(edge);
    this.#addConflicts(conflicts);
  }

  /** Resolves everything from scratch: what `addEvents` must agree with. */
  rebuild(): { assignments: Map<string, StoredNode>; conflicts: Conflict[] } {
    const edges = new Map<string, EdgeEvidence>();
    for (const around of this.#edges.values())
      for (const e of around) edges.set(edgeKey(e.a, e.b), e);
    const nodes = [...this.nodesByKey.values()];
    const resolution = resolveGraph(nodes, [...edges.values()], this.rules, this.options);
    const assignments = new Map<string, StoredNode>();
    for (const a of resolution.assignments) {
      const node = this.nodesByKey.get(a.key) as StoredNode;
      assignments.set(a.key, { ...node, ...a });
    }
    return { assignments, conflicts: resolution.conflicts };
  }

  profileOf(key: string): string | undefined {
    return this.nodesByKey.get(key)?.profileId;
  }

  allConflicts(): Conflict[] {
    return [...this.conflicts.values()].flat();
  }

  async nodes(keys: readonly string[]): Promise<StoredNode[]> {
    const found: StoredNode[] = [];
    for (const key of keys) {
      const node = this.nodesByKey.get(key);
      if (node) found.push(node);
    }
    return found;
  }

  async edgesBetween(pairs: readonly { a: string; b: string }[]): Promise<EdgeEvidence[]> {
    const found: EdgeEvidence[] = [];
    for (const { a, b } of pairs) {
      const edge = this.#edges.get(a)?.find((e) => e.a === b || e.b === b);
      if (edge) found.push(edge);
    }
    return found;
  }

  async edgesOf(keys: readonly string[]): Promise<EdgeEvidence[]> {
    // Both ends hold the same object: a set of objects dedupes without building keys.
    const found = new Set<EdgeEvidence>();
    for (const key of keys) for (const e of this.#edges.get(key) ?? []) found.add(e);
    return [...found];
  }

  async componentMembers(componentIds: readonly string[]): Promise<StoredNode[]> {
    const found: StoredNode[] = [];
    for (const id of componentIds)
      for (const key of this.#members.get(id) ?? [])
        found.push(this.nodesByKey.get(key) as StoredNode);
    return found;
  }

  apply(update: IdentityUpdate): void {
    for (const edge of [...update.newEdges, ...update.changedEdges]) this.#link(edge);
    for (const node of [...update.newNodes, ...update.changedNodes]) this.#place(node);
    for (const id of update.components) this.conflicts.delete(id);
    this.#addConflicts(update.conflicts);
  }

  #link(edge: EdgeEvidence): void {
    for (const [from, to] of [
      [edge.a, edge.b],
      [edge.b, edge.a],
    ] as const) {
      const around = this.#edges.get(from);
      if (!around) this.#edges.set(from, [edge]);
      else {
        const at = around.findIndex((e) => e.a === to || e.b === to);
        if (at === -1) around.push(edge);
        else around[at] = edge;
      }
    }
  }

  #place(node: StoredNode): void {
    const old = this.nodesByKey.get(node.key);
    if (old) {
      const members = this.#members.get(old.componentId);
      members?.delete(node.key);
      if (members?.size === 0) this.#members.delete(old.componentId);
    }
    const members = this.#members.get(node.componentId) ?? new Set<string>();
    this.#members.set(node.componentId, members);
    members.add(node.key);
    this.nodesByKey.set(node.key, node);
  }

  #addConflicts(conflicts: readonly Conflict[]): void {
    for (const conflict of conflicts) {
      const list = this.conflicts.get(conflict.componentId);
      if (list) list.push(conflict);
      else this.conflicts.set(conflict.componentId, [conflict]);
    }
  }
}
