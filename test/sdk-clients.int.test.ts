import RudderAnalytics from "@rudderstack/rudder-sdk-node";
import { Analytics } from "@segment/analytics-node";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoredEvent } from "../src/core/stored-event.ts";
import { createSource } from "../src/ingest/sources.ts";
import { parseConfig } from "../src/runtime/config.ts";
import type { Runtime } from "../src/runtime/runtime.ts";
import { buildApp } from "../src/server/app.ts";
import type { EventStore, Source } from "../src/store/event-store.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

// The official server-side SDKs, unmodified, pointed at a real listening server: what a
// customer does when they swap api.segment.io for journeylens.

type Call =
  | { type: "track"; params: { userId: string; event: string; properties: Record<string, string> } }
  | {
      type: "identify";
      params: { userId: string; traits: { email: string; phone: string; plan: string } };
    }
  | { type: "page"; params: { userId: string; name: string; properties: { path: string } } }
  | { type: "screen"; params: { userId: string; name: string } }
  | { type: "group"; params: { userId: string; groupId: string; traits: { name: string } } }
  | { type: "alias"; params: { userId: string; previousId: string } };

/** What the store must hold for one call. */
interface Expected {
  type: Call["type"];
  event: string | null;
  userId: string;
  email: string | null;
  phone: string | null;
  channel?: StoredEvent["channel"];
  groupId: string | null;
  previousId: string | null;
}

const TRACKS = 300;

/** A customer-journey mix: 300 track, 20 identify, 15 page, 15 screen, 5 group, 5 alias. */
function journeyCalls(tag: string): Call[] {
  const calls: Call[] = [];
  const user = (i: number) => `${tag}-user-${i % 40}`;
  for (let i = 0; i < TRACKS; i++) {
    calls.push({
      type: "track",
      params: { userId: user(i), event: `Step ${i % 6}`, properties: { sku: `sku-${i % 9}` } },
    });
    if (i % 15 === 0) {
      const n = i / 15;
      calls.push({
        type: "identify",
        params: {
          userId: user(i),
          traits: {
            email: `  ${tag}.User${n}@Example.COM `,
            phone: `(415) 555-${2600 + n}`,
            plan: "pro",
          },
        },
      });
    }
    if (i % 20 === 1) {
      calls.push({
        type: "page",
        params: { userId: user(i), name: `Pricing ${i}`, properties: { path: `/pricing/${i}` } },
      });
    }
    if (i % 20 === 2)
      calls.push({ type: "screen", params: { userId: user(i), name: `Home ${i}` } });
    if (i % 60 === 3) {
      calls.push({
        type: "group",
        params: { userId: user(i), groupId: `${tag}-org-${i}`, traits: { name: `Org ${i}` } },
      });
    }
    if (i % 60 === 4) {
      calls.push({ type: "alias", params: { userId: user(i), previousId: `${tag}-anon-${i}` } });
    }
  }
  return calls;
}

function expectedOf(call: Call): Expected {
  const base = { type: call.type, userId: call.params.userId, email: null, phone: null };
  switch (call.type) {
    case "track":
      return { ...base, event: call.params.event, groupId: null, previousId: null };
    case "identify":
      return {
        ...base,
        event: null,
        // Trimmed and lower-cased by the server; the phone read as US and written E.164.
        email: call.params.traits.email.trim().toLowerCase(),
        phone: `+1415${call.params.traits.phone.replace(/\D/g, "").slice(3)}`,
        groupId: null,
        previousId: null,
      };
    case "page":
      return { ...base, event: call.params.name, channel: "web", groupId: null, previousId: null };
    case "screen":
      return { ...base, event: call.params.name, channel: "app", groupId: null, previousId: null };
    case "group":
      return { ...base, event: null, groupId: call.params.groupId, previousId: null };
    case "alias":
      return { ...base, event: null, groupId: null, previousId: call.params.previousId };
  }
}

function countByType(calls: readonly Call[]) {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[call.type] = (counts[call.type] ?? 0) + 1;
  return counts;
}

/** Sends the calls with @segment/analytics-node; resolves with each call's messageId. */
async function sendWithSegment(
  baseUrl: string,
  writeKey: string,
  calls: readonly Call[],
  messageIds?: readonly string[],
): Promise<{ messageIds: string[]; statuses: number[] }> {
  const analytics = new Analytics({
    writeKey,
    host: baseUrl,
    path: "/v1/batch",
    flushAt: 25,
    flushInterval: 200,
    // No retries: a failed request must surface as an error, not be papered over.
    maxRetries: 0,
    httpRequestTimeout: 10_000,
  });
  const errors = new Set<string>();
  const statuses: number[] = [];
  analytics.on("error", (error) => errors.add(`${error.code}: ${String(error.reason)}`));
  analytics.on("http_response", (response) => statuses.push(response.status));
  const ids: (string | undefined)[] = new Array(calls.length);
  for (const [index, call] of calls.entries()) {
    const messageId = messageIds?.[index];
    const callback = (error: unknown, ctx: { event: { messageId?: string } } | undefined) => {
      if (error) errors.add(`callback: ${String(error)}`);
      ids[index] = ctx?.event.messageId;
    };
    switch (call.type) {
      case "track":
        analytics.track({ ...call.params, messageId }, callback);
        break;
      case "identify":
        analytics.identify({ ...call.params, messageId }, callback);
        break;
      case "page":
        analytics.page({ ...call.params, messageId }, callback);
        break;
      case "screen":
        analytics.screen({ ...call.params, messageId }, callback);
        break;
      case "group":
        analytics.group({ ...call.params, messageId }, callback);
        break;
      case "alias":
        analytics.alias({ ...call.params, messageId }, callback);
        break;
    }
  }
  await analytics.closeAndFlush({ timeout: 30_000 });
  expect([...errors]).toEqual([]);
  const sent = ids.filter((id): id is string => typeof id === "string");
  expect(sent).toHaveLength(calls.length);
  return { messageIds: sent, statuses };
}

/** Sends the calls with @rudderstack/rudder-sdk-node (gzip on, its default), with our messageIds. */
async function sendWithRudderStack(
  baseUrl: string,
  writeKey: string,
  calls: readonly Call[],
  messageIds: readonly string[],
): Promise<void> {
  // Each failed request reaches errorHandler once (and every callback of its batch).
  const errors = new Set<string>();
  const client = new RudderAnalytics(writeKey, {
    dataPlaneUrl: baseUrl,
    flushAt: 25,
    flushInterval: 200,
    retryCount: 0,
    logLevel: "none",
    errorHandler: (error) => errors.add(describeAxiosError(error)),
  });
  let delivered = 0;
  const allDelivered = new Promise<void>((resolve) => {
    for (const [index, call] of calls.entries()) {
      // RudderStack keeps a messageId given in the message (its types do not declare it).
      const message = { ...call.params, messageId: messageIds[index] };
      const callback = ((error?: unknown) => {
        if (error) errors.add(describeAxiosError(error));
        delivered += 1;
        if (delivered === calls.length) resolve();
      }) as () => void;
      switch (call.type) {
        case "track":
          client.track(message as typeof call.params, callback);
          break;
        case "identify":
          client.identify(message as typeof call.params, callback);
          break;
        case "page":
          client.page(message as typeof call.params, callback);
          break;
        case "screen":
          client.screen(message as typeof call.params, callback);
          break;
        case "group":
          client.group(message as typeof call.params, callback);
          break;
        case "alias":
          client.alias(message as typeof call.params, callback);
          break;
      }
    }
  });
  // Its flush sends at most flushAt messages; flush until every callback has run (bounded).
  const deadline = Date.now() + 30_000;
  let done = false;
  void allDelivered.then(() => {
    done = true;
  });
  while (!done && Date.now() < deadline) {
    await client.flush();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect([...errors]).toEqual([]);
  expect(delivered).toBe(calls.length);
}

function describeAxiosError(error: unknown): string {
  const e = error as { message?: string; response?: { status?: number; data?: unknown } };
  return e?.response
    ? `HTTP ${e.response.status}: ${JSON.stringify(e.response.data)}`
    : String(e?.message ?? e);
}

/** Checks that the source holds exactly these messages, once each, as sent. */
async function expectStoredExactly(
  store: EventStore,
  source: Source,
  sent: ReadonlyMap<string, Expected>,
): Promise<StoredEvent[]> {
  const stored = await store.listEvents({ sourceId: source.id });
  const storedIds = stored.map((e) => e.messageId);
  // Nothing missing and nothing extra (named, so a failure says which).
  const storedSet = new Set(storedIds);
  expect(
    [...sent.keys()].filter((id) => !storedSet.has(id)),
    "missing",
  ).toEqual([]);
  expect(
    storedIds.filter((id) => !sent.has(id)),
    "extra",
  ).toEqual([]);
  // No id twice: nothing doubled.
  expect(storedIds.length).toBe(storedSet.size);
  expect(storedIds.length).toBe(sent.size);
  // Nothing written under another source either.
  expect(await store.countEvents()).toBe(sent.size);

  for (const event of stored) {
    const want = sent.get(event.messageId) as Expected;
    const got: Expected = {
      type: event.type,
      event: event.event,
      userId: event.userId ?? "",
      email: event.email,
      phone: event.phone,
      groupId: event.groupId,
      previousId: event.previousId,
      ...(want.channel ? { channel: event.channel } : {}),
    };
    expect(got, `stored event ${event.messageId}`).toEqual(want);
  }
  return stored;
}

for (const dialect of DIALECTS) {
  describe(`official SDK clients against a listening server: ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    let app: FastifyInstance;
    let baseUrl: string;
    let source: Source;

    beforeEach(async () => {
      ({ store, cleanup } = await freshStore(dialect));
      // The test's cleanup closes the store, so the runtime's close has nothing of its own.
      const runtime: Runtime = { config: parseConfig({}), store, close: async () => undefined };
      app = await buildApp(runtime);
      await app.listen({ port: 0, host: "127.0.0.1" });
      const address = app.server.address();
      if (typeof address !== "object" || address === null) throw new Error("no server address");
      baseUrl = `http://127.0.0.1:${address.port}`;
      source = await createSource(store, "sdk");
    });

    afterEach(async () => {
      await app.close();
      await cleanup();
    });

    it("@segment/analytics-node: every event is stored exactly once, and a retry adds none", async () => {
      const calls = journeyCalls("seg");
      expect(countByType(calls)).toEqual({
        track: 300,
        identify: 20,
        page: 15,
        screen: 15,
        group: 5,
        alias: 5,
      });

      // First send: the SDK makes the messageIds; each call's callback reports its own.
      const first = await sendWithSegment(baseUrl, source.writeKey, calls);
      expect(first.statuses.length).toBeGreaterThanOrEqual(Math.ceil(calls.length / 25));
      expect(first.statuses.every((status) => status === 200)).toBe(true);
      const sent = new Map(first.messageIds.map((id, i) => [id, expectedOf(calls[i] as Call)]));
      expect(sent.size).toBe(calls.length);
      const before = await expectStoredExactly(store, source, sent);

      // A client retry: the same calls with the same messageIds, from a new client.
      const retry = await sendWithSegment(baseUrl, source.writeKey, calls, first.messageIds);
      expect(retry.messageIds).toEqual(first.messageIds);
      expect(retry.statuses.every((status) => status === 200)).toBe(true);
      expect(await store.countEvents({ sourceId: source.id })).toBe(calls.length);
      // The first write wins: the retry did not rewrite any row (receivedAt included).
      expect(await store.listEvents({ sourceId: source.id })).toEqual(before);
    });

    it("@rudderstack/rudder-sdk-node: every event is stored exactly once, and a retry adds none", async () => {
      const calls = journeyCalls("rs");
      const messageIds = calls.map((call, i) => `rs-${dialect}-${call.type}-${i}`);
      await sendWithRudderStack(baseUrl, source.writeKey, calls, messageIds);
      const sent = new Map(messageIds.map((id, i) => [id, expectedOf(calls[i] as Call)]));
      const before = await expectStoredExactly(store, source, sent);

      await sendWithRudderStack(baseUrl, source.writeKey, calls, messageIds);
      expect(await store.countEvents({ sourceId: source.id })).toBe(calls.length);
      expect(await store.listEvents({ sourceId: source.id })).toEqual(before);
    });
  });
}
