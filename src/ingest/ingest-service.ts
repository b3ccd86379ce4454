import type { CountryCode } from "../core/identifiers.ts";
import { type NormaliseOptions, normaliseMessage } from "../core/normalise-message.ts";
import type { StoredEvent } from "../core/stored-event.ts";
import type { EventStore, Source } from "../store/event-store.ts";
import { WriteBatcher } from "./write-batcher.ts";

export interface MessageRejection {
  index: number;
  field: string;
  reason: string;
}

export interface IngestResult {
  /** Messages that are now durably stored (a retried messageId counts: it is stored). */
  accepted: number;
  rejected: MessageRejection[];
}

export interface IngestOptions {
  defaultRegion: CountryCode;
  maxMessageBytes: number;
}

/**
 * PostgreSQL's pool (8 connections) commits several writes at once; DuckDB runs one at a time,
 * but a second in flight prepares its rows while the first commits.
 */
const WRITES_IN_FLIGHT: Record<EventStore["kind"], number> = { postgres: 4, duckdb: 2 };

/** Validates, normalises and durably stores messages from one request. */
export class IngestService {
  readonly #batcher: WriteBatcher<StoredEvent>;

  constructor(
    store: EventStore,
    private readonly options: IngestOptions,
  ) {
    this.#batcher = new WriteBatcher((events) => store.insertEvents(events), {
      concurrency: WRITES_IN_FLIGHT[store.kind],
    });
  }

  async ingest(
    messages: readonly unknown[],
    request: { source: Source; receivedAt: Date; envelope?: NormaliseOptions["envelope"] },
  ): Promise<IngestResult> {
    const good: StoredEvent[] = [];
    const rejected: MessageRejection[] = [];
    const normalise: NormaliseOptions = {
      sourceId: request.source.id,
      receivedAt: request.receivedAt,
      defaultRegion: this.options.defaultRegion,
      maxMessageBytes: this.options.maxMessageBytes,
      envelope: request.envelope,
    };
    messages.forEach((message, index) => {
      const outcome = normaliseMessage(message, normalise);
      if (outcome.ok) good.push(outcome.value);
      else rejected.push({ index, field: outcome.field, reason: outcome.reason });
    });
    await this.#batcher.add(good);
    return { accepted: good.length, rejected };
  }
}
