import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CxConfigSchema } from "../src/core/cx/cx-config.ts";
import { cxReference, stageTextsReference } from "../src/core/cx/cx-reference.ts";
import type { CxRows } from "../src/core/cx/cx-rows.ts";
import type { KanoResult } from "../src/core/cx/kano.ts";
import { CxSpecSchema } from "../src/core/cx/specs.ts";
import { compareText } from "../src/core/journeys/journey-log.ts";
import { DEFAULT_STAGE_MODEL } from "../src/core/journeys/stage-model.ts";
import { getCx } from "../src/cx/cx.ts";
import { runCxAnalysis } from "../src/cx/cx-analyses.ts";
import { cxRows, cxSql, cxTexts } from "../src/cx/cx-sql.ts";
import { profileKey } from "../src/journeys/journey-profile.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { cxLogArb, loadCxLog, roundNumbers, toCxStored } from "./support/cx-logs.ts";
import { storedEvent } from "./support/factories.ts";
import { filtersArb } from "./support/journey-arbitraries.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

const CONFIG = CxConfigSchema.parse({ touchpointStages: { t1: "loyalty" } });
const MODEL = DEFAULT_STAGE_MODEL;
const SEGMENTS = [
  { name: "app users", segment: { channel: "app" } },
  { name: "gold", segment: { trait: "tier", value: "gold" } },
];

const specArb = fc
  .record({
    by: fc.subarray(
      ["stage", "channel", "touchpoint", "period", "trait:tier", "property:plan", "segment"],
      { maxLength: 4 },
    ),
    period: fc.constantFrom("day", "week", "month"),
    index: fc.constantFrom(true, true, false),
    filters: filtersArb,
  })
  .map((s) =>
    CxSpecSchema.parse({
      ...s.filters,
      by: s.by,
      period: s.period,
      index: s.index,
      segments: s.by.includes("segment") ? SEGMENTS : undefined,
    }),
  );

/** Rows in one order, numbers to 9 significant digits. */
function canonical(rows: CxRows) {
  const key = (...parts: unknown[]) => JSON.stringify(parts);
  const by =
    <T>(f: (x: T) => string) =>
    (a: T, b: T) =>
      compareText(f(a), f(b));
  return roundNumbers({
    cells: [...rows.cells].sort(by((c) => key(c.dim, c.value, c.type))),
    invalid: rows.invalid,
    stages: rows.stages,
    drivers: [...rows.drivers].sort(by((d) => key(d.profileId, d.stage ?? -1))),
  });
}

for (const dialect of DIALECTS) {
  describe(`CX survey metrics and stage signals: ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await freshStore(dialect));
    });
    afterAll(async () => cleanup());

    it("gives the reference's rows on random logs", async () => {
      await fc.assert(
        fc.asyncProperty(cxLogArb(), specArb, async (log, spec) => {
          const events = await loadCxLog(store, toCxStored(log), profileKey(store.dialect, "e"));
          const { sql, values } = cxSql(store.dialect, spec, { model: MODEL, config: CONFIG });
          const actual = cxRows(await store.query(sql, values), spec.by, MODEL);
          const expected = cxReference(events, spec, MODEL, CONFIG);
          expect(canonical(actual)).toEqual(canonical(expected));
          // The feedback texts the sentiment signal reads, with their stages.
          const fields = ["properties.comment", "properties.plan"];
          const withTexts = cxSql(
            store.dialect,
            { ...spec, index: true },
            { model: MODEL, config: CONFIG, texts: { fields, limit: 1000 } },
          );
          const rows = cxTexts(await store.query(withTexts.sql, withTexts.values)).map((r) =>
            JSON.stringify([r.stage, r.text]),
          );
          const reference = stageTextsReference(events, spec, {
            model: MODEL,
            config: CONFIG,
            fields,
          });
          expect(rows.sort()).toEqual(
            reference.map((r) => JSON.stringify([r.stage, r.text])).sort(),
          );
        }),
        { numRuns: 40 },
      );
    }, 180_000);

    it("reads KANO answers from survey events", async () => {
      await store.exec("DELETE FROM events");
      let n = 0;
      const kano = (userId: string, properties: object) =>
        storedEvent({
          userId,
          event: "Survey Responded",
          messageId: `kano-${++n}`,
          timestamp: new Date(Date.UTC(2026, 0, 5, 9, n)).toISOString(),
          properties: { channel: "app", survey_type: "kano", ...properties },
        });
      await store.insertEvents([
        kano("u1", { feature: "f1", functional: "like", dysfunctional: "dislike" }),
        kano("u1", { feature: "f1", functional: "neutral", dysfunctional: "dislike" }),
        kano("u2", { feature: "f1", functional: 1, dysfunctional: 5 }),
        kano("u3", { feature: "f1", functional: "what", dysfunctional: 5 }),
        kano("u3", { feature: "f2", functional: "喜欢", dysfunctional: "无所谓" }),
        kano("u3", {
          survey_type: "nps",
          score: 9,
          feature: "f3",
          functional: 1,
          dysfunctional: 5,
        }),
      ]);
      const context = { cx: CONFIG, journeys: { ...MODEL, sessionGapMinutes: 30 } };
      const result = (await runCxAnalysis("kano", store, context, { params: {} })) as KanoResult;
      expect(result).toMatchObject({
        pairs: 5,
        invalidPairs: 1,
        duplicatesReplaced: 1,
        respondents: 3,
      });
      // f1: u1's later answer (must-be) and u2's one-dimensional: a tie, must-be first.
      expect(result.features.map((f) => [f.feature, f.category, f.respondents])).toEqual([
        ["f1", "must-be", 2],
        ["f2", "attractive", 1],
      ]);
    });

    it("derives the planted stage weights by key-driver analysis", async () => {
      await store.exec("DELETE FROM events");
      await store.insertEvents(plantedDriverEvents());
      const result = await getCx(store, CxSpecSchema.parse({}), { model: MODEL, config: CONFIG });
      const drivers = result.cxIndex?.keyDrivers;
      expect(drivers?.available).toBe(true);
      expect(drivers?.respondents).toBe(PROFILES);
      const derived = Object.fromEntries((drivers?.drivers ?? []).map((d) => [d.stage, d.weight]));
      for (const [stage, weight] of Object.entries(PLANTED)) {
        expect(Math.abs((derived[stage] ?? 0) - weight), stage).toBeLessThan(0.05);
      }
      const order = Object.entries(derived)
        .sort((a, b) => b[1] - a[1])
        .map(([s]) => s);
      expect(order).toEqual(Object.keys(PLANTED));
      // The index with derived weights is Σ wᵢ·Eᵢ over those stages.
      const stages = result.cxIndex?.stages ?? [];
      const expected = stages.reduce((v, s) => v + (s.derivedWeight ?? 0) * (s.score ?? 0), 0);
      // (Weights are shown to 4 decimals.)
      expect(result.cxIndex?.valueWithDerivedWeights).toBeCloseTo(expected, 1);
    });
  });
}

/** Planted importance of each stage's CSAT in the likelihood to recommend (sums to 1). */
const PLANTED: Record<string, number> = {
  service: 0.45,
  purchase: 0.3,
  consideration: 0.15,
  loyalty: 0.1,
};
const PROFILES = 600;

/**
 * Respondents with a CSAT answer per stage (score 3 + 0.6·z on 1–5, not rounded) and an NPS
 * score 5 + Σ √wᵢ·zᵢ·1.5 + noise: the drivers are independent, so each stage's share of R² is
 * its planted weight.
 */
function plantedDriverEvents() {
  let state = 12345;
  // mulberry32
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
  let n = 0;
  const survey = (userId: string, minute: number, properties: object) =>
    storedEvent({
      userId,
      event: "Survey Responded",
      messageId: `kd-${++n}`,
      timestamp: new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString(),
      properties: { channel: "web", ...properties },
    });
  return Array.from({ length: PROFILES }, (_, p) => {
    const userId = `respondent-${p}`;
    let ltr = 5;
    const answers = Object.entries(PLANTED).map(([stage, weight], i) => {
      const z = normal();
      ltr += Math.sqrt(weight) * 1.5 * z;
      return survey(userId, i, { survey_type: "csat", stage, score: clip(3 + 0.6 * z, 1, 5) });
    });
    ltr += 0.6 * normal();
    return [...answers, survey(userId, 10, { survey_type: "nps", score: clip(ltr, 0, 10) })];
  }).flat();
}
