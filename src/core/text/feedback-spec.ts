import { z } from "zod";
import {
  commaList,
  defined,
  type FlatParams,
  filters,
  last,
  numeric,
} from "../journeys/query-params.ts";
import { JourneyFiltersSchema } from "../journeys/specs.ts";

/**
 * The feedback analysis spec (API query string or POST body, CLI flags) and the `feedback`
 * config section. Text fields are JSON paths `properties.comment`, `context.x.y`, `traits.z`.
 */

/** A JSON path into an event's properties, context or traits. */
export const TextFieldSchema = z
  .string()
  .regex(
    /^(properties|context|traits)(\.[A-Za-z0-9_$-]{1,100}){1,5}$/,
    "a path such as properties.comment (properties, context or traits, then keys)",
  );

export const DEFAULT_TEXT_FIELDS = [
  "properties.comment",
  "properties.text",
  "properties.review",
  "properties.message",
];

/** Hard cap on the texts one analysis reads (newest first); the result says when it cut. */
export const MAX_TEXTS = 50_000;

/** Config section `feedback`. */
export const FeedbackConfigSchema = z
  .object({
    /** Where feedback text is looked for, in order: the first non-empty one is the text. */
    textFields: z.array(TextFieldSchema).min(1).max(20).default(DEFAULT_TEXT_FIELDS),
    /**
     * Events that rate what came just before them (a survey after a transfer): their stage
     * and, without `properties.touchpoint`, their touchpoint are the previous event's.
     */
    contextEvents: z.array(z.string().min(1).max(200)).max(50).default(["Survey Responded"]),
    /** Texts read when a request does not say (newest first). */
    defaultLimit: z.number().int().min(1).max(MAX_TEXTS).default(10_000),
  })
  .strict()
  .prefault({});
export type FeedbackConfig = z.output<typeof FeedbackConfigSchema>;

export const FeedbackSpecSchema = JourneyFiltersSchema.extend({
  /** Overrides the configured text fields. */
  fields: z.array(TextFieldSchema).min(1).max(20).optional(),
  /** Only texts in this language. */
  language: z.enum(["en", "zh"]).optional(),
  /** Texts read, newest first (default: config `feedback.defaultLimit`). */
  limit: z.number().int().min(1).max(MAX_TEXTS).optional(),
  /** Per-text results returned (newest first). */
  texts: z.number().int().min(0).max(1000).default(100),
  /** Keywords returned (overall and per sentiment label). */
  keywords: z.number().int().min(1).max(200).default(30),
  /** Terms returned for the word cloud. */
  terms: z.number().int().min(1).max(500).default(100),
}).strict();
export type FeedbackSpec = z.output<typeof FeedbackSpecSchema>;

/** Flat parameters (query string, CLI flags) to a feedback spec input. */
export function feedbackInput(params: FlatParams): Record<string, unknown> {
  const fields = commaList(params.field ?? params.fields);
  return defined({
    ...filters(params),
    fields: fields.length > 0 ? fields : undefined,
    language: last(params.language),
    limit: numeric(params, "limit"),
    texts: numeric(params, "texts"),
    keywords: numeric(params, "keywords"),
    terms: numeric(params, "terms"),
  });
}
