import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { registerDashboardRoutes } from "../src/server/dashboard.route.ts";

const dir = mkdtempSync(join(tmpdir(), "jl-dist-"));
const INDEX = "<!doctype html><title>journeylens</title><div id=root></div>";
const SCRIPT = `console.log(${JSON.stringify("x".repeat(4000))});`;
mkdirSync(join(dir, "assets"));
writeFileSync(join(dir, "index.html"), INDEX);
writeFileSync(join(dir, "assets", "index-abc123.js"), SCRIPT);

async function appWith(dist: string) {
  const app = Fastify();
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ success: false, error: { code: "not_found", message: request.url } }),
  );
  app.get("/api/health", async () => ({ status: "ok" }));
  registerDashboardRoutes(app, { dist });
  await app.ready();
  return app;
}

describe("dashboard static files", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("serves index.html at / and for app paths, never cached", async () => {
    const app = await appWith(dir);
    for (const url of ["/", "/funnels?step=A&step=B", "/customers/deep/link", "/voice%20x"]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(response.headers["cache-control"]).toBe("no-cache");
      expect(response.body).toBe(INDEX);
    }
    // A malformed escape is the client's error, not the server's.
    expect((await app.inject({ url: "/%E0%A4%A" })).statusCode).toBe(400);
  });

  it("serves hashed assets for a year, gzipped when the client accepts it", async () => {
    const app = await appWith(dir);
    const plain = await app.inject({ url: "/assets/index-abc123.js" });
    expect(plain.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(plain.body).toBe(SCRIPT);
    const gzipped = await app.inject({
      url: "/assets/index-abc123.js",
      headers: { "accept-encoding": "gzip, br" },
    });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(SCRIPT);
  });

  it("keeps JSON 404s for the API, ingestion and missing assets", async () => {
    const app = await appWith(dir);
    for (const url of ["/api/nothing", "/api", "/v1/nothing", "/assets/index-old.js"]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe("not_found");
    }
    expect((await app.inject({ url: "/api/health" })).json()).toEqual({ status: "ok" });
  });

  it("says how to build the dashboard when web/dist is missing", async () => {
    const app = await appWith(join(dir, "missing"));
    const response = await app.inject({ url: "/" });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain("npm run build:web");
  });
});
