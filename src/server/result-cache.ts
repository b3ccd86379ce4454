import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Runtime } from "../runtime/runtime.ts";
import { type DataVersion, trackDataVersion } from "./data-version.ts";

/**
 * GET answers worth keeping: the analyses and profiles, which read only the store (and the
 * config, fixed for the process). Sign-in, keys, users, sources and identity status are not
 * kept: they are cheap, or hold state outside the analysed data.
 */
export const CACHED_ROUTES: ReadonlySet<string> = new Set([
  "/api/funnel",
  "/api/paths",
  "/api/map",
  "/api/retention",
  "/api/sessions",
  "/api/stages",
  "/api/friction",
  "/api/breakpoints",
  "/api/heatmap",
  "/api/cx",
  "/api/engagement",
  "/api/kpis",
  "/api/kano",
  "/api/feedback",
  "/api/gaps",
  "/api/tasks",
  "/api/continuity",
  "/api/profiles",
  "/api/profiles/:identifier",
  "/api/profiles/:identifier/explain",
]);

export interface ResultCacheOptions {
  /** Answers kept at most (default 200). */
  maxEntries?: number;
  /** Bytes of answers kept at most (default 50 MB); a larger single answer is not kept. */
  maxBytes?: number;
}

interface Entry {
  body: string;
  contentType: string;
  bytes: number;
}

/**
 * Serialised answers of one data version, least recently used first. Asking with another
 * version empties it: every answer of an older version is out of date.
 */
export class ResultCache {
  readonly maxEntries: number;
  readonly maxBytes: number;
  #entries = new Map<string, Entry>();
  #version: string | null = null;
  #bytes = 0;
  hits = 0;
  misses = 0;

  constructor(options: ResultCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 200;
    this.maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(version: string, key: string): Entry | undefined {
    this.#use(version);
    const entry = this.#entries.get(key);
    if (entry) {
      // Most recently used last.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      this.hits++;
    } else this.misses++;
    return entry;
  }

  set(version: string, key: string, body: string, contentType: string): void {
    this.#use(version);
    const bytes = Buffer.byteLength(body);
    if (bytes > this.maxBytes) return;
    this.#delete(key);
    this.#entries.set(key, { body, contentType, bytes });
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#delete(oldest);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #use(version: string) {
    if (version === this.#version) return;
    this.clear();
    this.#version = version;
  }

  #delete(key: string) {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#bytes -= entry.bytes;
    this.#entries.delete(key);
  }
}

declare module "fastify" {
  interface FastifyInstance {
    resultCache: ResultCache;
  }
}

const PENDING = Symbol("resultCache.pending");
type Pending = { version: string; key: string };
type WithPending = FastifyRequest & { [PENDING]?: Pending };

/**
 * Keeps GET answers of the analyses (`CACHED_ROUTES`) for the current data version (see
 * `DataVersion`): a repeated question is answered from memory until the data changes. Runs
 * after the access check (a cached answer needs the same permission), keyed by role, path and
 * query. `Cache-Control: no-cache` on the request skips the lookup. The answer says
 * `x-result-cache: hit`, `miss` or `bypass` (a write was running).
 */
export function registerResultCache(
  app: FastifyInstance,
  runtime: Pick<Runtime, "store" | "identity">,
  options: ResultCacheOptions = {},
): ResultCache {
  const cache = new ResultCache(options);
  const version = trackDataVersion(
    runtime.identity ? [runtime.identity.store, runtime.store] : [runtime.store],
  );
  app.decorate("resultCache", cache);

  app.addHook("preHandler", async (request: WithPending, reply: FastifyReply) => {
    if (request.method !== "GET" || !CACHED_ROUTES.has(request.routeOptions.url ?? "")) return;
    const current = await version.current();
    if (current === null) {
      reply.header("x-result-cache", "bypass");
      return;
    }
    const key = `${request.principal?.role ?? "-"} ${request.url}`;
    const fresh = /\bno-cache\b/i.test(request.headers["cache-control"] ?? "");
    const entry = fresh ? undefined : cache.get(current, key);
    if (entry) {
      reply.header("x-result-cache", "hit").type(entry.contentType);
      return reply.send(entry.body);
    }
    request[PENDING] = { version: current, key };
    reply.header("x-result-cache", "miss");
  });

  app.addHook("onSend", async (request: WithPending, reply, payload) => {
    const pending = request[PENDING];
    if (!pending || reply.statusCode !== 200 || typeof payload !== "string") return payload;
    await keep(cache, version, pending, payload, String(reply.getHeader("content-type") ?? ""));
    return payload;
  });
  return cache;
}

/** Keeps an answer only if the data did not change while it was computed. */
async function keep(
  cache: ResultCache,
  version: DataVersion,
  pending: Pending,
  body: string,
  contentType: string,
) {
  if ((await version.current()) !== pending.version) return;
  cache.set(pending.version, pending.key, body, contentType);
}
