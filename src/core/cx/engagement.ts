import type { CxConfig } from "./cx-config.ts";

/**
 * Engagement score (SEEDS §3, docs/cx.md), per profile over the filtered journey events:
 *
 *   score = 100 · (0.4·frequency + 0.3·diversity + 0.3·depth)   (weights: config)
 *
 * - frequency = norm(active days): distinct UTC days with an event;
 * - diversity = ½·norm(channels used) + ½·norm(interaction types: distinct event names);
 * - depth = norm(share of collaborative events: reviews, referrals, feedback, …).
 *
 * norm(x) = min(1, x / cap), cap = the `capPercentile` (default 95th) percentile of x over the
 * profiles with x > 0 (continuous interpolation): robust to outliers, and a profile at or above
 * the cap counts as fully engaged on that part. A part nobody has (no collaborative action at
 * all) is 0 for everyone.
 */
export interface ProfileEngagement {
  profileId: string;
  activeDays: number;
  channels: number;
  interactionTypes: number;
  events: number;
  collaborative: number;
  /** 0–1 parts. */
  frequency: number;
  diversity: number;
  depth: number;
  /** 0–100. */
  score: number;
}

export interface EngagementCaps {
  activeDays: number | null;
  channels: number | null;
  interactionTypes: number | null;
  collaborativeShare: number | null;
}

/** Engagement of a profile from its counts and the caps. */
export function engagementOf(
  counts: Omit<ProfileEngagement, "frequency" | "diversity" | "depth" | "score">,
  caps: EngagementCaps,
  config: CxConfig,
): ProfileEngagement {
  const norm = (x: number, cap: number | null) => (cap === null ? 0 : Math.min(1, x / cap));
  const frequency = norm(counts.activeDays, caps.activeDays);
  const diversity =
    0.5 * norm(counts.channels, caps.channels) +
    0.5 * norm(counts.interactionTypes, caps.interactionTypes);
  const share = counts.collaborative / counts.events;
  const depth = share > 0 ? norm(share, caps.collaborativeShare) : 0;
  const w = config.engagement.weights;
  const score =
    (100 * (w.frequency * frequency + w.diversity * diversity + w.depth * depth)) /
    weightTotal(config);
  return { ...counts, frequency, diversity, depth, score };
}

export const weightTotal = (config: CxConfig) => {
  const w = config.engagement.weights;
  return w.frequency + w.diversity + w.depth;
};

/** 10 bins of width 10 over 0–100 (100 in the last); a hair of slack for float noise. */
export const scoreBin = (score: number) => Math.min(9, Math.floor(score / 10 + 1e-9));

/** Orders profiles by score (to 6 decimals, most first), ties by profile id. */
export const scoreKey = (score: number) => Math.floor(score * 1e6 + 0.5);
