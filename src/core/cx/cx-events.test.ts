import { describe, expect, it } from "vitest";
import { type JourneyEvent, profileTraces } from "../journeys/journey-log.ts";
import { DEFAULT_STAGE_MODEL } from "../journeys/stage-model.ts";
import { CxConfigSchema } from "./cx-config.ts";
import { cxEvents } from "./cx-events.ts";
import { cxIndex } from "./cx-index.ts";
import { cxReference, stageSignals } from "./cx-reference.ts";
import { CxSpecSchema } from "./specs.ts";
import { surveyScales } from "./survey-answer.ts";

const CONFIG = CxConfigSchema.parse({ touchpointStages: { app_store: "loyalty" } });
const MODEL = DEFAULT_STAGE_MODEL;

/** One profile's journey: "Event" or "Event{json properties}" per minute. */
function journey(...steps: string[]): JourneyEvent[] {
  return steps.map((step, i) => {
    const brace = step.indexOf("{");
    return {
      profileId: "p",
      messageId: `m${String(i).padStart(2, "0")}`,
      event: brace < 0 ? step : step.slice(0, brace),
      channel: "web",
      timestamp: i * 60_000,
      properties: brace < 0 ? {} : JSON.parse(step.slice(brace)),
      traits: {},
      context: {},
    };
  });
}

const stagesOf = (events: JourneyEvent[]) =>
  (cxEvents(profileTraces(events), MODEL, CONFIG, surveyScales(CONFIG)).get("p") ?? []).map(
    (row) => MODEL.stages[row.stage]?.name,
  );

describe("CX stages of surveys and failures", () => {
  it("takes the stage of the latest earlier event that is neither", () => {
    const survey = 'Survey Responded{"survey_type":"nps","score":9}';
    // Order Completed is purchase; the survey and failure after it are about the purchase.
    expect(
      stagesOf(journey("Product Viewed", "Order Completed", "Payment Failed", survey)),
    ).toEqual(["consideration", "purchase", "purchase", "purchase"]);
    // Nothing before: their own stage (Survey Responded is a service event in the model).
    expect(stagesOf(journey(survey, "Product Viewed"))).toEqual(["service", "consideration"]);
  });

  it("lets a survey name its stage, or its touchpoint through cx.touchpointStages", () => {
    const named = 'Survey Responded{"survey_type":"csat","score":4,"stage":"purchase"}';
    const unknown = 'Survey Responded{"survey_type":"csat","score":4,"stage":"checkout"}';
    const mapped = 'Survey Responded{"survey_type":"csat","score":4,"touchpoint":"app_store"}';
    expect(stagesOf(journey("Product Viewed", named, unknown, mapped))).toEqual([
      "consideration",
      "purchase",
      "consideration",
      "loyalty",
    ]);
  });
});

describe("stage signals and the CX index (by hand)", () => {
  it("computes completion, failure-free share, survey score and Σ wᵢ·Eᵢ", () => {
    const events = [
      // p: consideration → purchase (progressed), a failure in purchase, CSAT 5 after it.
      ...journey(
        "Product Viewed",
        "Order Completed",
        "Payment Failed",
        'Survey Responded{"survey_type":"csat","score":5}',
      ),
      // q: consideration only, NPS 4 there.
      ...journey("Product Viewed", 'Survey Responded{"survey_type":"nps","score":4}').map((e) => ({
        ...e,
        profileId: "q",
      })),
    ];
    const staged = cxEvents(profileTraces(events), MODEL, CONFIG, surveyScales(CONFIG));
    expect(stageSignals(staged)).toEqual([
      { stage: 1, profiles: 2, progressed: 1, failed: 0 },
      { stage: 2, profiles: 1, progressed: 0, failed: 1 },
    ]);
    const spec = CxSpecSchema.parse({});
    const rows = cxReference(events, spec, MODEL, CONFIG);
    const index = cxIndex(rows, { model: MODEL, config: CONFIG, minSample: 1, stageDim: 1 });
    const consideration = index.stages[1];
    const purchase = index.stages[2];
    // consideration: survey NPS 4 → 40; completion 1/2 → 50; failure-free 100.
    // E = (0.5·40 + 0.2·50 + 0.2·100)/0.9 = 50/0.9 = 55.5556 (sentiment absent: weight shared).
    expect(consideration?.signals).toEqual({
      survey: 40,
      completion: 50,
      failureFree: 100,
      sentiment: null,
    });
    expect(consideration?.score).toBeCloseTo(55.5556, 4);
    // purchase: CSAT 5 → 100; completion 0/1 → 0; failure-free 0 → E = 50/0.9 = 55.5556.
    expect(purchase?.signals).toEqual({
      survey: 100,
      completion: 0,
      failureFree: 0,
      sentiment: null,
    });
    // Only these two stages have a score: equal configured weights ½ each.
    expect(index.stages.map((s) => s.configuredWeight)).toEqual([null, 0.5, 0.5, null, null]);
    expect(index.value).toBeCloseTo(55.5556, 4);
    expect(index.keyDrivers.available).toBe(false);
  });
});
