import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BreakpointsResult } from "../src/core/friction/breakpoints-result.ts";
import type { FrictionResult } from "../src/core/friction/friction-result.ts";
import type { HeatmapResult } from "../src/core/friction/heatmap.ts";
import { generateDemo } from "../src/demo/demo-generator.ts";
import type { DemoData } from "../src/demo/demo-types.ts";
import { IngestService } from "../src/ingest/ingest-service.ts";
import { ensureSource } from "../src/ingest/sources.ts";
import { journeySource, refreshJourneyIndex } from "../src/journeys/journey-index.ts";
import { parseConfig } from "../src/runtime/config.ts";
import { type Runtime, wireRuntime } from "../src/runtime/runtime.ts";
import { buildApp } from "../src/server/app.ts";
import { DuckDBEventStore } from "../src/store/duckdb-store.ts";
import { PostgresEventStore } from "../src/store/postgres-store.ts";
import { apiHeaders } from "./support/api-auth.ts";
import { cli } from "./support/cli.ts";
import { DIALECTS, freshTarget, type StoreTarget } from "./support/stores.ts";

const END = new Date("2026-06-01T00:00:00Z");
const DEMO = { customers: 1500, seed: 42 };

for (const dialect of DIALECTS) {
  describe(`friction on the demo data: ${dialect}`, () => {
    let target: StoreTarget;
    let runtime: Runtime;
    let app: FastifyInstance;
    let headers: Record<string, string>;
    let data: DemoData;
    const dir = mkdtempSync(join(tmpdir(), "jl-friction-"));
    const configPath = join(dir, "config.json");
    writeFileSync(configPath, "{}");
    const get = async (url: string) => app.inject({ headers, method: "GET", url });

    beforeAll(async () => {
      target = await freshTarget(dialect);
      const store = target.pg
        ? await PostgresEventStore.open(target.pg)
        : await DuckDBEventStore.open(target.db ?? "");
      await store.migrate();
      runtime = wireRuntime(parseConfig({}), store);
      data = generateDemo({ ...DEMO, end: END });
      const source = await ensureSource(runtime.store, "demo");
      const ingest = new IngestService(runtime.store, {
        defaultRegion: "US",
        maxMessageBytes: 32 * 1024,
      });
      for (let i = 0; i < data.messages.length; i += 5000) {
        await ingest.ingest(data.messages.slice(i, i + 5000), { source, receivedAt: END });
      }
      await runtime.identity?.flush();
      app = await buildApp(runtime);
      headers = await apiHeaders(runtime, "analyst");
    });
    afterAll(async () => {
      await app?.close();
      await runtime?.close();
      await target?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it("puts the planted churn path first, with its planted share", async () => {
      const response = await get("/api/breakpoints");
      expect(response.statusCode, response.body).toBe(200);
      const result = response.json() as BreakpointsResult;
      const truth = data.truth.churn;
      expect(result.badProfiles).toBe(truth.churnedCount);
      const first = result.findings[0];
      expect(first?.steps).toEqual(truth.path.map((s) => ({ channel: s.channel, event: s.event })));
      expect(
        Math.abs((first?.shareOfBad ?? 0) - truth.plantedShareOfChurnedThroughPath),
      ).toBeLessThan(0.03);
      expect(first?.shareOfOthers).toBeLessThan(0.05);
      expect(first?.qValue).toBeLessThan(1e-12);
      expect(first?.examples).toHaveLength(2);
      // The same JSON from a POSTed spec.
      const post = await app.inject({
        headers,
        method: "POST",
        url: "/api/breakpoints",
        payload: { outcome: "churn" },
      });
      expect(post.json()).toEqual(result);
    });

    it("links the path's example profiles to churned customers who went through it", async () => {
      const result = (await get("/api/breakpoints?limit=1")).json() as BreakpointsResult;
      const examples = result.findings[0]?.examples ?? [];
      expect(examples).toHaveLength(2);
      for (const { identifier, profileId } of examples) {
        const profile = await get(`/api/profiles/${encodeURIComponent(identifier ?? "")}`);
        expect(profile.statusCode, profile.body).toBe(200);
        expect(profile.body).toContain("Account Closed");
        expect(profile.body).toContain("Customer Service Response Timeout");
        expect(profile.json().profileId).toBe(profileId);
      }
    });

    it("shows the path's steps as friction with a high churn lift, and a heatmap", async () => {
      const friction = (
        await get("/api/friction?outcome=churn&limit=500")
      ).json() as FrictionResult;
      const timeout = friction.steps.find(
        (s) => s.label === "app:Customer Service Response Timeout",
      );
      expect(timeout?.rates.failure).toBe(1);
      expect(timeout?.outcome?.lift).toBeGreaterThan(5);
      expect(friction.outcome?.badProfiles).toBe(data.truth.churn.churnedCount);
      const heatmap = (await get("/api/heatmap")).json() as HeatmapResult;
      expect(heatmap.stages).toEqual([
        "awareness",
        "consideration",
        "purchase",
        "service",
        "loyalty",
      ]);
      const serviceApp = heatmap.cells.find((c) => c.stage === "service" && c.channel === "app");
      expect(serviceApp?.top.map((t) => t.label)).toContain("app:Transfer Failed");
      expect(serviceApp?.top.reduce((sum, t) => sum + t.share, 0)).toBeLessThanOrEqual(1 + 1e-9);
    });

    it("flags the planted long dwells: international transfers held for a compliance check", async () => {
      const friction = (await get("/api/friction?limit=500&minCount=1")).json() as FrictionResult;
      const planted = data.truth.dwell.longDwellsByChannel;
      expect(Object.keys(planted).sort()).toEqual(["app", "web"]);
      for (const [channel, count] of Object.entries(planted)) {
        expect(count).toBeGreaterThan(50);
        const label = `${channel}:Transfer Started → ${channel}:Transfer Completed`;
        const transition = friction.transitions.find((t) => t.label === label);
        // Within 3%: a person whose identity is not fully resolved may split a transfer.
        expect(Math.abs((transition?.longDwell ?? 0) - count)).toBeLessThanOrEqual(count * 0.03);
        // The step's long dwells are those of this transition.
        const step = friction.steps.find((s) => s.label === `${channel}:Transfer Started`);
        expect(step?.signals.longDwell).toBe(transition?.longDwell);
      }
    });

    // PostgreSQL keeps no journey index.
    if (dialect === "duckdb") {
      it("gives the same friction, heatmap and breakpoints from the journey index", async () => {
        const urls = [
          "/api/breakpoints",
          "/api/friction?outcome=churn&limit=500&minCount=1",
          "/api/friction?from=2026-04-01&limit=500&minCount=1",
          "/api/heatmap",
        ];
        const read = () =>
          Promise.all(
            urls.map(async (url) => {
              const response = await get(url);
              expect(response.statusCode, response.body).toBe(200);
              return response.json() as unknown;
            }),
          );
        expect(await journeySource(runtime.store)).toBe("live");
        const live = await read();
        await refreshJourneyIndex(runtime.store);
        expect(await journeySource(runtime.store)).toBe("index");
        // A fresh app: the result cache keys on the data, which the index does not change.
        await app.close();
        app = await buildApp(runtime);
        expect(await read()).toEqual(live);
      });
    }

    it("names the bad field of an invalid spec", async () => {
      const cases: [string, string][] = [
        ["/api/breakpoints?maxLength=9", "maxLength"],
        ["/api/breakpoints?outcome=goal", "goal"],
        ["/api/breakpoints?alpha=2", "alpha"],
        ["/api/breakpoints?outcome=sideways", "outcome"],
        ["/api/friction?goal=Order%20Completed&inactivityDays=3", "inactivityDays"],
        ["/api/heatmap?top=-1", "top"],
        ["/api/heatmap?segment=%7Bnot", "segment"],
      ];
      for (const [url, field] of cases) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(400);
        expect(response.json().error.field, url).toBe(field);
      }
    });

    it("documents the endpoints in OpenAPI", async () => {
      const doc = (await get("/api/openapi.json")).json();
      for (const name of ["friction", "breakpoints", "heatmap"]) {
        expect(doc.paths[`/api/${name}`].get.parameters.length).toBeGreaterThan(4);
        expect(doc.paths[`/api/${name}`].post.requestBody).toBeDefined();
      }
    });

    it("prints the API's JSON and a readable list from the CLI", async () => {
      const api = (await get("/api/breakpoints")).json();
      const friction = (await get("/api/friction?outcome=churn")).json();
      if (dialect === "duckdb") await runtime.store.close(); // one process holds a DuckDB file
      expect(JSON.parse(await cli(target, configPath, "breakpoints", "--json"))).toEqual(api);
      expect(
        JSON.parse(await cli(target, configPath, "friction", "--outcome", "churn", "--json")),
      ).toEqual(friction);
      const text = await cli(target, configPath, "breakpoints", "--limit", "3");
      expect(text).toContain(
        "1. app:Account Query → app:Transfer Failed → app:Customer Service Response Timeout — ",
      );
      expect(text).toMatch(/of churned vs [\d.]+% of others, lift [\d.]+, q < 1e-12/);
      expect(await cli(target, configPath, "heatmap")).toContain("service");
    });
  });
}
