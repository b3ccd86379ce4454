import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pairwiseQuality } from "../src/core/identity/quality.ts";
import { randomIdentityLog } from "../src/core/identity/random-identity-log.ts";
import { profileKeySql } from "../src/identity/profile-key.ts";
import { createSource } from "../src/ingest/sources.ts";
import { parseConfig } from "../src/runtime/config.ts";
import { type Runtime, wireRuntime } from "../src/runtime/runtime.ts";
import { buildApp } from "../src/server/app.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { apiHeaders } from "./support/api-auth.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

/** The identity tables, sorted, for equality between the incremental path and a rebuild. */
async function tables(store: EventStore) {
  const rows = async (sql: string) =>
    (await store.query(sql)).map((r) =>
      JSON.stringify(Object.values(r), (_, v) => (typeof v === "bigint" ? Number(v) : v)),
    );
  return {
    identifiers: await rows(
      `SELECT identifier_type, identifier_value, profile_id, component_id, status,
              CAST(first_seen AS TEXT) AS first_seen, first_message_id
       FROM profile_identifiers ORDER BY 1, 2`,
    ),
    edges: await rows(
      "SELECT src_key, dst_key, CAST(first_seen AS TEXT) AS f, first_message_id FROM identity_edges ORDER BY 1, 2",
    ),
    conflicts: await rows(
      "SELECT component_id, kind, identifiers, detail FROM identity_conflicts ORDER BY 1, 2, 3",
    ),
  };
}

for (const dialect of DIALECTS) {
  describe(`identity resolution on ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    let runtime: Runtime;
    let app: FastifyInstance;
    let auth: string;
    let apiAuth: Record<string, string>;

    beforeEach(async () => {
      ({ store, cleanup } = await freshStore(dialect));
      runtime = wireRuntime(parseConfig({}), store);
      app = await buildApp(runtime);
      const source = await createSource(store, "web");
      auth = `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}`;
      apiAuth = await apiHeaders(runtime, "analyst");
    });
    afterEach(async () => {
      await app.close();
      await runtime.identity?.flush();
      await cleanup();
    });

    const send = async (batch: Record<string, unknown>[]) => {
      const response = await app.inject({
        method: "POST",
        url: "/v1/batch",
        headers: { authorization: auth, "content-type": "application/json" },
        payload: { batch },
      });
      expect(response.json()).toMatchObject({ success: true, rejected: [] });
      await runtime.identity?.flush();
    };
    const get = async (url: string) => app.inject({ method: "GET", url, headers: apiAuth });

    it("stitches anonymous and known visits from HTTP ingestion into one profile", async () => {
      await send([
        { type: "page", name: "Home", anonymousId: "web-1", timestamp: "2026-01-01T10:00:00Z" },
        {
          type: "identify",
          userId: "usr_ann",
          anonymousId: "web-1",
          traits: { email: " Ann@Example.COM", phone: "+1 415-555-2671", plan: "basic" },
          timestamp: "2026-01-01T10:05:00Z",
        },
        {
          type: "identify",
          userId: "C100",
          traits: {
            crm_id: "C100",
            email: "ANN@EXAMPLE.COM",
            phone: "(415) 555-2671",
            plan: "plus",
          },
          context: { channel: "crm" },
          timestamp: "2026-01-02T09:00:00Z",
        },
        {
          type: "screen",
          name: "Home",
          userId: "usr_ann",
          anonymousId: "app-1",
          context: { device: { id: "DEV-1" } },
          timestamp: "2026-01-03T08:00:00Z",
        },
        {
          type: "track",
          event: "Order Completed",
          anonymousId: "app-1",
          properties: { revenue: 42.5, channel: "app" },
          timestamp: "2026-01-03T08:01:00Z",
        },
        { type: "page", name: "Home", anonymousId: "stranger", timestamp: "2026-01-04T00:00:00Z" },
      ]);
      const response = await get("/api/profiles/email:ann@example.com");
      expect(response.statusCode).toBe(200);
      const profile = response.json();
      expect(profile.lead).toEqual({ type: "user_id", value: "usr_ann" });
      expect(
        profile.identifiers
          .map((i: { type: string; value: string }) => `${i.type}:${i.value}`)
          .sort(),
      ).toEqual([
        "anonymous_id:app-1",
        "anonymous_id:web-1",
        "crm_id:C100",
        "device_id:DEV-1",
        "email:ann@example.com",
        "phone:+14155552671",
        "user_id:C100",
        "user_id:usr_ann",
      ]);
      expect(profile.traits.plan).toMatchObject({ value: "plus", channel: "crm" });
      expect(profile.computed).toMatchObject({
        eventCount: 5,
        channels: { app: 2, web: 1, crm: 1, unknown: 1 },
        furthestStage: "purchase",
        lifetimeValue: 42.5,
      });
      expect(profile.timeline.map((e: { event: string | null }) => e.event)).toEqual([
        "Home",
        null,
        null,
        "Home",
        "Order Completed",
      ]);
      // A bare value is searched across types; the same profile comes back.
      expect((await get("/api/profiles/4155552671")).json().profileId).toBe(profile.profileId);
      expect((await get("/api/profiles/DEV-1")).json().profileId).toBe(profile.profileId);
      expect((await get("/api/profiles/stranger")).json().profileId).not.toBe(profile.profileId);
      expect((await get("/api/profiles/nobody@example.com")).statusCode).toBe(404);

      const search = (await get("/api/profiles?q=ANN%40example")).json();
      expect(search.profiles.map((p: { profileId: string }) => p.profileId)).toEqual([
        profile.profileId,
      ]);
      const byProfileId = (await get(`/api/profiles?q=${profile.profileId}`)).json();
      expect(byProfileId.profiles.map((p: { profileId: string }) => p.profileId)).toEqual([
        profile.profileId,
      ]);
      const byTrait = (await get("/api/profiles?q=plus")).json();
      expect(byTrait.profiles[0]).toMatchObject({
        profileId: profile.profileId,
        matchedOn: "trait",
      });
      expect((await get("/api/profiles")).statusCode).toBe(400);

      const explain = (await get("/api/profiles/user_id:C100/explain")).json();
      expect(explain.lead).toBe("user_id:usr_ann");
      expect(
        explain.identifiers.find((i: { identifier: string }) => i.identifier === "crm_id:C100")
          .path[0],
      ).toBe("user_id:usr_ann");

      // Analytics map every event of the person to the profile, and the stranger to theirs.
      const { join, key } = profileKeySql(store.dialect, "e");
      const keys = await store.query(
        `SELECT ${key} AS profile_id, count(*) AS n FROM events e ${join} GROUP BY 1 ORDER BY 2 DESC`,
      );
      expect(keys.map((r) => [r.profile_id, Number(r.n)])).toEqual([
        [profile.profileId, 5],
        [expect.stringMatching(/^p_/), 1],
      ]);
      const openapi = (await get("/api/openapi.json")).json();
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining(["/api/profiles/{identifier}", "/api/profiles"]),
      );
    });

    it("keeps shared devices and placeholders from merging people, and says why", async () => {
      await send([
        {
          type: "identify",
          userId: "u1",
          anonymousId: "tablet",
          traits: { email: "one@x.org" },
          context: { device: { id: "T" } },
        },
        {
          type: "identify",
          userId: "u2",
          anonymousId: "tablet",
          traits: { email: "two@x.org" },
          context: { device: { id: "T" } },
        },
        {
          type: "identify",
          userId: "u3",
          traits: { email: "test@test.com", phone: "000-000-0000" },
        },
        { type: "identify", userId: "u4", traits: { email: "test@test.com" } },
      ]);
      const one = (await get("/api/profiles/user_id:u1")).json();
      const two = (await get("/api/profiles/user_id:u2")).json();
      expect(one.profileId).not.toBe(two.profileId);
      expect(one.conflicts).toEqual([expect.objectContaining({ kind: "limit", type: "user_id" })]);
      expect((await get("/api/profiles/user_id:u3")).json().profileId).not.toBe(
        (await get("/api/profiles/user_id:u4")).json().profileId,
      );
      const explain = (await get("/api/profiles/user_id:u2/explain")).json();
      expect(explain.keptOut.length).toBeGreaterThan(0);
      const status = (await get("/api/identity/status")).json();
      expect(status.rejections).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: "email", reason: "blocklisted", messages: 2 }),
          expect.objectContaining({ type: "phone", reason: "invalid phone", messages: 1 }),
        ]),
      );
      expect((await get("/api/identity/conflicts")).json().conflicts).toHaveLength(1);
    });

    it("updates incrementally to exactly what a rebuild gives, with the quality targets", async () => {
      const log = randomIdentityLog({ persons: 400, seed: 17 });
      for (let i = 0; i < log.events.length; i += 97) {
        await runtime.store.insertEvents(log.events.slice(i, i + 97));
      }
      // Replays change nothing: evidence merges are idempotent.
      await runtime.store.insertEvents(log.events.slice(0, 300));
      await runtime.identity?.flush();
      const incremental = await tables(store);
      const identity = runtime.identity;
      if (!identity) throw new Error("not wired");
      const summary = await identity.rebuild();
      expect(summary.events).toBe(log.events.length);
      expect(await tables(store)).toEqual(incremental);

      const nodes = await identity.tables.nodes(log.truth.flat());
      const profiles = new Map(nodes.map((n) => [n.key, n.profileId]));
      const quality = pairwiseQuality(log.truth, (k) => profiles.get(k));
      expect(quality.precision).toBeGreaterThanOrEqual(0.995);
      expect(quality.recall).toBeGreaterThanOrEqual(0.98);
    });

    it("keeps a split through later events and a rebuild; unsplit undoes it", async () => {
      const linkedBySharedPhone = (n: number) => [
        {
          type: "identify",
          anonymousId: `a${n}`,
          traits: { email: "one@x.org", phone: "+14155552671" },
        },
        {
          type: "identify",
          anonymousId: `b${n}`,
          traits: { email: "two@x.org", phone: "+14155552671" },
        },
      ];
      await send(linkedBySharedPhone(1));
      const profileOf = async (id: string) => (await get(`/api/profiles/${id}`)).json().profileId;
      expect(await profileOf("email:one@x.org")).toBe(await profileOf("email:two@x.org"));

      const split = await app.inject({
        method: "POST",
        url: "/api/profiles/split",
        headers: apiAuth,
        payload: { identifiers: ["one@x.org", "email:two@x.org"], note: "two people, one phone" },
      });
      expect(split.statusCode).toBe(200);
      const rule = split.json().rule;
      expect(rule).toMatchObject({
        kind: "do_not_link",
        identifiers: ["email:one@x.org", "email:two@x.org"],
      });
      expect(await profileOf("email:one@x.org")).not.toBe(await profileOf("email:two@x.org"));

      await send(linkedBySharedPhone(2));
      expect(await profileOf("email:one@x.org")).not.toBe(await profileOf("email:two@x.org"));
      expect(await profileOf("anonymous_id:a2")).toBe(await profileOf("email:one@x.org"));
      await runtime.identity?.rebuild();
      expect(await profileOf("email:one@x.org")).not.toBe(await profileOf("email:two@x.org"));
      expect((await get("/api/identity/rules")).json().rules).toHaveLength(1);

      const unsplit = await app.inject({
        method: "DELETE",
        url: `/api/identity/rules/${rule.id}`,
        headers: apiAuth,
      });
      expect(unsplit.statusCode).toBe(200);
      expect(await profileOf("email:one@x.org")).toBe(await profileOf("email:two@x.org"));

      // One identifier: it is detached and links nothing.
      await app.inject({
        method: "POST",
        url: "/api/profiles/split",
        headers: apiAuth,
        payload: { identifiers: ["phone:+14155552671"] },
      });
      expect(await profileOf("email:one@x.org")).not.toBe(await profileOf("email:two@x.org"));
      const phone = (await get("/api/profiles/phone:+14155552671")).json();
      expect(phone.identifiers).toEqual([expect.objectContaining({ status: "detached" })]);
      const missing = await app.inject({
        method: "POST",
        url: "/api/profiles/split",
        headers: apiAuth,
        payload: { identifiers: ["nobody"] },
      });
      expect(missing.statusCode).toBe(404);
    });
  });
}
