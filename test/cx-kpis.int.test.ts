import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CxConfigSchema } from "../src/core/cx/cx-config.ts";
import { cxEvents } from "../src/core/cx/cx-events.ts";
import { stageSignals } from "../src/core/cx/cx-reference.ts";
import { kpiReference } from "../src/core/cx/kpis-reference.ts";
import { KpisSpecSchema } from "../src/core/cx/specs.ts";
import { surveyScales } from "../src/core/cx/survey-answer.ts";
import { funnelReference } from "../src/core/journeys/funnel-reference.ts";
import { funnelResult } from "../src/core/journeys/funnel-result.ts";
import { profileTraces } from "../src/core/journeys/journey-log.ts";
import { selectJourneyEvents } from "../src/core/journeys/journey-select.ts";
import { DEFAULT_STAGE_MODEL } from "../src/core/journeys/stage-model.ts";
import { getKpis, kpiInputs, processFunnelSpec, processKpi } from "../src/cx/kpis.ts";
import { profileKey } from "../src/journeys/journey-profile.ts";
import type { EventStore } from "../src/store/event-store.ts";
import {
  cxLogArb,
  loadCxLog,
  roundNumbers,
  type TypedEvent,
  toCxStored,
} from "./support/cx-logs.ts";
import { storedEvent } from "./support/factories.ts";
import { filtersArb } from "./support/journey-arbitraries.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

const MODEL = DEFAULT_STAGE_MODEL;
const CONFIG = CxConfigSchema.parse({
  kpis: {
    processes: [
      {
        name: "application",
        start: "Application Started",
        complete: "Account Opened",
        windowMinutes: 600,
      },
    ],
  },
});

/** The reference inputs of `getKpis`. */
function expectedKpis(events: TypedEvent[], spec: ReturnType<typeof KpisSpecSchema.parse>) {
  const gapMinutes = spec.gapMinutes ?? 30;
  const { gapMinutes: _gap, ...filters } = spec;
  const rows = kpiReference(events, filters, { config: CONFIG, gapMs: gapMinutes * 60_000 });
  const traces = profileTraces(selectJourneyEvents(events, filters));
  const stages = stageSignals(cxEvents(traces, MODEL, CONFIG, surveyScales(CONFIG)));
  const processes = CONFIG.kpis.processes.map((process) => {
    const funnel = processFunnelSpec(process, filters);
    const ref = funnelReference(events, funnel);
    return processKpi(process, funnelResult(funnel, ref.total, ref.weeks));
  });
  return { rows, stages, processes, gapMinutes };
}

for (const dialect of DIALECTS) {
  describe(`channel KPIs: ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await freshStore(dialect));
    });
    afterAll(async () => cleanup());

    it("gives the reference's answer on random logs", async () => {
      const specArb = fc
        .record({ filters: filtersArb, gap: fc.constantFrom(undefined, 10, 45) })
        .map((s) => KpisSpecSchema.parse({ ...s.filters, gapMinutes: s.gap }));
      await fc.assert(
        fc.asyncProperty(cxLogArb(), specArb, async (log, spec) => {
          const events = await loadCxLog(store, toCxStored(log), profileKey(store.dialect, "e"));
          const options = { model: MODEL, config: CONFIG, sessionGapMinutes: 30 };
          // Compared before the result's rounding to 4 decimals (floats differ in the last bits).
          const actual = await kpiInputs(store, spec, options);
          expect(roundNumbers(actual)).toEqual(roundNumbers(expectedKpis(events, spec)));
        }),
        { numRuns: 40 },
      );
    }, 180_000);

    it("computes hand-made channel figures", async () => {
      await store.exec("DELETE FROM events");
      let n = 0;
      const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();
      const e = (
        userId: string,
        minute: number,
        event: string,
        properties: object,
        type = "track",
      ) =>
        storedEvent({
          type,
          userId,
          messageId: `m${++n}`,
          timestamp: at(minute),
          ...(type === "track" ? { event } : { name: event }),
          properties,
        });
      await store.insertEvents([
        // web: u1 one session of 3 (page 0 → page 2 → order 5), u2 a bounce.
        e("u1", 0, "Home", { channel: "web", load_time_ms: 800 }, "page"),
        e("u1", 2, "Rates", { channel: "web", load_time_ms: 1200 }, "page"),
        e("u1", 5, "Order Completed", { channel: "web" }),
        e("u2", 0, "Home", { channel: "web" }, "page"),
        // email: 4 delivered, 2 opened (one twice), 1 clicked, 1 unsubscribed.
        ...["a", "b", "c", "d"].map((id) =>
          e("u1", 10, "Email Delivered", { channel: "email", email_id: id }),
        ),
        e("u1", 11, "Email Opened", { channel: "email", email_id: "a" }),
        e("u1", 12, "Email Opened", { channel: "email", email_id: "a" }),
        e("u1", 13, "Email Opened", { channel: "email", email_id: "b" }),
        e("u1", 14, "Email Link Clicked", { channel: "email", email_id: "a" }),
        e("u1", 15, "Unsubscribed", { channel: "email", email_id: "d" }),
        // chat: 2 started, 1 ended resolved after waiting 30 s.
        e("u1", 20, "Support Chat Started", { channel: "chat" }),
        e("u1", 25, "Support Chat Ended", { channel: "chat", resolved: true, wait_seconds: 30 }),
        e("u2", 20, "Support Chat Started", { channel: "chat" }),
        // call centre: 300 s and 500 s, one resolved.
        e("u1", 30, "Call Center Call", {
          channel: "call_center",
          duration_seconds: 300,
          resolved: true,
        }),
        e("u2", 30, "Call Center Call", {
          channel: "call_center",
          duration_seconds: 500,
          resolved: false,
        }),
      ]);
      const kpis = await getKpis(store, KpisSpecSchema.parse({}), {
        model: MODEL,
        config: CONFIG,
        sessionGapMinutes: 30,
      });
      expect(kpis.web).toMatchObject({
        sessions: 2,
        activeUsers: 2,
        bounceRate: 0.5,
        conversionRate: 0.5,
      });
      // Time on page: Home → Rates 120 s, Rates → order 180 s; the bounce's page has no next event.
      expect(kpis.web?.timeOnViewSeconds).toMatchObject({ n: 2, mean: 150, median: 150 });
      expect(kpis.web?.loadTimeMs).toMatchObject({ n: 2, mean: 1000 });
      expect(kpis.web?.sessionSeconds).toMatchObject({ n: 2, mean: 150, median: 150 });
      expect(kpis.web?.crashFreeSessionRate).toBeNull();
      expect(kpis.email.counts).toMatchObject({
        delivered: 4,
        opened: 2,
        clicked: 1,
        unsubscribed: 1,
      });
      expect(kpis.email).toMatchObject({
        openRate: 0.5,
        clickThroughRate: 0.25,
        clickToOpenRate: 0.5,
        unsubscribeRate: 0.25,
      });
      expect(kpis.chat).toMatchObject({ chats: 2, resolved: 1, resolutionRate: 0.5 });
      expect(kpis.chat.firstResponseSeconds).toMatchObject({ n: 1, mean: 30 });
      expect(kpis.callCenter).toMatchObject({ calls: 2, resolutionRate: 0.5 });
      expect(kpis.callCenter.handleTimeSeconds).toMatchObject({ n: 2, mean: 400, median: 400 });
    });
  });
}
