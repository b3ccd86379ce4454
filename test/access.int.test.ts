import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessService } from "../src/auth/access-service.ts";
import { parseConfig } from "../src/runtime/config.ts";
import { type Runtime, wireRuntime } from "../src/runtime/runtime.ts";
import { buildApp } from "../src/server/app.ts";
import { apiHeaders, createUser } from "./support/api-auth.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

for (const dialect of DIALECTS) {
  describe(`API access on ${dialect}`, () => {
    let runtime: Runtime;
    let app: FastifyInstance;
    let cleanup: () => Promise<void>;
    const call = (method: "GET" | "POST" | "DELETE", url: string, extra = {}) =>
      app.inject({ method, url, ...extra });

    beforeAll(async () => {
      const fresh = await freshStore(dialect);
      cleanup = fresh.cleanup;
      runtime = wireRuntime(parseConfig({}), fresh.store);
      app = await buildApp(runtime);
    });
    afterAll(async () => {
      await app.close();
      await cleanup();
    });

    it("refuses anonymous reads but leaves health, OpenAPI and login open", async () => {
      const anonymous = await call("GET", "/api/stages");
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe("unauthorized");
      expect((await call("GET", "/api/health")).statusCode).toBe(200);
      expect((await call("GET", "/api/openapi.json")).statusCode).toBe(200);
      const bogus = { headers: { authorization: "Bearer jlk_not-a-key" } };
      expect((await call("GET", "/api/stages", bogus)).statusCode).toBe(401);
    });

    it("logs a user in with a session cookie and out again", async () => {
      await createUser(runtime, { username: "ana", password: "correct horse", role: "analyst" });
      const wrong = await call("POST", "/api/auth/login", {
        payload: { username: "ana", password: "wrong horse" },
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.headers["set-cookie"]).toBeUndefined();
      const login = await call("POST", "/api/auth/login", {
        payload: { username: "ana", password: "correct horse" },
      });
      expect(login.statusCode).toBe(200);
      expect(login.json().user).toEqual({ username: "ana", role: "analyst" });
      const setCookie = String(login.headers["set-cookie"]);
      expect(setCookie).toMatch(/HttpOnly/);
      const cookie = setCookie.split(";")[0] ?? "";
      const me = await call("GET", "/api/auth/me", { headers: { cookie } });
      expect(me.json()).toMatchObject({ user: { username: "ana", role: "analyst" }, via: "user" });
      expect((await call("GET", "/api/stages", { headers: { cookie } })).statusCode).toBe(200);
      expect((await call("POST", "/api/auth/logout", { headers: { cookie } })).statusCode).toBe(
        204,
      );
      expect((await call("GET", "/api/stages", { headers: { cookie } })).statusCode).toBe(401);
    });

    it("expires sessions", async () => {
      const access = new AccessService(runtime.store, { sessionHours: 1 });
      await createUser(runtime, { username: "old", password: "12345678", role: "viewer" });
      const session = await access.login("old", "12345678", new Date("2026-01-01T00:00:00Z"));
      const within = await access.authenticate(
        { session: session.token },
        new Date("2026-01-01T00:59:00Z"),
      );
      expect(within?.name).toBe("old");
      const after = await access.authenticate(
        { session: session.token },
        new Date("2026-01-01T01:00:01Z"),
      );
      expect(after).toBeUndefined();
    });

    it("lets each role do what it may and no more", async () => {
      const viewer = { headers: await apiHeaders(runtime, "viewer") };
      const analyst = { headers: await apiHeaders(runtime, "analyst") };
      const admin = { headers: await apiHeaders(runtime, "admin") };
      const spec = { payload: { steps: ["A", "B"] } };
      expect((await call("GET", "/api/stages", viewer)).statusCode).toBe(200);
      const posted = await call("POST", "/api/funnel", { ...viewer, ...spec });
      expect(posted.statusCode).toBe(403);
      expect(posted.json().error.code).toBe("forbidden");
      expect((await call("POST", "/api/funnel", { ...analyst, ...spec })).statusCode).toBe(200);
      expect((await call("GET", "/api/keys", analyst)).statusCode).toBe(403);
      expect((await call("GET", "/api/sources", viewer)).statusCode).toBe(403);
      expect((await call("GET", "/api/keys", admin)).statusCode).toBe(200);
    });

    it("manages API keys: the secret is shown once, a revoked key stops working", async () => {
      const admin = { headers: await apiHeaders(runtime, "admin") };
      const created = await call("POST", "/api/keys", {
        ...admin,
        payload: { name: "BI tool", role: "viewer" },
      });
      expect(created.statusCode).toBe(201);
      const { id, secret } = created.json().key;
      expect(secret).toMatch(/^jlk_/);
      const listed = (await call("GET", "/api/keys", admin)).json().keys;
      const mine = listed.find((k: { id: string }) => k.id === id);
      expect(mine).toMatchObject({ name: "BI tool", role: "viewer", revokedAt: null });
      expect(JSON.stringify(listed)).not.toContain(secret);
      const bi = { headers: { authorization: `Bearer ${secret}` } };
      expect((await call("GET", "/api/stages", bi)).statusCode).toBe(200);
      expect((await call("DELETE", `/api/keys/${id}`, admin)).statusCode).toBe(204);
      expect((await call("GET", "/api/stages", bi)).statusCode).toBe(401);
      expect((await call("DELETE", `/api/keys/${id}`, admin)).statusCode).toBe(404);
      const badRole = await call("POST", "/api/keys", {
        ...admin,
        payload: { name: "x", role: "owner" },
      });
      expect(badRole.statusCode).toBe(400);
      expect(badRole.json().error.field).toBe("role");
    });

    it("lists and creates sources for admins, with stored events per source", async () => {
      const admin = { headers: await apiHeaders(runtime, "admin") };
      const created = await call("POST", "/api/sources", { ...admin, payload: { name: "shop" } });
      expect(created.statusCode).toBe(201);
      const writeKey = created.json().source.writeKey;
      const basic = `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
      const sent = await call("POST", "/v1/track", {
        headers: { authorization: basic },
        payload: { userId: "u1", event: "Hello", messageId: "m-1" },
      });
      expect(sent.statusCode).toBe(200);
      const sources = (await call("GET", "/api/sources", admin)).json().sources;
      expect(sources).toEqual([expect.objectContaining({ name: "shop", events: 1 })]);
      const duplicate = await call("POST", "/api/sources", { ...admin, payload: { name: "shop" } });
      expect(duplicate.statusCode).toBe(400);
      expect(duplicate.json().error.field).toBe("name");
    });
  });
}
