import { z } from "zod";
import { type JourneyEvent, jsonText, profileTraces, traitText } from "../journeys/journey-log.ts";

/**
 * Dimensions of the root-cause drill-down: a value of each task attempt, read from its start
 * event (`context.*`, `properties.*`, the browser of `context.userAgent`) or from its profile
 * (`trait.*`: the latest non-null value of the trait over all the profile's events).
 */
export type DimensionSource = "context" | "properties" | "trait" | "browser";

export interface Dimension {
  key: string;
  label: string;
  /** How the rest of the channel is named: "other versions". */
  others: string;
  source: DimensionSource;
  path: string[];
}

const KNOWN: Record<string, [label: string, others: string]> = {
  "context.app.version": ["app version", "other versions"],
  "context.os.name": ["OS", "other OS"],
  "context.os.version": ["OS version", "other OS versions"],
  "context.device.type": ["device type", "other device types"],
  "context.device.model": ["device model", "other models"],
  browser: ["browser", "other browsers"],
  "context.locale": ["locale", "other locales"],
  "context.location.country": ["country", "other countries"],
  "context.location.region": ["region", "other regions"],
  "trait.segment": ["segment", "other segments"],
  "trait.plan": ["plan", "other plans"],
  "properties.product": ["product", "other products"],
};

export const DEFAULT_DIMENSIONS = Object.keys(KNOWN);

const KEY = /^(browser|(context|properties|traits?)\.[^.\s]+(\.[^.\s]+)*)$/;

function dimensionOf(key: string, label?: string): Dimension {
  const [head = "", ...path] = key.split(".");
  const source: DimensionSource =
    head === "traits" || head === "trait" ? "trait" : (head as DimensionSource);
  const known = KNOWN[source === "trait" ? `trait.${path.join(".")}` : key];
  return {
    key,
    label: label ?? known?.[0] ?? key,
    others: known?.[1] ?? "other values",
    source,
    path,
  };
}

/** `context.PATH`, `properties.PATH`, `trait.KEY`, `browser`, or `{key, label}`. */
export const DimensionSchema = z
  .union([
    z.string(),
    z.object({ key: z.string(), label: z.string().min(1).max(100).optional() }).strict(),
  ])
  .transform((d) => (typeof d === "string" ? { key: d.trim() } : { ...d, key: d.key.trim() }))
  .refine((d) => KEY.test(d.key) && d.key.length <= 200, {
    message: "a dimension is browser, context.PATH, properties.PATH or trait.KEY",
  })
  .refine((d) => !/^traits?\.[^.]+\./.test(d.key), {
    message: "a trait dimension names one trait: trait.KEY",
  })
  .transform((d) => dimensionOf(d.key, "label" in d ? d.label : undefined));

/** Ordered browser rules: the first whose token occurs in the user agent names the browser. */
export const BROWSER_RULES: readonly [browser: string, tokens: readonly string[]][] = [
  ["Edge", ["Edg/", "Edge/", "EdgiOS/", "EdgA/"]],
  ["Opera", ["OPR/", "Opera"]],
  ["Samsung Internet", ["SamsungBrowser/"]],
  ["Firefox", ["Firefox/", "FxiOS/"]],
  ["Chrome", ["Chrome/", "CriOS/"]],
  ["Safari", ["Safari/"]],
];
export const OTHER_BROWSER = "other";

/** The browser of a user-agent text; null without one. */
export function browserOf(userAgent: string | null): string | null {
  if (userAgent === null || userAgent === "") return null;
  for (const [browser, tokens] of BROWSER_RULES) {
    if (tokens.some((token) => userAgent.includes(token))) return browser;
  }
  return OTHER_BROWSER;
}

/** Text of a scalar at a JSON path (as the stores' JSON text extraction gives it). */
export function pathText(root: unknown, path: readonly string[]): string | null {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return jsonText(value);
}

/** The latest non-null value of each trait dimension per profile (journey order). */
export function profileTraitValues(
  all: readonly JourneyEvent[],
  dimensions: readonly Dimension[],
): Map<string, (string | null)[]> {
  const values = new Map<string, (string | null)[]>();
  for (const [profile, trace] of profileTraces(all)) {
    values.set(
      profile,
      dimensions.map((d) => {
        if (d.source !== "trait") return null;
        let latest: string | null = null;
        for (const event of trace) latest = traitText(event, d.path[0] ?? "") ?? latest;
        return latest;
      }),
    );
  }
  return values;
}

/** A dimension's value for an attempt starting at `start` (trait values come per profile). */
export function dimensionValue(
  dimension: Dimension,
  start: JourneyEvent,
  traitValue: string | null,
): string | null {
  switch (dimension.source) {
    case "context":
      return pathText(start.context, dimension.path);
    case "properties":
      return pathText(start.properties, dimension.path);
    case "browser":
      return browserOf(pathText(start.context, ["userAgent"]));
    case "trait":
      return traitValue;
  }
}
