import type { StoredEvent } from "../stored-event.ts";
import type { Blocklist } from "./blocklist.ts";
import {
  eventFields,
  extractIdentifiers,
  type IdentifierFields,
  type Rejection,
} from "./extract-identifiers.ts";
import type { IndexedEvidence } from "./graph-index.ts";
import type { IdentityOptions } from "./identity-options.ts";

/** An identifier and the first message that carried it. */
export interface NodeEvidence {
  key: string;
  firstSeen: number;
  firstMessageId: string;
}

/**
 * Two identifiers seen on one message, and the first message that linked them. Undirected,
 * with `a < b`. The first message is a minimum, so merging evidence is idempotent and
 * order-independent: replays and reorderings give the same edge. (A message count would not
 * be: the store does not say which messages of a batch were retries.)
 */
export interface EdgeEvidence {
  a: string;
  b: string;
  firstSeen: number;
  firstMessageId: string;
}

export interface RejectionCount {
  type: string;
  reason: string;
  messages: number;
  example: string;
}

/** Adds rejected values to counts by type and reason. */
export function countRejections(
  counts: Map<string, RejectionCount>,
  rejections: readonly Rejection[],
): void {
  for (const r of rejections) {
    const id = `${r.type}\n${r.reason}`;
    const count = counts.get(id);
    if (count) count.messages++;
    else counts.set(id, { type: r.type, reason: r.reason, messages: 1, example: r.value });
  }
}

/** Message order for provenance: by time, then by message id. */
export const isEarlier = (time: number, id: string, thanTime: number, thanId: string): boolean =>
  time < thanTime || (time === thanTime && id < thanId);

export const edgeKey = (a: string, b: string): string => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

export function mergeNode(into: NodeEvidence, from: NodeEvidence): boolean {
  if (!isEarlier(from.firstSeen, from.firstMessageId, into.firstSeen, into.firstMessageId)) {
    return false;
  }
  into.firstSeen = from.firstSeen;
  into.firstMessageId = from.firstMessageId;
  return true;
}

/** Folds `from` into `into`; true when `into` changed. */
export function mergeEdge(into: EdgeEvidence, from: EdgeEvidence): boolean {
  if (!isEarlier(from.firstSeen, from.firstMessageId, into.firstSeen, into.firstMessageId)) {
    return false;
  }
  into.firstSeen = from.firstSeen;
  into.firstMessageId = from.firstMessageId;
  return true;
}

/** A node's links are a flat list `[other, edge, …]` until this long, then a map. */
const LIST_LIMIT = 32;

/**
 * Collects the identifier evidence of many messages: every pair of identifiers per message.
 * Kept by integer index (a rebuild folds millions of messages): `indexed()` hands that to
 * `resolveIndexed` as is, `nodes()` and `edges()` make objects for the incremental path.
 */
export class EvidenceBuilder {
  readonly rejections = new Map<string, RejectionCount>();
  readonly #index = new Map<string, number>();
  readonly #keys: string[] = [];
  readonly #nodeSeen: number[] = [];
  readonly #nodeMessage: string[] = [];
  /** Per lower node index: its links to higher ones (`other → edge index`). */
  readonly #links: (number[] | Map<number, number> | undefined)[] = [];
  readonly #edgeA: number[] = [];
  readonly #edgeB: number[] = [];
  readonly #edgeSeen: number[] = [];
  readonly #edgeMessage: string[] = [];
  readonly #ids: number[] = [];

  constructor(
    private readonly options: Pick<IdentityOptions, "extraKeys" | "defaultRegion">,
    private readonly blocklist: Blocklist,
  ) {}

  get nodeCount(): number {
    return this.#keys.length;
  }

  get edgeCount(): number {
    return this.#edgeA.length;
  }

  addEvent(event: StoredEvent): void {
    this.addFields(event.messageId, event.timestamp.getTime(), eventFields(event));
  }

  addFields(messageId: string, time: number, fields: IdentifierFields): void {
    const { keys, rejections } = extractIdentifiers(fields, this.options, this.blocklist);
    countRejections(this.rejections, rejections);
    this.addMessage(messageId, time, keys);
  }

  /** All pairs, not a star: a pair survives when a third identifier is later guarded. */
  addMessage(messageId: string, time: number, keys: readonly string[]): void {
    const ids = this.#ids;
    ids.length = 0;
    for (const key of keys) {
      let i = this.#index.get(key);
      if (i === undefined) {
        i = this.#keys.push(key) - 1;
        this.#index.set(key, i);
        this.#nodeSeen.push(time);
        this.#nodeMessage.push(messageId);
      } else if (
        isEarlier(time, messageId, this.#nodeSeen[i] as number, this.#nodeMessage[i] as string)
      ) {
        this.#nodeSeen[i] = time;
        this.#nodeMessage[i] = messageId;
      }
      ids.push(i);
    }
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        const a = Math.min(ids[x] as number, ids[y] as number);
        const b = Math.max(ids[x] as number, ids[y] as number);
        const e = this.#edgeOf(a, b);
        if (e === undefined) {
          this.#addEdge(a, this.#edgeA.push(a) - 1, b);
          this.#edgeB.push(b);
          this.#edgeSeen.push(time);
          this.#edgeMessage.push(messageId);
        } else if (
          isEarlier(time, messageId, this.#edgeSeen[e] as number, this.#edgeMessage[e] as string)
        ) {
          this.#edgeSeen[e] = time;
          this.#edgeMessage[e] = messageId;
        }
      }
    }
  }

  // Most identifiers have a handful of links: a short list beats hashing a pair of indexes.
  #edgeOf(a: number, b: number): number | undefined {
    const links = this.#links[a];
    if (links === undefined) return undefined;
    if (links instanceof Map) return links.get(b);
    for (let k = 0; k < links.length; k += 2) if (links[k] === b) return links[k + 1];
    return undefined;
  }

  #addEdge(a: number, e: number, b: number): void {
    const links = this.#links[a];
    if (links === undefined) this.#links[a] = [b, e];
    else if (links instanceof Map) links.set(b, e);
    else if (links.length < LIST_LIMIT) links.push(b, e);
    else {
      const map = new Map<number, number>();
      for (let k = 0; k < links.length; k += 2) map.set(links[k] as number, links[k + 1] as number);
      map.set(b, e);
      this.#links[a] = map;
    }
  }

  nodes(): NodeEvidence[] {
    return this.#keys.map((key, i) => ({
      key,
      firstSeen: this.#nodeSeen[i] as number,
      firstMessageId: this.#nodeMessage[i] as string,
    }));
  }

  /** Edges with `a < b`. */
  edges(): EdgeEvidence[] {
    return this.#edgeA.map((ia, e) => {
      const x = this.#keys[ia] as string;
      const y = this.#keys[this.#edgeB[e] as number] as string;
      const [a, b] = x < y ? [x, y] : [y, x];
      return {
        a,
        b,
        firstSeen: this.#edgeSeen[e] as number,
        firstMessageId: this.#edgeMessage[e] as string,
      };
    });
  }

  indexed(): IndexedEvidence {
    return {
      keys: this.#keys,
      index: this.#index,
      nodeCount: this.#keys.length,
      edgeA: this.#edgeA,
      edgeB: this.#edgeB,
      edgeFirstSeen: this.#edgeSeen,
    };
  }
}
