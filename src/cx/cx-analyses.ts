import type { z } from "zod";
import { type Analysis, analysisOf, runAnalysis } from "../analysis/analysis-registry.ts";
import { AppError } from "../core/app-error.ts";
import type { CxConfig } from "../core/cx/cx-config.ts";
import { cxInput, engagementInput, kanoEventsInput, kpisInput } from "../core/cx/query-params.ts";
import {
  CxSpecSchema,
  EngagementSpecSchema,
  KanoEventsSpecSchema,
  KpisSpecSchema,
} from "../core/cx/specs.ts";
import type { JourneysConfig } from "../core/journeys/stage-model.ts";
import type { AnalysisInput } from "../core/parse-input.ts";
import { DEFAULT_TEXT_FIELDS, type FeedbackConfig } from "../core/text/feedback-spec.ts";
import type { EventStore } from "../store/event-store.ts";
import { getCx } from "./cx.ts";
import { getEngagement } from "./engagement.ts";
import { getKanoFromEvents } from "./kano-events.ts";
import { kanoFromBody, kanoPairsFromJson } from "./kano-input.ts";
import { getKpis } from "./kpis.ts";

/** The config sections the CX analyses read. */
export interface CxContext {
  cx: CxConfig;
  journeys: JourneysConfig;
  feedback?: FeedbackConfig;
}

const analysis = analysisOf<CxContext>();

/** The CX analyses, as the API (`GET`/`POST`) and the CLI offer them: same specs, same JSON. */
export const CX_ANALYSES = {
  cx: analysis({
    summary:
      "Survey metrics (NPS, CSAT, CES with intervals; by stage, channel, touchpoint, segment, period; group-vs-rest tests) and the stage-weighted CX index with key-driver weights",
    schema: CxSpecSchema,
    fromParams: cxInput,
    run: (store, spec, context) =>
      getCx(store, spec, {
        model: context.journeys,
        config: context.cx,
        texts: {
          fields: context.feedback?.textFields ?? DEFAULT_TEXT_FIELDS,
          limit: context.feedback?.defaultLimit ?? 10_000,
        },
      }),
  }),
  engagement: analysis({
    summary:
      "Engagement score per profile (0.4·frequency + 0.3·diversity + 0.3·depth): distribution, by segment, most engaged",
    schema: EngagementSpecSchema,
    fromParams: engagementInput,
    run: (store, spec, context) => getEngagement(store, spec, context.cx),
  }),
  kpis: analysis({
    summary:
      "Channel KPIs: web and app sessions, bounce, time on page, conversion, load time, crash-free rate; email delivery/open/click/unsubscribe; chat and call centre; stage conversion and abandonment",
    schema: KpisSpecSchema,
    fromParams: kpisInput,
    run: (store, spec, context) =>
      getKpis(store, spec, {
        model: context.journeys,
        config: context.cx,
        sessionGapMinutes: context.journeys.sessionGapMinutes,
      }),
  }),
  kano: analysis({
    summary:
      "KANO analysis of the answers sent as Survey Responded events (survey_type kano); POST answers or a CSV instead",
    schema: KanoEventsSpecSchema,
    fromParams: kanoEventsInput,
    run: (store, spec, context) => getKanoFromEvents(store, spec, context.cx),
  }),
};

export type CxAnalysisName = keyof typeof CX_ANALYSES;

/** Runs an analysis from flat parameters (query string / CLI flags) or a JSON spec. */
export function runCxAnalysis(
  name: CxAnalysisName,
  store: EventStore,
  context: CxContext,
  input: AnalysisInput,
): Promise<unknown> {
  return runAnalysis(CX_ANALYSES[name] as Analysis<z.ZodType, CxContext>, store, context, input);
}

/** `POST /api/kano`: KANO analysis of the answers (or CSV text) in the body. */
export function runKano(body: unknown) {
  const value = (body ?? {}) as Record<string, unknown>;
  if (typeof value.csv === "string" && value.answers === undefined) {
    return kanoFromBody({ csv: value.csv });
  }
  if (Array.isArray(value.answers) || Array.isArray(body)) {
    return kanoFromBody({ answers: kanoPairsFromJson(body) });
  }
  throw new AppError(
    "invalid_request",
    'body: {"answers": [{respondent, feature, functional, dysfunctional}, …]} or {"csv": "…"}',
    "answers",
  );
}
