import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { taskAggregatesReference } from "../src/core/gaps/attempts-reference.ts";
import { continuityReference } from "../src/core/gaps/continuity-reference.ts";
import { feedbackTextsReference } from "../src/core/gaps/feedback-texts.ts";
import { compareText } from "../src/core/journeys/journey-log.ts";
import { getContinuityAggregates } from "../src/gaps/continuity.ts";
import { getFeedbackTexts } from "../src/gaps/sentiment.ts";
import { getTaskAggregates } from "../src/gaps/task-aggregates.ts";
import { profileKey } from "../src/journeys/journey-profile.ts";
import type { EventStore } from "../src/store/event-store.ts";
import {
  DIMENSIONS,
  GAP_CHANNELS,
  gapFiltersArb,
  gapLogArb,
  loadGapLog,
  tasksArb,
} from "./support/gap-logs.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

const RUNS = 40;
const MINUTE = 60_000;

for (const dialect of DIALECTS) {
  describe(`task attempts, gaps and continuity against the reference: ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await freshStore(dialect));
    });
    afterAll(async () => cleanup());
    const load = (log: Parameters<typeof loadGapLog>[1]) =>
      loadGapLog(store, log, profileKey(store.dialect, "e"));

    it("attempt counts, dimension values, times to complete and survey scores", async () => {
      // What the runs covered, so that the property cannot pass on empty answers.
      const seen = { completed: 0, failed: 0, abandoned: 0, values: 0, durations: 0, scores: 0 };
      await fc.assert(
        fc.asyncProperty(gapLogArb(), tasksArb, gapFiltersArb, async (log, tasks, filters) => {
          const events = await load(log);
          const query = { filters, tasks, dimensions: DIMENSIONS };
          const actual = await getTaskAggregates(store, query);
          expect(actual).toEqual(taskAggregatesReference(events, query));
          for (const c of actual.channels) {
            if (c.completed > 0) seen.completed++;
            if (c.failed > 0) seen.failed++;
            if (c.abandoned > 0) seen.abandoned++;
          }
          seen.values += actual.dimensions.filter((d) => d.value !== null).length;
          seen.durations += actual.durations.filter((d) => d.ms > 0).length;
          seen.scores += actual.scores.length;
        }),
        { numRuns: RUNS },
      );
      for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(2);
    });

    it("feedback texts about each task", async () => {
      let texts = 0;
      await fc.assert(
        fc.asyncProperty(gapLogArb(), tasksArb, gapFiltersArb, async (log, tasks, filters) => {
          const events = await load(log);
          const order = (a: { task: string; channel: string; text: string }, b: typeof a) =>
            compareText(a.task, b.task) ||
            compareText(a.channel, b.channel) ||
            compareText(a.text, b.text);
          const actual = (await getFeedbackTexts(store, filters, tasks)).sort(order);
          expect(actual).toEqual(feedbackTextsReference(events, filters, tasks).sort(order));
          texts += actual.length;
        }),
        { numRuns: RUNS },
      );
      expect(texts).toBeGreaterThan(3);
    });

    it("channel switches, switches during tasks and restarts", async () => {
      const queryArb = fc.record({
        tasks: tasksArb,
        filters: gapFiltersArb,
        windowMs: fc.constantFrom(0, 5, 30, 60, 180).map((m) => m * MINUTE),
        ignoreChannels: fc.subarray([...GAP_CHANNELS], { maxLength: 1 }),
      });
      const seen = { switches: 0, taskSwitches: 0, withinTask: 0, restarts: 0 };
      await fc.assert(
        fc.asyncProperty(gapLogArb(), queryArb, async (log, query) => {
          const events = await load(log);
          const actual = await getContinuityAggregates(store, query);
          expect(actual).toEqual(continuityReference(events, query));
          seen.switches += actual.switches.length;
          seen.taskSwitches += actual.taskSwitches.length;
          seen.withinTask += actual.taskSwitches.filter((s) => s.withinTask > 0).length;
          seen.restarts += actual.taskSwitches.filter((s) => s.restarts > 0).length;
        }),
        { numRuns: RUNS },
      );
      for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(2);
    });
  });
}
