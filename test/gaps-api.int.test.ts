import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseMessage } from "../src/core/normalise-message.ts";
import { generateDemo } from "../src/demo/demo-generator.ts";
import type { ChannelGapTruth } from "../src/demo/demo-types.ts";
import { readContentFile } from "../src/gaps/content-file.ts";
import { parseConfig } from "../src/runtime/config.ts";
import { buildApp } from "../src/server/app.ts";
import { DuckDBEventStore } from "../src/store/duckdb-store.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { PostgresEventStore } from "../src/store/postgres-store.ts";
import { apiHeaders } from "./support/api-auth.ts";
import { cli } from "./support/cli.ts";
import { DEMO_END } from "./support/demo-events.ts";
import { DIALECTS, freshTarget, type StoreTarget } from "./support/stores.ts";
import { taskScenarioEvents } from "./support/task-scenarios.ts";

const EXAMPLE = join(import.meta.dirname, "..", "examples", "content-items.csv");

function demo() {
  const { messages, truth } = generateDemo({ customers: 1500, seed: 42, end: DEMO_END });
  const events = messages.flatMap((message) => {
    const outcome = normaliseMessage(message, {
      sourceId: "demo",
      receivedAt: DEMO_END,
      defaultRegion: "US",
    });
    return outcome.ok ? [outcome.value] : [];
  });
  return { events, truth: truth.channelGap };
}

/** Completion of the app versions other than `version`, from the truth's counts. */
function otherVersions(truth: ChannelGapTruth, version: string) {
  let attempts = 0;
  let completed = 0;
  for (const [v, n] of Object.entries(truth.attemptsByAppVersion)) {
    if (v === version) continue;
    attempts += n;
    completed += n * (truth.completionByAppVersion[v] ?? 0);
  }
  return completed / attempts;
}

for (const dialect of DIALECTS) {
  describe(`channel gaps on the demo, API and CLI: ${dialect}`, () => {
    const { events, truth } = demo();
    let target: StoreTarget;
    let store: EventStore;
    let app: FastifyInstance;
    let headers: Record<string, string>;
    const dir = mkdtempSync(join(tmpdir(), "jl-gaps-"));
    const configPath = join(dir, "config.json");
    writeFileSync(configPath, "{}");
    const get = async (url: string) => app.inject({ headers, method: "GET", url });
    const post = async (url: string, payload: object) =>
      app.inject({ headers, method: "POST", url, payload });

    const open = async () => {
      store = target.pg
        ? await PostgresEventStore.open(target.pg)
        : await DuckDBEventStore.open(target.db ?? "");
      const runtime = { config: parseConfig({}), store, close: async () => undefined };
      app = await buildApp(runtime);
      headers = await apiHeaders(runtime, "analyst");
    };
    const close = async () => {
      await app?.close();
      await store?.close();
    };

    beforeAll(async () => {
      target = await freshTarget(dialect);
      await open();
      await store.insertEvents(events);
    });
    afterAll(async () => {
      await close();
      await target?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it("puts the planted channel gap first, with its planted root cause", async () => {
      const response = await get("/api/gaps");
      expect(response.statusCode, response.body).toBe(200);
      const [first] = response.json().gaps;
      expect(first).toMatchObject({
        rank: 1,
        task: "transfer",
        channel: truth.channel,
        metric: "completion",
        type: "usability",
        significant: true,
        priority: "high",
      });
      expect(first.value).toBeCloseTo(truth.completionByChannel.app ?? -1, 4);
      const cause = first.rootCauses[0];
      expect(cause).toMatchObject({ dimension: truth.dimension, value: truth.value });
      expect(cause.attempts).toBe(truth.attemptsByAppVersion["5.1.0"]);
      expect(cause.rate).toBeCloseTo(truth.completionByAppVersion["5.1.0"] ?? -1, 4);
      expect(cause.restRate).toBeCloseTo(otherVersions(truth, "5.1.0"), 4);
      expect(first.summary).toMatch(
        /^transfer · app: completion \d+% vs \d+% on \w+ \(gap \d+ pts, p < 1e-9\) — root cause: app version 5\.1\.0: \d+% vs \d+% on other versions$/,
      );
    });

    it("measures the task per channel as the demo planted it", async () => {
      const result = (await get("/api/tasks?task=transfer")).json();
      const [transfer] = result.tasks;
      expect(transfer.definition).toBe(
        "transfer: Transfer Started → Transfer Completed | Transfer Failed within 10m",
      );
      const channels = Object.fromEntries(
        transfer.channels.map((c: { channel: string }) => [c.channel, c]),
      );
      for (const [channel, attempts] of Object.entries(truth.attemptsByChannel)) {
        expect(channels[channel].attempts, channel).toBe(attempts);
        expect(channels[channel].completionRate, channel).toBeCloseTo(
          truth.completionByChannel[channel] ?? -1,
          4,
        );
      }
      expect(channels.app.ces.responses).toBeGreaterThan(0);
      // The app's failures draw low CES scores and negative comments.
      expect(channels.app.ces.mean).toBeLessThan(channels.web.ces.mean);
      expect(channels.app.sentiment.mean).toBeLessThan(channels.web.sentiment.mean);
      expect(result.sentimentNote).toBeNull();
    });

    it("answers GET and POST alike, and continuity with switches", async () => {
      const gets = await Promise.all(
        [
          "/api/gaps?minSample=20&dimension=context.app.version",
          "/api/continuity?windowMinutes=90",
        ].map(get),
      );
      const posts = await Promise.all([
        post("/api/gaps", { minSample: 20, dimensions: ["context.app.version"] }),
        post("/api/continuity", { windowMinutes: 90 }),
      ]);
      for (const [i, response] of gets.entries()) {
        expect(response.statusCode, response.body).toBe(200);
        expect(posts[i]?.json()).toEqual(response.json());
      }
      const continuity = gets[1]?.json();
      expect(continuity.windowMinutes).toBe(90);
      expect(continuity.switches).toBeGreaterThan(0);
      expect(continuity.tasks[0].task).toBe("transfer");
      expect(continuity.tasks[0].attempts).toBe(
        Object.values(truth.attemptsByChannel).reduce((a, b) => a + b, 0),
      );
    });

    it("audits content items: conflicts, missing, stale, brand voice", async () => {
      const response = await post("/api/audit", { items: readContentFile(EXAMPLE) });
      expect(response.statusCode, response.body).toBe(200);
      const audit = response.json();
      expect(audit.languages).toEqual(["en", "zh"]);
      expect(
        audit.conflicts.map((c: { key: string; field: string }) => `${c.key}.${c.field}`),
      ).toEqual(["sav-high-yield.rate"]);
      expect(audit.conflicts[0].channels).toEqual(["app"]);
      expect(audit.missing).toEqual([{ key: "cc-cashback", channel: "branch", language: null }]);
      expect(audit.stale).toMatchObject([
        { key: "sav-high-yield", channel: "app", language: "zh", fields: ["rate"] },
      ]);
      const rules = audit.brandVoice.map(
        (f: { channel: string; rule: string }) => `${f.channel}:${f.rule}`,
      );
      for (const expected of [
        "sms:banned_term",
        "sms:disclaimer",
        "sms:formality",
        "push:length",
        "web:reading_level",
      ]) {
        expect(rules).toContain(expected);
      }
      const withContent = await post("/api/gaps", {
        content: readContentFile(EXAMPLE),
        minSample: 1,
      });
      expect(
        withContent.json().content.find((c: { channel: string }) => c.channel === "app"),
      ).toMatchObject({
        items: 3,
        flagged: 1,
      });
    });

    it("names the bad field of an invalid request", async () => {
      const cases: [string, string][] = [
        ["/api/gaps?task=nope", "tasks.0"],
        ["/api/gaps?task=x%3A%20A%20%E2%86%92%20B%20within%20soon", "tasks.0.window"],
        ["/api/gaps?alpha=2", "alpha"],
        ["/api/gaps?dimension=colour", "dimensions.0"],
        ["/api/continuity?windowMinutes=-5", "windowMinutes"],
        ["/api/tasks?from=yesterday", "from"],
      ];
      for (const [url, field] of cases) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(400);
        expect(response.json().error.field, url).toBe(field);
      }
      const audit = await post("/api/audit", { items: [{ key: "a" }] });
      expect(audit.statusCode).toBe(400);
      expect(audit.json().error.field).toBe("items.0.channel");
    });

    it("documents the endpoints in OpenAPI", async () => {
      const doc = (await get("/api/openapi.json")).json();
      for (const name of ["tasks", "gaps", "continuity"]) {
        expect(doc.paths[`/api/${name}`].get.parameters.length).toBeGreaterThan(4);
        expect(doc.paths[`/api/${name}`].post.requestBody).toBeDefined();
      }
      expect(doc.paths["/api/audit"].post.requestBody).toBeDefined();
    });

    it("prints the API's JSON from the CLI, and readable tables", async () => {
      const api = {
        gaps: (await get("/api/gaps")).json(),
        continuity: (await get("/api/continuity?top=5")).json(),
        tasks: (await get("/api/tasks")).json(),
        audit: (await post("/api/audit", { items: readContentFile(EXAMPLE) })).json(),
        withContent: (
          await post("/api/gaps", { content: readContentFile(EXAMPLE), minSample: 1 })
        ).json(),
      };
      if (dialect === "duckdb") await close(); // one process holds a DuckDB file at a time
      expect(JSON.parse(await cli(target, configPath, "gaps", "--json"))).toEqual(api.gaps);
      expect(
        JSON.parse(await cli(target, configPath, "continuity", "--top", "5", "--json")),
      ).toEqual(api.continuity);
      expect(JSON.parse(await cli(target, configPath, "tasks", "--json"))).toEqual(api.tasks);
      expect(JSON.parse(await cli(target, configPath, "audit", EXAMPLE, "--json"))).toEqual(
        api.audit,
      );
      expect(
        JSON.parse(
          await cli(
            target,
            configPath,
            "gaps",
            "--content",
            EXAMPLE,
            "--min-sample",
            "1",
            "--json",
          ),
        ),
      ).toEqual(api.withContent);
      const text = await cli(target, configPath, "gaps");
      expect(text.split("\n")[0]).toBe(`1. [high] ${api.gaps.gaps[0].summary}`);
      expect(await cli(target, configPath, "tasks")).toMatch(/^transfer: Transfer Started/);
      expect(await cli(target, configPath, "audit", EXAMPLE)).toContain(
        "cc-cashback not on branch",
      );
      if (dialect === "duckdb") await open();
    });

    it("reports no significant gap on a log without one", async () => {
      await store.exec("DELETE FROM events");
      await store.insertEvents(
        taskScenarioEvents({
          seed: 3,
          profiles: 1500,
          channels: ["web", "app", "branch"],
          completion: () => 0.9,
        }),
      );
      const result = (await get("/api/gaps")).json();
      expect(result.gaps.length).toBeGreaterThan(3);
      expect(result.gaps.filter((g: { significant: boolean }) => g.significant)).toEqual([]);
    });
  });
}
