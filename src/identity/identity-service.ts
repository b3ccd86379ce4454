import { Blocklist } from "../core/identity/blocklist.ts";
import {
  countRejections,
  EvidenceBuilder,
  type RejectionCount,
} from "../core/identity/evidence.ts";
import { eventFields, extractIdentifiers } from "../core/identity/extract-identifiers.ts";
import { type Identifier, identifierKey } from "../core/identity/identifier.ts";
import { IdentityGraph } from "../core/identity/identity-graph.ts";
import { type IdentityOptions, knownTypes } from "../core/identity/identity-options.ts";
import { resolveIndexed } from "../core/identity/resolve-graph.ts";
import { planUpdate, type StoredNode } from "../core/identity/update-plan.ts";
import type { StoredEvent } from "../core/stored-event.ts";
import type { EventStore } from "../store/event-store.ts";
import { Serial } from "../store/serial.ts";
import { readIdentityRows } from "./event-pages.ts";
import {
  deleteRule,
  loadRules,
  type SplitRule,
  saveRule,
  splitRule,
  toIdentityRules,
} from "./identity-rules.ts";
import { IdentityTables } from "./identity-tables.ts";
import { LingerQueue } from "./linger-queue.ts";
import { ProfileReader } from "./profile-reader.ts";

export interface IdentityServiceOptions {
  identity: IdentityOptions;
  /** `async`: update after the durable write returns; `sync`: before `onEvents` resolves. */
  updates: "async" | "sync" | "off";
  /** Async mode stops accepting writes (they wait) while this many events wait for identity. */
  maxPendingEvents?: number;
  /** Async mode: how long the first queued event waits for others (default 200 ms). */
  lingerMs?: number;
  /** Sources or channels whose traits win, highest first (config `traitSourcePriority`). */
  traitSourcePriority?: readonly string[];
  /**
   * Keep a copy of the graph in memory and only write to the store (default: on DuckDB, whose
   * file one process owns; its scans made each update ~5x slower). Not for PostgreSQL, where
   * other processes may write and indexed lookups are fast.
   */
  resident?: boolean;
}

interface QueuedMessage {
  messageId: string;
  time: number;
  keys: string[];
}

export interface RebuildSummary {
  events: number;
  identifiers: number;
  edges: number;
  profiles: number;
  conflicts: number;
  durationMs: number;
}

export interface IdentityStatus {
  pendingEvents: number;
  processedEvents: number;
  lastError: string | null;
}

/** Events per identity update at most: large imports are resolved in slices this size. */
const MAX_BATCH = 50_000;

/**
 * Keeps profiles current as events arrive (`onEvents`, called once after every successful
 * `insertEvents` by `withIdentity`), rebuilds them from the events, and applies splits.
 * Updates are serialised in this process and coalesced: events that arrive while one update
 * runs go into the next one together.
 */
export class IdentityService {
  readonly tables: IdentityTables;
  readonly profiles: ProfileReader;
  readonly types: string[];
  readonly #blocklist: Blocklist;
  readonly #serial = new Serial();
  /** Messages as identifier keys: what a queued event is reduced to at once (less memory). */
  readonly #queue: LingerQueue<QueuedMessage>;
  #rejections = new Map<string, RejectionCount>();
  readonly #inflight = new Set<Promise<void>>();
  #pending = 0;
  #processed = 0;
  #error: unknown;
  readonly #resident: boolean;
  #graph: IdentityGraph | undefined;
  #rules: SplitRule[] | undefined;

  constructor(
    readonly store: EventStore,
    readonly options: IdentityServiceOptions,
  ) {
    this.tables = new IdentityTables(store);
    this.types = knownTypes(options.identity);
    this.profiles = new ProfileReader(store, this.tables, {
      identity: options.identity,
      types: this.types,
      traitSourcePriority: options.traitSourcePriority ?? [],
    });
    this.#blocklist = new Blocklist(options.identity);
    this.#resident = options.resident ?? store.kind === "duckdb";
    this.#queue = new LingerQueue((events) => this.#serial.run(() => this.#update(events)), {
      // Profiles a fraction of a second behind the events, in exchange for few store commits.
      lingerMs: options.updates === "sync" ? 0 : (options.lingerMs ?? 200),
      maxItems: MAX_BATCH,
    });
  }

  /** Hands newly stored events to identity resolution. */
  onEvents(events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const messages = events.map((event): QueuedMessage => {
      const found = extractIdentifiers(eventFields(event), this.options.identity, this.#blocklist);
      countRejections(this.#rejections, found.rejections);
      return { messageId: event.messageId, time: event.timestamp.getTime(), keys: found.keys };
    });
    // Keep only the count: a closure over `events` would hold every queued event in memory.
    const count = events.length;
    this.#pending += count;
    const done = this.#queue.add(messages).finally(() => {
      this.#pending -= count;
    });
    if (this.options.updates === "sync") return done;
    const tracked = done.catch((error: unknown) => {
      this.#error ??= error;
    });
    this.#inflight.add(tracked);
    void tracked.finally(() => this.#inflight.delete(tracked));
    // Backpressure: a writer faster than identity waits rather than filling memory.
    if (this.#pending > (this.options.maxPendingEvents ?? 200_000)) return tracked;
    return Promise.resolve();
  }

  /** Waits for every queued update; rethrows (once) the first error an async update met. */
  async flush(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.all([...this.#inflight]);
    if (this.#error !== undefined) {
      const error = this.#error;
      this.#error = undefined;
      throw error;
    }
  }

  status(): IdentityStatus {
    const error = this.#error;
    return {
      pendingEvents: this.#pending,
      processedEvents: this.#processed,
      lastError:
        error === undefined ? null : error instanceof Error ? error.message : String(error),
    };
  }

  async #update(messages: readonly QueuedMessage[]): Promise<void> {
    const builder = new EvidenceBuilder(this.options.identity, this.#blocklist);
    for (const m of messages) builder.addMessage(m.messageId, m.time, m.keys);
    await this.#resolve({ nodes: builder.nodes(), edges: builder.edges() }, []);
    const rejections = this.#rejections;
    this.#rejections = new Map();
    await this.tables.addRejections(rejections.values());
    this.#processed += messages.length;
  }

  /** Plans an update against the resident graph or the tables, writes it, keeps both equal. */
  async #resolve(evidence: Parameters<typeof planUpdate>[1], touched: readonly string[]) {
    const rules = toIdentityRules(await this.#loadRules());
    const graph = await this.#residentGraph();
    const update = await planUpdate(
      graph ?? this.tables,
      evidence,
      touched,
      rules,
      this.options.identity,
    );
    try {
      await this.tables.write(update, {
        // Deleting conflicts costs a scan; the resident graph knows when there are none.
        conflictsBefore: graph ? update.components.some((c) => graph.conflicts.has(c)) : true,
      });
      graph?.apply(update);
    } catch (error) {
      // The store may hold part of the update: reload the copy from it next time.
      this.#graph = undefined;
      throw error;
    }
  }

  async #residentGraph(): Promise<IdentityGraph | undefined> {
    if (!this.#resident) return undefined;
    if (!this.#graph) {
      const graph = new IdentityGraph(this.options.identity);
      const stored = await this.tables.everything();
      graph.restore(stored.nodes, stored.edges, stored.conflicts);
      this.#graph = graph;
    }
    return this.#graph;
  }

  async #loadRules(): Promise<SplitRule[]> {
    // Resident means one process owns the store: its rules change only through this service.
    if (this.#resident && this.#rules) return this.#rules;
    const rules = await loadRules(this.store);
    if (this.#resident) this.#rules = rules;
    return rules;
  }

  /** Resolves every stored event from scratch; gives what the incremental updates give. */
  rebuild(options: { onProgress?: (events: number) => void } = {}): Promise<RebuildSummary> {
    return this.#serial.run(async () => {
      const started = performance.now();
      const builder = new EvidenceBuilder(this.options.identity, this.#blocklist);
      let events = 0;
      for await (const page of readIdentityRows(this.store, this.options.identity.extraKeys)) {
        for (const row of page) builder.addFields(row.messageId, row.time, row.fields);
        events += page.length;
        options.onProgress?.(events);
      }
      const rules = toIdentityRules(await this.#loadRules());
      // Written anew: a resident copy is reloaded from the store when next needed.
      this.#graph = undefined;
      const resolved = resolveIndexed(builder.indexed(), rules, this.options.identity);
      const nodes: StoredNode[] = builder.nodes().map((node, i) => ({
        ...node,
        profileId: resolved.profileIds[i] as string,
        componentId: resolved.componentIds[i] as string,
        status: resolved.status[i] as StoredNode["status"],
      }));
      await this.tables.clear();
      await this.tables.insertNodes(nodes);
      await this.tables.insertEdges(builder.edges());
      await this.tables.insertConflicts(resolved.conflicts);
      await this.tables.addRejections(builder.rejections.values(), { replace: true });
      return {
        events,
        identifiers: nodes.length,
        edges: builder.edgeCount,
        profiles: new Set(resolved.profileIds).size,
        conflicts: resolved.conflicts.length,
        durationMs: Math.round(performance.now() - started),
      };
    });
  }

  /**
   * Splits a wrong merge: one identifier is detached (it links nothing), several are kept in
   * separate profiles. The rule is stored, so later events and rebuilds obey it.
   */
  split(identifiers: readonly Identifier[], note: string | null = null): Promise<SplitRule> {
    const keys = identifiers.map((i) => identifierKey(i.type, i.value));
    const rule = splitRule(keys, note, new Date());
    return this.#serial.run(async () => {
      await saveRule(this.store, rule);
      this.#rules = undefined;
      await this.#resolve({ nodes: [], edges: [] }, rule.identifiers);
      return rule;
    });
  }

  /** Removes a split rule and lets its identifiers link again. */
  unsplit(ruleId: string): Promise<SplitRule | undefined> {
    return this.#serial.run(async () => {
      const rule = await deleteRule(this.store, ruleId);
      this.#rules = undefined;
      if (rule) await this.#resolve({ nodes: [], edges: [] }, rule.identifiers);
      return rule;
    });
  }

  rules(): Promise<SplitRule[]> {
    return loadRules(this.store);
  }
}
