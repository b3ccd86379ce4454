import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../src/cli/demo.command.ts";
import { openRuntime, type Runtime } from "../src/runtime/runtime.ts";
import { buildApp } from "../src/server/app.ts";
import { PostgresEventStore } from "../src/store/postgres-store.ts";
import { apiHeaders, createUser } from "./support/api-auth.ts";
import { demoEvents } from "./support/demo-events.ts";
import { storedEvent, trackMessage } from "./support/factories.ts";
import { DIALECTS, freshTarget, type StoreTarget } from "./support/stores.ts";

interface Answer {
  status: number;
  cache: string | null;
  body: Record<string, unknown>;
}

for (const dialect of DIALECTS) {
  describe(`result cache on a real server: ${dialect}`, () => {
    const dir = mkdtempSync(join(tmpdir(), "jl-result-cache-"));
    let target: StoreTarget;
    let runtime: Runtime;
    let app: FastifyInstance;
    let url: string;
    let headers: Record<string, string>;
    const writeKey = "wk_result_cache_test";

    beforeAll(async () => {
      target = await freshTarget(dialect);
      const config = join(dir, "config.json");
      writeFileSync(config, "{}");
      runtime = await openRuntime({ db: target.db, pg: target.pg, config });
      await runtime.store.insertEvents(demoEvents({ customers: 40 }));
      await runtime.store.createSource({
        id: "src_cache",
        name: "cache test",
        writeKey,
        createdAt: new Date(),
      });
      await runtime.identity?.flush();
      app = await buildApp(runtime);
      await app.listen({ host: "127.0.0.1", port: 0 });
      const address = app.server.address();
      url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
      headers = await apiHeaders(runtime, "admin");
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await runtime?.close();
      await target?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    async function get(path: string): Promise<Answer> {
      const response = await fetch(`${url}${path}`, { headers });
      return {
        status: response.status,
        cache: response.headers.get("x-result-cache"),
        body: (await response.json()) as Record<string, unknown>,
      };
    }

    /**
     * GETs `path` twice; the second must come from memory unless the data version moved in
     * between. On PostgreSQL the version includes the database's snapshot, which any commit in
     * the cluster moves (other test files share it), so there a hit is expected only when the
     * snapshot stayed put.
     */
    async function expectRepeatHit(path: string): Promise<Answer> {
      const before = await snapshot();
      const first = await get(path);
      const second = await get(path);
      if (dialect === "duckdb" || before === (await snapshot())) expect(second.cache).toBe("hit");
      expect(second.body).toEqual(first.body);
      return first;
    }

    async function snapshot(): Promise<string> {
      if (!target.pg) return "";
      const client = new pg.Client({ connectionString: target.pg });
      await client.connect();
      try {
        return String((await client.query("SELECT pg_current_snapshot()::text AS v")).rows[0]?.v);
      } finally {
        await client.end();
      }
    }

    /** Sends Segment messages through the ingestion API, then waits for identity. */
    async function ingest(messages: Record<string, unknown>[]) {
      const response = await fetch(`${url}/v1/batch`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ batch: messages }),
      });
      expect(response.status).toBe(200);
      await runtime.identity?.flush();
    }

    it("answers a repeated question from memory; an ingested event makes it ask the store", async () => {
      const first = await expectRepeatHit("/api/sessions?limit=0");
      expect(first).toMatchObject({ status: 200, cache: "miss" });
      // Another query string is another question.
      expect((await get("/api/sessions?limit=0&gapMinutes=60")).cache).toBe("miss");

      // One event of a customer never seen: one more profile and one more session.
      await ingest([trackMessage({ userId: "cache-new-customer" })]);
      const after = await get("/api/sessions?limit=0");
      expect(after.cache).toBe("miss");
      expect(after.body.profiles).toBe((first.body.profiles as number) + 1);
      expect(after.body.sessions).toBe((first.body.sessions as number) + 1);

      // A month later the same customer comes back: no new identifier (identity writes
      // nothing), one more session.
      await expectRepeatHit("/api/sessions?limit=0");
      await ingest([
        trackMessage({ userId: "cache-new-customer", timestamp: "2026-02-01T12:00:00.000Z" }),
      ]);
      const back = await get("/api/sessions?limit=0");
      expect(back.cache).toBe("miss");
      expect(back.body.profiles).toBe(after.body.profiles);
      expect(back.body.sessions).toBe((after.body.sessions as number) + 1);
    });

    it("shows a split at once", async () => {
      // One message links the user id and the anonymous id: one profile with both.
      await ingest([trackMessage({ userId: "cache-split-user", anonymousId: "cache-split-anon" })]);
      const profilePath = "/api/profiles/user_id%3Acache-split-user";
      const merged = await expectRepeatHit(profilePath);
      expect(merged.status).toBe(200);
      const ids = (p: Answer) =>
        (p.body.identifiers as { type: string }[]).map((i) => i.type).sort();
      expect(ids(merged)).toEqual(["anonymous_id", "user_id"]);

      const split = await fetch(`${url}/api/profiles/split`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ identifiers: ["anonymous_id:cache-split-anon"] }),
      });
      expect(split.status).toBe(200);
      const after = await get(profilePath);
      expect(after.cache).toBe("miss");
      expect(ids(after)).toEqual(["user_id"]);
    });

    it("an identity rebuild and a demo load empty it; sign-ins do not", async () => {
      await expectRepeatHit("/api/stages");
      if (dialect === "duckdb") {
        // Users and sign-in sessions are written to the store, but no analysis reads them.
        // (On PostgreSQL their commits move the snapshot like any other.)
        await createUser(runtime, { username: "ann", password: "pass-word-1", role: "viewer" });
        const login = await fetch(`${url}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username: "ann", password: "pass-word-1" }),
        });
        expect(login.status).toBe(200);
        expect((await get("/api/stages")).cache).toBe("hit");
      }

      await runtime.identity?.rebuild();
      expect((await get("/api/stages")).cache).toBe("miss");

      const before = await get("/api/sessions?limit=0");
      await loadDemo(runtime, { customers: 15, seed: 5, truthPath: join(dir, "truth.json") });
      await runtime.identity?.flush();
      const after = await get("/api/sessions?limit=0");
      expect(after.cache).toBe("miss");
      expect(after.body.profiles as number).toBeGreaterThan(before.body.profiles as number);
    }, 60_000);

    if (dialect === "postgres") {
      it("sees a write by another process on the same database", async () => {
        const first = await expectRepeatHit("/api/sessions?limit=0");
        // A second pool is another client, as `journeylens import --pg` elsewhere would be.
        const other = await PostgresEventStore.open(target.pg ?? "");
        try {
          await other.insertEvents([storedEvent({ userId: "cache-other-process" })]);
        } finally {
          await other.close();
        }
        const after = await get("/api/sessions?limit=0");
        expect(after.cache).toBe("miss");
        expect(after.body.profiles).toBe((first.body.profiles as number) + 1);
      });
    }
  });
}
