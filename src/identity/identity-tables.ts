import type { EdgeEvidence, RejectionCount } from "../core/identity/evidence.ts";
import { identifierKey, parseKey } from "../core/identity/identifier.ts";
import type { Conflict, IdentifierStatus } from "../core/identity/resolve-graph.ts";
import type { GraphSource, IdentityUpdate, StoredNode } from "../core/identity/update-plan.ts";
import type { EventStore } from "../store/event-store.ts";
import { aroundGeneration } from "../store/generations.ts";

/**
 * Rows per write statement. Small enough that event inserts, which share DuckDB's one writer
 * connection, get their turn between the statements of a large identity update (~25 ms each).
 */
const CHUNK = 10_000;

type Row = Record<string, unknown>;

const iso = (time: number) => new Date(time).toISOString();
const json = (values: readonly unknown[]) => JSON.stringify(values);
// Epoch milliseconds come back as bigint (DuckDB) or a numeric string (PostgreSQL).
const ms = (value: unknown) => Math.floor(Number(value));

export function rowToNode(row: Row): StoredNode {
  return {
    key: identifierKey(String(row.identifier_type), String(row.identifier_value)),
    profileId: String(row.profile_id),
    componentId: String(row.component_id),
    status: String(row.status) as IdentifierStatus,
    firstSeen: ms(row.first_ms),
    firstMessageId: String(row.first_message_id),
  };
}

function rowToEdge(row: Row): EdgeEvidence {
  const src = String(row.src_key);
  const dst = String(row.dst_key);
  const [a, b] = src < dst ? [src, dst] : [dst, src];
  return {
    a,
    b,
    firstSeen: ms(row.first_ms),
    firstMessageId: String(row.first_message_id),
  };
}

/** The identity tables of one store: the graph source of `planUpdate`, and its writes. */
export class IdentityTables implements GraphSource {
  /**
   * PostgreSQL stores each edge in both directions, so an identifier's edges are one index
   * range; DuckDB scans either way and stores each edge once (`src_key < dst_key`, JS order).
   */
  readonly #bothDirections: boolean;

  constructor(private readonly store: EventStore) {
    this.#bothDirections = store.kind === "postgres";
  }

  #list(placeholder: string, type?: "text" | "timestamptz") {
    return this.store.dialect.unnestJson(placeholder, type);
  }

  /** Only the columns the graph needs: converting values to JS is most of a read's cost. */
  #nodeColumns(alias: string) {
    return `${alias}.identifier_type, ${alias}.identifier_value, ${alias}.profile_id,
      ${alias}.component_id, ${alias}.status, ${this.store.dialect.epochMs(`${alias}.first_seen`)} AS first_ms,
      ${alias}.first_message_id`;
  }

  async nodes(keys: readonly string[]): Promise<StoredNode[]> {
    if (keys.length === 0) return [];
    const ids = keys.map(parseKey);
    const rows = await this.store.query(
      `SELECT ${this.#nodeColumns("p")} FROM profile_identifiers p
       JOIN (SELECT ${this.#list("$1")} AS t, ${this.#list("$2")} AS v) q
         ON p.identifier_type = q.t AND p.identifier_value = q.v`,
      [json(ids.map((i) => i.type)), json(ids.map((i) => i.value))],
    );
    return rows.map(rowToNode);
  }

  async edgesBetween(pairs: readonly { a: string; b: string }[]): Promise<EdgeEvidence[]> {
    const found: EdgeEvidence[] = [];
    for (const part of chunks(pairs, 50_000)) {
      const rows = await this.store.query(
        `SELECT e.src_key, e.dst_key, ${this.store.dialect.epochMs("e.first_seen")} AS first_ms,
                e.first_message_id
         FROM identity_edges e
         JOIN (SELECT ${this.#list("$1")} AS a, ${this.#list("$2")} AS b) q
           ON e.src_key = q.a AND e.dst_key = q.b`,
        [json(part.map((p) => p.a)), json(part.map((p) => p.b))],
      );
      found.push(...rows.map(rowToEdge));
    }
    return found;
  }

  async edgesOf(keys: readonly string[]): Promise<EdgeEvidence[]> {
    if (keys.length === 0) return [];
    const ends = this.#bothDirections
      ? `src_key IN (SELECT ${this.#list("$1")})`
      : `src_key IN (SELECT ${this.#list("$1")}) OR dst_key IN (SELECT ${this.#list("$1")})`;
    const rows = await this.store.query(
      `SELECT src_key, dst_key, ${this.store.dialect.epochMs("first_seen")} AS first_ms,
              first_message_id
       FROM identity_edges WHERE ${ends}`,
      [json(keys)],
    );
    // Stored in both directions, both rows come back when both ends were asked for.
    const edges = new Map<string, EdgeEvidence>();
    for (const row of rows) {
      const edge = rowToEdge(row);
      edges.set(`${edge.a}\n${edge.b}`, edge);
    }
    return [...edges.values()];
  }

  async componentMembers(componentIds: readonly string[]): Promise<StoredNode[]> {
    if (componentIds.length === 0) return [];
    const rows = await this.store.query(
      `SELECT ${this.#nodeColumns("p")} FROM profile_identifiers p
       WHERE component_id IN (SELECT ${this.#list("$1")})`,
      [json(componentIds)],
    );
    return rows.map(rowToNode);
  }

  /** The whole stored graph, for a resident copy in memory (`IdentityGraph.restore`). */
  async everything() {
    const { dialect } = this.store;
    const nodes = (
      await this.store.query(`SELECT ${this.#nodeColumns("p")} FROM profile_identifiers p`)
    ).map(rowToNode);
    const edges = (
      await this.store.query(
        `SELECT src_key, dst_key, ${dialect.epochMs("first_seen")} AS first_ms, first_message_id
         FROM identity_edges ${this.#bothDirections ? "WHERE src_key < dst_key" : ""}`,
      )
    ).map(rowToEdge);
    const conflicts = await this.conflicts({ limit: Number.MAX_SAFE_INTEGER });
    return { nodes, edges, conflicts };
  }

  /** Writes an update: rows first, then the conflicts of the recomputed components. */
  async write(update: IdentityUpdate, options: { conflictsBefore?: boolean } = {}) {
    if (update.newNodes.length > 0 || update.changedNodes.length > 0) {
      // Profiles change: the journey index of the old ones must not be read any more.
      await aroundGeneration(this.store, "profiles", async () => {
        await this.#insertNodes(update.newNodes);
        await this.#updateNodes(update.changedNodes);
      });
    }
    await this.insertEdges(update.newEdges);
    await this.#updateEdges(update.changedEdges);
    const stale = options.conflictsBefore === false ? [] : update.components;
    for (const part of chunks(stale)) {
      await this.store.exec(
        `DELETE FROM identity_conflicts WHERE component_id IN (SELECT ${this.#list("$1")})`,
        [json(part)],
      );
    }
    await this.insertConflicts(update.conflicts);
  }

  #nodeValues(nodes: readonly StoredNode[]) {
    const ids = nodes.map((n) => parseKey(n.key));
    return [
      json(ids.map((i) => i.type)),
      json(ids.map((i) => i.value)),
      json(nodes.map((n) => n.profileId)),
      json(nodes.map((n) => n.componentId)),
      json(nodes.map((n) => n.status)),
      json(nodes.map((n) => iso(n.firstSeen))),
      json(nodes.map((n) => n.firstMessageId)),
    ];
  }

  #nodeRows() {
    const l = (p: string, type?: "timestamptz") => this.#list(p, type);
    return `SELECT ${l("$1")} AS t, ${l("$2")} AS v, ${l("$3")} AS p, ${l("$4")} AS c,
      ${l("$5")} AS s, ${l("$6", "timestamptz")} AS f, ${l("$7")} AS m`;
  }

  async insertNodes(nodes: readonly StoredNode[]): Promise<void> {
    if (nodes.length === 0) return;
    await aroundGeneration(this.store, "profiles", () => this.#insertNodes(nodes));
  }

  async #insertNodes(nodes: readonly StoredNode[]): Promise<void> {
    for (const part of chunks(nodes)) {
      await this.store.exec(
        `INSERT INTO profile_identifiers (identifier_type, identifier_value, profile_id,
           component_id, status, first_seen, first_message_id)
         SELECT t, v, p, c, s, f, m FROM (${this.#nodeRows()}) q`,
        this.#nodeValues(part),
      );
    }
  }

  async #updateNodes(nodes: readonly StoredNode[]): Promise<void> {
    for (const part of chunks(nodes)) {
      await this.store.exec(
        `UPDATE profile_identifiers SET profile_id = q.p, component_id = q.c, status = q.s,
           first_seen = q.f, first_message_id = q.m
         FROM (${this.#nodeRows()}) q
         WHERE profile_identifiers.identifier_type = q.t
           AND profile_identifiers.identifier_value = q.v`,
        this.#nodeValues(part),
      );
    }
  }

  #edgeValues(edges: readonly EdgeEvidence[]) {
    const both = this.#bothDirections ? edges.flatMap((e) => [e, { ...e, a: e.b, b: e.a }]) : edges;
    return [
      json(both.map((e) => e.a)),
      json(both.map((e) => e.b)),
      json(both.map((e) => iso(e.firstSeen))),
      json(both.map((e) => e.firstMessageId)),
    ];
  }

  #edgeRows() {
    return `SELECT ${this.#list("$1")} AS src, ${this.#list("$2")} AS dst,
      ${this.#list("$3", "timestamptz")} AS f, ${this.#list("$4")} AS m`;
  }

  async insertEdges(edges: readonly EdgeEvidence[]): Promise<void> {
    for (const part of chunks(edges)) {
      await this.store.exec(
        `INSERT INTO identity_edges (src_key, dst_key, first_seen, first_message_id)
         SELECT src, dst, f, m FROM (${this.#edgeRows()}) q`,
        this.#edgeValues(part),
      );
    }
  }

  async #updateEdges(edges: readonly EdgeEvidence[]): Promise<void> {
    for (const part of chunks(edges)) {
      await this.store.exec(
        `UPDATE identity_edges SET first_seen = q.f, first_message_id = q.m
         FROM (${this.#edgeRows()}) q
         WHERE identity_edges.src_key = q.src AND identity_edges.dst_key = q.dst`,
        this.#edgeValues(part),
      );
    }
  }

  async insertConflicts(conflicts: readonly Conflict[]): Promise<void> {
    for (const part of chunks(conflicts)) {
      await this.store.exec(
        `INSERT INTO identity_conflicts (component_id, kind, identifier_type, identifiers, detail)
         SELECT ${this.#list("$1")}, ${this.#list("$2")}, ${this.#list("$3")}, ${this.#list("$4")},
                ${this.#list("$5")}`,
        [
          json(part.map((c) => c.componentId)),
          json(part.map((c) => c.kind)),
          json(part.map((c) => c.type)),
          json(part.map((c) => JSON.stringify(c.identifiers))),
          json(part.map((c) => c.detail)),
        ],
      );
    }
  }

  /** Appends rejection counts (a log: a rebuild replaces it, reads sum it). */
  async addRejections(counts: Iterable<RejectionCount>, options: { replace?: boolean } = {}) {
    const list = [...counts];
    if (options.replace) await this.store.exec("DELETE FROM identity_rejections");
    if (list.length === 0) return;
    await this.store.exec(
      `INSERT INTO identity_rejections (identifier_type, reason, messages, example)
       SELECT t, r, CAST(n AS BIGINT), x FROM (SELECT ${this.#list("$1")} AS t,
         ${this.#list("$2")} AS r, ${this.#list("$3")} AS n, ${this.#list("$4")} AS x) q`,
      [
        json(list.map((r) => r.type)),
        json(list.map((r) => r.reason)),
        json(list.map((r) => String(r.messages))),
        json(list.map((r) => r.example)),
      ],
    );
  }

  /** Empties the graph tables before a rebuild writes them again (rules are kept). */
  async clear(): Promise<void> {
    await aroundGeneration(this.store, "profiles", async () => {
      for (const table of ["profile_identifiers", "identity_edges", "identity_conflicts"]) {
        await this.store.exec(`DELETE FROM ${table}`);
      }
    });
  }

  async conflicts(options: { componentIds?: readonly string[]; limit?: number } = {}) {
    const limit = Math.max(1, Math.floor(options.limit ?? 1000));
    const where = options.componentIds ? `WHERE component_id IN (SELECT ${this.#list("$1")})` : "";
    const rows = await this.store.query(
      `SELECT component_id, kind, identifier_type, identifiers, detail FROM identity_conflicts
       ${where} ORDER BY kind, component_id, identifiers LIMIT ${limit}`,
      options.componentIds ? [json(options.componentIds)] : [],
    );
    return rows.map(
      (r): Conflict => ({
        componentId: String(r.component_id),
        kind: String(r.kind) as Conflict["kind"],
        type: r.identifier_type === null ? null : String(r.identifier_type),
        identifiers: JSON.parse(String(r.identifiers)) as string[],
        detail: String(r.detail),
      }),
    );
  }

  async rejections(): Promise<RejectionCount[]> {
    const rows = await this.store.query(
      `SELECT identifier_type, reason, sum(messages) AS messages, min(example) AS example
       FROM identity_rejections GROUP BY identifier_type, reason
       ORDER BY messages DESC, identifier_type, reason`,
    );
    return rows.map((r) => ({
      type: String(r.identifier_type),
      reason: String(r.reason),
      messages: Number(r.messages),
      example: r.example === null ? "" : String(r.example),
    }));
  }
}

function* chunks<T>(items: readonly T[], size = CHUNK): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) {
    yield items.slice(start, start + size);
  }
}
