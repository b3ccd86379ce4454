import { compareText } from "../journeys/journey-log.ts";
import type { CxConfig } from "./cx-config.ts";
import type { EngagementCaps, ProfileEngagement } from "./engagement.ts";
import type { EngagementRows } from "./engagement-reference.ts";
import type { EngagementSpec } from "./specs.ts";
import { dimensionLabel } from "./survey-result.ts";

export interface EngagementResult {
  formula: string;
  weights: CxConfig["engagement"]["weights"];
  capPercentile: number;
  profiles: number;
  caps: EngagementCaps;
  distribution: {
    mean: number | null;
    p25: number | null;
    median: number | null;
    p75: number | null;
    p90: number | null;
    histogram: { from: number; to: number; profiles: number }[];
  };
  /** Mean of each 0–1 part over the profiles. */
  parts: { frequency: number | null; diversity: number | null; depth: number | null };
  breakdowns: {
    by: string;
    groups: { value: string | null; profiles: number; meanScore: number; medianScore: number }[];
  }[];
  top: ProfileEngagement[];
  profile: ProfileEngagement | null;
}

const r = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
const rounded = (p: ProfileEngagement): ProfileEngagement => ({
  ...p,
  frequency: r(p.frequency) as number,
  diversity: r(p.diversity) as number,
  depth: r(p.depth) as number,
  score: r(p.score) as number,
});

/** The engagement answer of the API and CLI (docs/cx.md). */
export function engagementResult(
  rows: EngagementRows,
  spec: EngagementSpec,
  config: CxConfig,
): EngagementResult {
  const w = config.engagement.weights;
  return {
    formula: `score = 100 · (${w.frequency}·frequency + ${w.diversity}·diversity + ${w.depth}·depth) / ${w.frequency + w.diversity + w.depth}`,
    weights: w,
    capPercentile: config.engagement.capPercentile,
    profiles: rows.profiles,
    caps: {
      activeDays: r(rows.caps.activeDays),
      channels: r(rows.caps.channels),
      interactionTypes: r(rows.caps.interactionTypes),
      collaborativeShare: r(rows.caps.collaborativeShare),
    },
    distribution: {
      mean: r(rows.meanScore),
      p25: r(rows.percentiles.p25),
      median: r(rows.percentiles.p50),
      p75: r(rows.percentiles.p75),
      p90: r(rows.percentiles.p90),
      histogram: rows.bins.map((profiles, i) => ({ from: i * 10, to: i * 10 + 10, profiles })),
    },
    parts: {
      frequency: r(rows.meanParts.frequency),
      diversity: r(rows.meanParts.diversity),
      depth: r(rows.meanParts.depth),
    },
    breakdowns: spec.by.map((dimension, i) => ({
      by: dimensionLabel(dimension),
      groups: rows.groups
        .filter((g) => g.dim === i + 1)
        .sort(
          (a, b) =>
            b.profiles - a.profiles ||
            (a.value === b.value
              ? 0
              : a.value === null
                ? 1
                : b.value === null
                  ? -1
                  : compareText(a.value, b.value)),
        )
        .map(({ value, profiles, meanScore, medianScore }) => ({
          value,
          profiles,
          meanScore: r(meanScore) as number,
          medianScore: r(medianScore) as number,
        })),
    })),
    top: rows.top.map(rounded),
    profile: rows.profile ? rounded(rows.profile) : null,
  };
}
