import { meanInterval } from "../stats/means.ts";
import type { SentimentLabel } from "./sentiment-model.ts";

/**
 * Emotion index of a group of feedback texts (a touchpoint, channel or stage): 100 × the mean
 * sentiment score of its scored texts, so −100 (all as negative as can be) … +100, with the
 * Student t 95% interval of that mean (×100). Groups are sorted by size, then key.
 */
export interface EmotionIndex {
  key: string;
  n: number;
  index: number;
  /** Interval bounds; null with fewer than two texts (the interval is unbounded). */
  low: number | null;
  high: number | null;
  positive: number;
  neutral: number;
  negative: number;
}

export interface ScoredItem {
  key: string | null;
  score: number;
  label: SentimentLabel;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const bound = (x: number) => (Number.isFinite(x) ? round2(x * 100) : null);

export function emotionIndexOf(key: string, items: readonly ScoredItem[]): EmotionIndex {
  const m = meanInterval(items.map((i) => i.score));
  const count = (label: SentimentLabel) => items.filter((i) => i.label === label).length;
  return {
    key,
    n: m.n,
    index: m.n > 0 ? round2(m.mean * 100) : 0,
    low: bound(m.low),
    high: bound(m.high),
    positive: count("positive"),
    neutral: count("neutral"),
    negative: count("negative"),
  };
}

/** One emotion index per key; items without a key are grouped as `unknown`. */
export function emotionIndexBy(items: readonly ScoredItem[]): EmotionIndex[] {
  const groups = new Map<string, ScoredItem[]>();
  for (const item of items) {
    const key = item.key ?? "unknown";
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups]
    .map(([key, group]) => emotionIndexOf(key, group))
    .sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
