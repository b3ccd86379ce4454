import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../src/core/app-error.ts";
import { DEFAULT_STAGE_MODEL } from "../src/core/journeys/stage-model.ts";
import type { StoredEvent } from "../src/core/stored-event.ts";
import { selectFeedbackRows } from "../src/core/text/feedback-reference.ts";
import {
  DEFAULT_TEXT_FIELDS,
  FeedbackConfigSchema,
  FeedbackSpecSchema,
} from "../src/core/text/feedback-spec.ts";
import { polarityOf, type SurveyType } from "../src/demo/demo-comments.ts";
import { runFeedbackAnalysis } from "../src/feedback/feedback.ts";
import { feedbackRows, feedbackSql } from "../src/feedback/feedback-sql.ts";
import { profileKey } from "../src/journeys/journey-profile.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { demoEvents } from "./support/demo-events.ts";
import { filtersArb } from "./support/journey-arbitraries.ts";
import { logArb, toJourney, toStored } from "./support/journey-logs.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

const TEXTS = ["Great app", "  slow  ", "", "   ", "转账失败", "很满意", "ok"];
const textArb = fc.record(
  {
    comment: fc.constantFrom(...TEXTS),
    review: fc.constantFrom(...TEXTS),
    touchpoint: fc.constantFrom("checkout", "transfer"),
  },
  { requiredKeys: [] },
);

/** A random log whose events carry random feedback fields. */
const feedbackLogArb = logArb(30).chain((log) =>
  fc
    .array(textArb, { minLength: log.length, maxLength: log.length })
    .map((texts) => ({ log, texts })),
);

function withTexts(stored: StoredEvent[], texts: Record<string, string>[]): StoredEvent[] {
  return stored.map((e, i) => ({
    ...e,
    properties: JSON.stringify({ ...JSON.parse(e.properties), ...texts[i] }),
  }));
}

const config = { feedback: FeedbackConfigSchema.parse({}), stages: DEFAULT_STAGE_MODEL };

for (const dialect of DIALECTS) {
  describe(`feedback texts: ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await freshStore(dialect));
    });
    afterAll(async () => cleanup());

    it("selects the reference's texts on random logs (filters, fields, order, limit)", async () => {
      const { join, key } = profileKey(store.dialect, "e");
      let nonTrivial = 0;
      await fc.assert(
        fc.asyncProperty(
          feedbackLogArb,
          filtersArb,
          fc.integer({ min: 1, max: 12 }),
          fc.constantFrom(DEFAULT_TEXT_FIELDS, ["properties.review", "properties.comment"]),
          async ({ log, texts }, filters, limit, fields) => {
            await store.exec("DELETE FROM events");
            const stored = withTexts(toStored(log), texts);
            await store.insertEvents(stored);
            const ids = await store.query(
              `SELECT e.message_id, ${key} AS profile_id FROM events e ${join}`,
            );
            const profiles = new Map(ids.map((r) => [String(r.message_id), String(r.profile_id)]));
            const spec = FeedbackSpecSchema.parse(filters);
            const { sql, values } = feedbackSql(store.dialect, spec, { fields, limit });
            const actual = feedbackRows(await store.query(sql, values));
            const expected = selectFeedbackRows(toJourney(stored, profiles), spec, {
              fields,
              limit,
            });
            expect(actual).toEqual(expected);
            if (expected.length > 1) nonTrivial++;
          },
        ),
        { numRuns: 40 },
      );
      // The property was not checked on empty answers only.
      expect(nonTrivial).toBeGreaterThan(20);
    });
  });

  describe(`feedback on the demo's planted comments: ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    const events = demoEvents({ customers: 300, seed: 7 });
    const byId = new Map(events.map((e) => [e.messageId, JSON.parse(e.properties)]));
    beforeAll(async () => {
      ({ store, cleanup } = await freshStore(dialect));
      await store.insertEvents(events);
    });
    afterAll(async () => cleanup());

    it("finds every text, scores them as planted, and ranks channels as the planted NPS", async () => {
      const expectedTexts = events.filter((e) => {
        const p = JSON.parse(e.properties);
        return (
          e.event !== null &&
          [p.comment, p.text, p.review, p.message].some((t) => typeof t === "string" && t.trim())
        );
      }).length;
      const result = await runFeedbackAnalysis(store, config, {
        params: { texts: "1000", limit: "50000" },
      });
      expect(result.summary.texts).toBe(expectedTexts);
      expect(result.summary.truncated).toBe(false);
      expect(result.summary.languages.en).toBeGreaterThan(50);
      expect(result.summary.languages.zh).toBeGreaterThan(50);

      // Planted polarity: the survey score (or review rating) the comment was drawn for.
      let right = 0;
      let polar = 0;
      for (const text of result.texts) {
        const p = byId.get(text.messageId);
        const planted =
          text.event === "Review Submitted"
            ? polarityOf("csat", p.rating)
            : polarityOf(p.survey_type as SurveyType, p.score);
        if (planted === "neutral") continue;
        polar++;
        if ((text.score as number) >= 0 === (planted === "positive")) right++;
      }
      expect(polar).toBeGreaterThan(100);
      expect(right / polar).toBeGreaterThanOrEqual(0.75);

      // Planted NPS means: app 5.8 lowest, branch 8.7 highest.
      const channels = result.emotionIndex.channel.filter((c) => c.n >= 20);
      const app = channels.find((c) => c.key === "app");
      const branch = channels.find((c) => c.key === "branch");
      expect(Math.min(...channels.map((c) => c.index))).toBe(app?.index);
      expect((branch?.index as number) - (app?.index as number)).toBeGreaterThan(10);
      expect(result.emotionIndex.stage.map((s) => s.key)).toContain("service");
      expect(result.terms.length).toBe(100);
      expect(result.keywords.length).toBe(30);
    });

    it("filters by channel, language and date, and says when the limit cut", async () => {
      const app = await runFeedbackAnalysis(store, config, {
        params: { channel: "app", texts: "1000" },
      });
      expect(app.texts.every((t) => t.channel === "app")).toBe(true);
      expect(app.emotionIndex.channel.map((c) => c.key)).toEqual(["app"]);
      const zh = await runFeedbackAnalysis(store, config, {
        body: { language: "zh", texts: 1000 },
      });
      expect(zh.texts.every((t) => t.language === "zh")).toBe(true);
      expect(zh.summary.languages.en).toBe(0);
      const to = "2026-02-01T00:00:00.000Z";
      const early = await runFeedbackAnalysis(store, config, { params: { to, texts: "1000" } });
      expect(early.texts.every((t) => t.timestamp < to)).toBe(true);
      const cut = await runFeedbackAnalysis(store, config, { params: { limit: "5" } });
      expect(cut.summary).toMatchObject({ texts: 5, truncated: true });
    });

    it("names the bad field of an invalid request", async () => {
      const cases: [Record<string, string>, string][] = [
        [{ language: "fr" }, "language"],
        [{ field: "comment" }, "fields.0"],
        [{ limit: "0" }, "limit"],
        [{ texts: "lots" }, "texts"],
        [{ from: "yesterday" }, "from"],
      ];
      for (const [params, field] of cases) {
        const error = await runFeedbackAnalysis(store, config, { params }).catch((e) => e);
        expect(error, JSON.stringify(params)).toBeInstanceOf(AppError);
        expect(error.field).toBe(field);
      }
    });
  });
}
