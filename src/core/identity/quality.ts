/** Pairwise clustering quality of identifiers against planted truth. */
export interface PairwiseQuality {
  /** Of the identifier pairs put in one profile, the share that belong to one person. */
  precision: number;
  /** Of the identifier pairs that belong to one person, the share put in one profile. */
  recall: number;
  f1: number;
  /** Identifiers scored: those of the truth (traps are not persons' identifiers). */
  identifiers: number;
  persons: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * Pairwise precision and recall: every pair of truth identifiers counts once, so a wrong merge
 * of two large persons costs much more than a missed link of one stray cookie. Identifiers
 * without a profile count as profiles of their own.
 */
export function pairwiseQuality(
  truth: readonly (readonly string[])[],
  profileOf: (key: string) => string | undefined,
): PairwiseQuality {
  const seen = new Set<string>();
  const cells = new Map<string, number>();
  const predicted = new Map<string, number>();
  let truePairs = 0;
  let persons = 0;
  truth.forEach((keys, person) => {
    let size = 0;
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      size++;
      const profile = profileOf(key) ?? `unresolved:${key}`;
      const cell = `${person}\n${profile}`;
      cells.set(cell, (cells.get(cell) ?? 0) + 1);
      predicted.set(profile, (predicted.get(profile) ?? 0) + 1);
    }
    if (size > 0) persons++;
    truePairs += pairs(size);
  });
  let correctPairs = 0;
  for (const n of cells.values()) correctPairs += pairs(n);
  let predictedPairs = 0;
  for (const n of predicted.values()) predictedPairs += pairs(n);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    identifiers: seen.size,
    persons,
    truePairs,
    predictedPairs,
    correctPairs,
  };
}
