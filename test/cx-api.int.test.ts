import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseMessage } from "../src/core/normalise-message.ts";
import { normalCdf } from "../src/core/stats/distributions.ts";
import { generateDemo } from "../src/demo/demo-generator.ts";
import { parseConfig } from "../src/runtime/config.ts";
import { buildApp } from "../src/server/app.ts";
import { DuckDBEventStore } from "../src/store/duckdb-store.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { PostgresEventStore } from "../src/store/postgres-store.ts";
import { apiHeaders } from "./support/api-auth.ts";
import { cli } from "./support/cli.ts";
import { DIALECTS, freshTarget, type StoreTarget } from "./support/stores.ts";

// The demo as `journeylens demo` loads it by default (3000 customers, seed 42).
const DEMO = generateDemo({ customers: 3000, seed: 42, end: new Date("2026-03-01T00:00:00Z") });
const EVENTS = DEMO.messages.flatMap((message) => {
  const outcome = normaliseMessage(message, {
    sourceId: "demo",
    receivedAt: new Date("2026-03-01T00:00:00Z"),
    defaultRegion: "US",
  });
  return outcome.ok ? [outcome.value] : [];
});

/**
 * NPS of answers drawn as the demo draws them: round(N(mean, 1.7)) clipped to 0–10, so a
 * promoter is X ≥ 8.5 and a detractor X < 6.5.
 */
const populationNps = (mean: number) =>
  100 * (1 - normalCdf((8.5 - mean) / 1.7) - normalCdf((6.5 - mean) / 1.7));

interface NpsGroup {
  value: string;
  metrics: { nps: { nps: number; ci: { low: number; high: number }; responses: number } };
}

for (const dialect of DIALECTS) {
  describe(`CX API and CLI on the demo: ${dialect}`, () => {
    let target: StoreTarget;
    let store: EventStore;
    let app: FastifyInstance;
    let headers: Record<string, string>;
    const dir = mkdtempSync(join(tmpdir(), "jl-cx-"));
    const configPath = join(dir, "config.json");
    writeFileSync(configPath, JSON.stringify({ identity: { updates: "off" } }));

    beforeAll(async () => {
      target = await freshTarget(dialect);
      store = target.pg
        ? await PostgresEventStore.open(target.pg)
        : await DuckDBEventStore.open(target.db ?? "");
      await store.migrate();
      await store.insertEvents(EVENTS);
      const runtime = { config: parseConfig({}), store, close: async () => undefined };
      app = await buildApp(runtime);
      headers = await apiHeaders(runtime, "analyst");
    }, 300_000);
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await target?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    const get = async (url: string) => {
      const response = await app.inject({ headers, method: "GET", url });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      return response.json();
    };

    it("answers GET and POST alike, and serves engagement, KPIs and KANO", async () => {
      const viaGet = await get("/api/cx?by=stage,channel&period=month");
      const viaPost = await app.inject({
        headers,
        method: "POST",
        url: "/api/cx",
        payload: { by: ["stage", "channel"], period: "month" },
      });
      expect(viaPost.json()).toEqual(viaGet);
      expect(viaGet.surveys.breakdowns.map((b: { by: string }) => b.by)).toEqual([
        "stage",
        "channel",
      ]);
      expect(viaGet.cxIndex.stages.map((s: { stage: string }) => s.stage)).toEqual([
        "awareness",
        "consideration",
        "purchase",
        "service",
        "loyalty",
      ]);
      expect(viaGet.cxIndex.value).toBeGreaterThan(0);
      // The demo's comments feed the sentiment signal of the stages with surveys.
      expect(viaGet.cxIndex.stages[3].signals.sentiment).not.toBeNull();
      const engagement = await get("/api/engagement?by=trait:segment&limit=3");
      expect(engagement.top).toHaveLength(3);
      expect(
        engagement.distribution.histogram.reduce(
          (n: number, h: { profiles: number }) => n + h.profiles,
          0,
        ),
      ).toBe(engagement.profiles);
      const kpis = await get("/api/kpis");
      expect(kpis.web.sessions).toBeGreaterThan(0);
      expect(kpis.chat.resolutionRate).toBeGreaterThan(0);
      expect(kpis.callCenter.handleTimeSeconds.n).toBeGreaterThan(0);
      expect(kpis.processes[0]).toMatchObject({ name: "application" });
      const kano = await app.inject({
        headers,
        method: "POST",
        url: "/api/kano",
        payload: {
          answers: [
            { respondent: "a", feature: "f", functional: "喜欢", dysfunctional: "不喜欢" },
            { respondent: "b", feature: "f", functional: 1, dysfunctional: 5 },
          ],
        },
      });
      expect(kano.statusCode).toBe(200);
      expect(kano.json().features[0]).toMatchObject({
        category: "one-dimensional",
        better: 1,
        worse: -1,
      });
    });

    it("names the bad field", async () => {
      const cases: [string, string][] = [
        ["/api/cx?by=colour", "by.0"],
        ["/api/cx?by=segment", "segments"],
        ["/api/cx?surveys=nps,kano", "surveys.1"],
        ["/api/cx?confidence=2", "confidence"],
        ["/api/engagement?by=channel", "by.0"],
        ["/api/kpis?gapMinutes=0", "gapMinutes"],
        ["/api/kpis?segment=%7Bnot", "segment"],
      ];
      for (const [url, field] of cases) {
        const response = await app.inject({ headers, method: "GET", url });
        expect(response.statusCode, url).toBe(400);
        expect(response.json().error.field, url).toBe(field);
      }
      const kano = await app.inject({
        headers,
        method: "POST",
        url: "/api/kano",
        payload: {
          answers: [{ respondent: "a", feature: "f", functional: "love it", dysfunctional: 5 }],
        },
      });
      expect(kano.statusCode).toBe(400);
      expect(kano.json().error.field).toBe("answers.0.functional");
    });

    it("documents the endpoints in OpenAPI", async () => {
      const doc = await get("/api/openapi.json");
      for (const name of ["cx", "engagement", "kpis", "kano"]) {
        expect(doc.paths[`/api/${name}`].get).toBeDefined();
        expect(doc.paths[`/api/${name}`].post.requestBody).toBeDefined();
      }
    });

    it("recovers the demo's planted NPS by channel from `journeylens cx --by channel`", async () => {
      const api = await get("/api/cx?by=channel");
      if (dialect === "duckdb") await store.close(); // one process holds a DuckDB file at a time
      const printed = JSON.parse(await cli(target, configPath, "cx", "--by", "channel", "--json"));
      if (dialect === "duckdb") store = await DuckDBEventStore.open(target.db ?? "");
      expect(printed).toEqual(api);
      const groups = printed.surveys.breakdowns[0].groups as NpsGroup[];
      const truth = DEMO.truth.nps;
      for (const [channel, planted] of Object.entries(truth.plantedMeanByChannel)) {
        const group = groups.find((g) => g.value === channel);
        const nps = group?.metrics.nps;
        expect(nps?.responses, channel).toBe(truth.responsesByChannel[channel]);
        // The realised NPS to the truth's 0.1 rounding, and the NPS the answers were drawn
        // from inside the 95% interval.
        expect(
          Math.abs((nps?.nps ?? Number.NaN) - (truth.npsByChannel[channel] ?? 0)),
          channel,
        ).toBeLessThanOrEqual(0.05);
        const population = populationNps(planted);
        expect(nps?.ci.low, channel).toBeLessThanOrEqual(population);
        expect(nps?.ci.high, channel).toBeGreaterThanOrEqual(population);
      }
      // Branch (planted highest) is significantly above the rest, app (lowest) below.
      type Tested = { vsRest: { difference: number; significant: boolean } };
      const vs = (c: string) =>
        (groups.find((g) => g.value === c)?.metrics.nps as unknown as Tested | undefined)?.vsRest;
      expect(vs("branch")).toMatchObject({ significant: true });
      expect(vs("branch")?.difference).toBeGreaterThan(0);
      expect(vs("app")).toMatchObject({ significant: true });
      expect(vs("app")?.difference).toBeLessThan(0);
    });

    it("measures an imported survey export", async () => {
      const other = await freshTarget(dialect);
      try {
        await cli(
          other,
          configPath,
          "import",
          "examples/survey-export.csv",
          "--mapping",
          "examples/survey-export.mapping.yaml",
          "--rejects",
          join(dir, "rejects.ndjson"),
        );
        const result = JSON.parse(await cli(other, configPath, "cx", "--by", "channel", "--json"));
        // By hand: web 10 9 8 6 3 9 → 3 promoters, 2 detractors of 6; branch 10 10 9 7 → 3 of 4.
        expect(result.surveys.overall.nps).toMatchObject({
          responses: 10,
          promoters: 6,
          detractors: 2,
          nps: 40,
        });
        const groups = Object.fromEntries(
          result.surveys.breakdowns[0].groups.map((g: NpsGroup) => [g.value, g.metrics.nps.nps]),
        );
        expect(groups).toEqual({ web: 16.6667, branch: 75 });
        expect(result.surveys.warnings[0]).toMatch(
          /nps: 10 answers, fewer than the minimum sample of 30/,
        );
      } finally {
        await other.cleanup();
      }
    });

    it("reads the example KANO file from the CLI", async () => {
      const result = JSON.parse(
        await cli(target, configPath, "kano", "examples/kano-answers.csv", "--json"),
      );
      const byName = Object.fromEntries(
        result.features.map((f: { feature: string }) => [f.feature, f]),
      );
      // Hand-classified (see the file): O5 A1 M1 I1; A4 I2 O1 Q1; M5 O1 I1 R1; I6 A1 R1.
      expect(byName["Instant transfers"]).toMatchObject({
        category: "one-dimensional",
        better: 0.75,
        worse: -0.75,
        distinct: true,
      });
      expect(byName.人脸识别登录).toMatchObject({
        category: "attractive",
        better: 0.7143,
        worse: -0.1429,
        distinct: false,
      });
      expect(byName["Accurate balance"]).toMatchObject({
        category: "must-be",
        better: 0.1429,
        worse: -0.8571,
      });
      expect(byName["Dark mode"]).toMatchObject({
        category: "indifferent",
        better: 0.1429,
        worse: 0,
      });
      expect(result.respondents).toBe(8);
    });
  });
}
