import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/runtime/config.ts";
import { buildApp } from "../src/server/app.ts";
import { DuckDBEventStore } from "../src/store/duckdb-store.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { PostgresEventStore } from "../src/store/postgres-store.ts";
import { apiHeaders } from "./support/api-auth.ts";
import { cli } from "./support/cli.ts";
import { demoEvents } from "./support/demo-events.ts";
import { DIALECTS, freshTarget, type StoreTarget } from "./support/stores.ts";

const FUNNEL =
  "step=Product%20Viewed&step=Product%20Compared&step=Application%20Started&window=14d";

for (const dialect of DIALECTS) {
  describe(`journey API and CLI: ${dialect}`, () => {
    let target: StoreTarget;
    let store: EventStore;
    let app: FastifyInstance;
    let headers: Record<string, string>;
    const dir = mkdtempSync(join(tmpdir(), "jl-journeys-"));
    const configPath = join(dir, "config.json");
    writeFileSync(configPath, "{}");

    beforeAll(async () => {
      target = await freshTarget(dialect);
      store = target.pg
        ? await PostgresEventStore.open(target.pg)
        : await DuckDBEventStore.open(target.db ?? "");
      await store.migrate();
      await store.insertEvents(demoEvents());
      const runtime = { config: parseConfig({}), store, close: async () => undefined };
      app = await buildApp(runtime);
      headers = await apiHeaders(runtime, "analyst");
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await target?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it("answers GET query strings and POST JSON specs alike", async () => {
      const get = await app.inject({
        headers,
        method: "GET",
        url: `/api/funnel?${FUNNEL}&breakdown=channel`,
      });
      expect(get.statusCode).toBe(200);
      const post = await app.inject({
        headers,
        method: "POST",
        url: "/api/funnel",
        payload: {
          steps: ["Product Viewed", "Product Compared", "Application Started"],
          window: "14d",
          breakdown: { by: "channel" },
        },
      });
      expect(post.json()).toEqual(get.json());
      const funnel = get.json();
      expect(funnel.steps).toHaveLength(3);
      expect(funnel.entered).toBeGreaterThan(0);
      expect(funnel.steps[2].profiles).toBeGreaterThan(0);
      const sum = funnel.breakdown.groups.reduce(
        (n: number, g: { entered: number }) => n + g.entered,
        0,
      );
      expect(sum).toBe(funnel.entered);
    });

    it("serves every journey analysis", async () => {
      const urls = [
        "/api/paths?start=Product%20Viewed&depth=4",
        `/api/paths?dropOff=${encodeURIComponent(JSON.stringify({ funnel: { steps: ["Product Viewed", "Application Started"] }, step: 1 }))}`,
        `/api/paths?end=Account%20Closed&compare=${encodeURIComponent(JSON.stringify({ funnel: { steps: ["Transfer Started", "Transfer Completed"], window: "10m" } }))}`,
        "/api/map?activity=stage",
        "/api/map?channel=app,web&minShare=0.1",
        "/api/retention?period=week&periods=4",
        "/api/sessions?gapMinutes=30&limit=5",
        `/api/stages?segment=${encodeURIComponent(JSON.stringify({ or: [{ channel: "app" }, { trait: "persona", value: "shopper" }] }))}`,
      ];
      for (const url of urls) {
        const response = await app.inject({ headers, method: "GET", url });
        expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      }
      const stages = (await app.inject({ headers, method: "GET", url: "/api/stages" })).json();
      expect(stages.stages.map((s: { stage: string }) => s.stage)).toEqual([
        "awareness",
        "consideration",
        "purchase",
        "service",
        "loyalty",
      ]);
      expect(stages.stages.every((s: { events: number }) => s.events > 0)).toBe(true);
    });

    it("names the bad field of an invalid spec", async () => {
      const cases: [string, string][] = [
        ["/api/funnel?step=A", "steps"],
        ["/api/funnel?step=A&step=B&window=soon", "window"],
        ["/api/funnel?step=A&step=B&mode=sideways", "mode"],
        ["/api/paths?start=A&end=B", ""],
        ["/api/map?activity=x", "activity"],
        ["/api/retention?segment=%7Bnot%20json", "segment"],
        ["/api/sessions?limit=-1", "limit"],
      ];
      for (const [url, field] of cases) {
        const response = await app.inject({ headers, method: "GET", url });
        expect(response.statusCode, url).toBe(400);
        expect(response.json().error.code).toBe("invalid_request");
        if (field) expect(response.json().error.field, url).toBe(field);
      }
    });

    it("documents the endpoints in OpenAPI", async () => {
      const doc = (await app.inject({ headers, method: "GET", url: "/api/openapi.json" })).json();
      for (const name of ["funnel", "paths", "map", "retention", "sessions", "stages"]) {
        expect(doc.paths[`/api/${name}`].get.parameters.length).toBeGreaterThan(3);
        expect(doc.paths[`/api/${name}`].post.requestBody).toBeDefined();
      }
    });

    it("prints the API's JSON from the CLI", async () => {
      const api = (
        await app.inject({ headers, method: "GET", url: `/api/funnel?${FUNNEL}` })
      ).json();
      const map = (
        await app.inject({
          headers,
          method: "GET",
          url: "/api/map?activity=channel_event&maxEdges=5",
        })
      ).json();
      if (dialect === "duckdb") await store.close(); // one process holds a DuckDB file at a time
      const printed = await cli(
        target,
        configPath,
        "funnel",
        "Product Viewed",
        "Product Compared",
        "Application Started",
        "--window",
        "14d",
        "--json",
      );
      expect(JSON.parse(printed)).toEqual(api);
      const mapPrinted = await cli(
        target,
        configPath,
        "map",
        "--activity",
        "channel_event",
        "--max-edges",
        "5",
        "--json",
      );
      expect(JSON.parse(mapPrinted)).toEqual(map);
      const text = await cli(target, configPath, "funnel", "Product Viewed", "Account Opened");
      expect(text).toContain("1. Product Viewed");
      for (const command of ["paths", "retention", "sessions", "stages"]) {
        expect(await cli(target, configPath, command)).not.toBe("");
      }
      if (dialect === "duckdb") store = await DuckDBEventStore.open(target.db ?? "");
    });
  });
}
