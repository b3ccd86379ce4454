import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_STAGES } from "../core/journeys/stage-model.ts";
import { ConfigError, loadConfigFile, parseConfig } from "./config.ts";
import { resolveRuntimeOptions } from "./runtime.ts";

describe("config", () => {
  it("gives every key a default", () => {
    expect(parseConfig({})).toEqual({
      defaultRegion: "US",
      ingest: { maxMessageBytes: 32768, maxBatchBytes: 512000 },
      server: { host: "127.0.0.1", port: 8787 },
      duckdb: { memoryLimit: "1GB" },
      auth: { sessionHours: 12 },
      // The friction defaults are documented in docs/friction.md and checked in src/core/friction/.
      friction: expect.objectContaining({
        failureEvents: ["*Failed", "*Error", "*Timeout", "*Abandoned"],
        dwellFactor: 3,
        channelSwitchMinutes: 60,
      }),
      identity: {
        extraKeys: [
          { path: "traits.crm_id", type: "crm_id" },
          { path: "context.device.id", type: "device_id" },
        ],
        limits: { user_id: 1 },
        priority: ["user_id", "crm_id", "email", "phone", "device_id", "anonymous_id"],
        blocklist: {},
        sharedValueGuard: { maxUserIds: 5 },
        traitSourcePriority: [],
        updates: "async",
      },
      journeys: { stages: DEFAULT_STAGES, unmatchedStage: "awareness", sessionGapMinutes: 30 },
      // The cx defaults are documented in docs/cx.md and checked in src/core/cx/.
      cx: expect.objectContaining({
        minSample: 30,
        confidence: 0.95,
        surveyEvents: ["Survey Responded"],
      }),
      tasks: [
        {
          name: "transfer",
          start: "Transfer Started",
          success: ["Transfer Completed"],
          failure: ["Transfer Failed"],
          windowMs: 600_000,
          kind: "usability",
          value: 1,
          touchpoints: ["transfer"],
        },
      ],
      // The gaps and brandVoice defaults are checked in src/core/gaps/gaps-config.test.ts.
      gaps: expect.objectContaining({ alpha: 0.05, minSample: 30, rootCauses: 3 }),
      continuity: { windowMinutes: 60, ignoreChannels: [] },
      brandVoice: expect.objectContaining({ formality: "formal" }),
      contentAudit: {
        staleAfterDays: 0,
        copyFields: ["text", "body", "message", "description", "subject", "summary"],
      },
      feedback: {
        textFields: [
          "properties.comment",
          "properties.text",
          "properties.review",
          "properties.message",
        ],
        contextEvents: ["Survey Responded"],
        defaultLimit: 10_000,
      },
    });
  });

  it("checks the identity section's identifier types", () => {
    expect(() => parseConfig({ identity: { limits: { loyalty: 1 } } })).toThrow(
      /identity\.limits\.loyalty: unknown identifier type "loyalty"/,
    );
    expect(() => parseConfig({ identity: { extraKeys: ["crm_id"] } })).toThrow(
      /identity\.extraKeys\.0: "crm_id" must be a dotted path/,
    );
    const config = parseConfig({
      identity: { extraKeys: ["traits.loyalty_number"], limits: { loyalty_number: 2 } },
    });
    expect(config.identity.extraKeys).toEqual([
      { path: "traits.loyalty_number", type: "loyalty_number" },
    ]);
  });

  it("names every bad key and why", () => {
    expect(() =>
      parseConfig({ defaultRegion: "XX", ingest: { maxBatchBytes: -1 }, colour: "red" }),
    ).toThrow(ConfigError);
    try {
      parseConfig({ defaultRegion: "XX", ingest: { maxBatchBytes: -1, extra: 1 }, colour: "red" });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("defaultRegion: must be an ISO 3166 alpha-2 region");
      expect(message).toContain("ingest.maxBatchBytes:");
      expect(message).toContain("ingest.extra: unknown key");
      expect(message).toContain("colour: unknown key");
    }
  });

  it("reads YAML and JSON files and names a broken one", () => {
    const dir = mkdtempSync(join(tmpdir(), "jl-config-"));
    writeFileSync(join(dir, "a.yaml"), "defaultRegion: CN\nserver:\n  port: 9000\n");
    expect(loadConfigFile(join(dir, "a.yaml"))).toMatchObject({
      defaultRegion: "CN",
      server: { port: 9000 },
    });
    writeFileSync(join(dir, "b.json"), '{"server": {"port": "x"}}');
    expect(() => loadConfigFile(join(dir, "b.json"))).toThrow(/server\.port/);
    writeFileSync(join(dir, "c.yaml"), "server: [unclosed");
    expect(() => loadConfigFile(join(dir, "c.yaml"))).toThrow(/not valid YAML/);
  });
});

describe("store selection", () => {
  it("prefers flags to environment and PostgreSQL only when asked", () => {
    expect(resolveRuntimeOptions({}, {})).toMatchObject({
      db: "./journeylens.duckdb",
      pg: undefined,
    });
    expect(resolveRuntimeOptions({}, { JOURNEYLENS_PG_URL: "postgres://x" })).toMatchObject({
      pg: "postgres://x",
      db: undefined,
    });
    expect(
      resolveRuntimeOptions({ db: "a.duckdb" }, { JOURNEYLENS_PG_URL: "postgres://x" }),
    ).toMatchObject({ db: "a.duckdb", pg: undefined });
    expect(resolveRuntimeOptions({}, { JOURNEYLENS_DB: "e.duckdb" })).toMatchObject({
      db: "e.duckdb",
    });
  });
});
