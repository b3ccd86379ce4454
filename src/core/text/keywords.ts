import { chineseClauses, type Segmenter } from "./chinese-tokens.ts";
import { englishWords } from "./english-tokens.ts";
import { isStopWord } from "./stop-words.ts";

/**
 * Terms, term frequencies and TF-IDF keywords of a set of feedback texts (docs/feedback.md).
 * A text's terms: English words lower-cased; Chinese words from the segmenter, one-character
 * Han words left out (mostly particles and fragments); stop words left out in both.
 */

const SINGLE_HAN = /^\p{Script=Han}$/u;

export function textTerms(text: string, language: "en" | "zh", segment?: Segmenter): string[] {
  if (language === "en") return englishWords(text).filter((t) => !isStopWord(t, "en"));
  const words = chineseClauses(text, segment ?? ((t) => [...t])).flat();
  return words
    .map((w) => w.toLowerCase())
    .filter((w) => !SINGLE_HAN.test(w) && !isStopWord(w, "zh") && !/^[a-z]$/.test(w));
}

export interface TermCount {
  term: string;
  /** Occurrences over all texts. */
  count: number;
  /** Texts containing the term. */
  documents: number;
}

const byCountThenTerm = (a: TermCount, b: TermCount) =>
  b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);

/** Term frequencies for a word cloud: the `top` most frequent terms, ties by term. */
export function termFrequencies(docs: readonly (readonly string[])[], top: number): TermCount[] {
  const counts = new Map<string, TermCount>();
  for (const doc of docs) {
    const seen = new Set<string>();
    for (const term of doc) {
      const entry = counts.get(term) ?? { term, count: 0, documents: 0 };
      entry.count++;
      if (!seen.has(term)) entry.documents++;
      seen.add(term);
      counts.set(term, entry);
    }
  }
  return [...counts.values()].sort(byCountThenTerm).slice(0, top);
}

/** Smoothed inverse document frequency: idf(t) = ln((1 + N) / (1 + df(t))) + 1. */
export function inverseDocumentFrequency(
  docs: readonly (readonly string[])[],
): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const n = docs.length;
  return new Map([...df].map(([term, d]) => [term, Math.log((1 + n) / (1 + d)) + 1]));
}

/** tf-idf(t, d) = count(t, d) / |d| × idf(t), for the terms of one text. */
export function tfidf(
  doc: readonly string[],
  idf: ReadonlyMap<string, number>,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of doc) counts.set(term, (counts.get(term) ?? 0) + 1);
  return new Map(
    [...counts].map(([term, c]) => [term, (c / doc.length) * (idf.get(term) ?? 1)] as const),
  );
}

export interface Keyword {
  term: string;
  /** Σ over texts of tf-idf(t, d). */
  weight: number;
  documents: number;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Keywords of a set of texts: terms ranked by their summed tf-idf, ties by term. */
export function keywords(
  docs: readonly (readonly string[])[],
  idf: ReadonlyMap<string, number>,
  top: number,
): Keyword[] {
  const totals = new Map<string, Keyword>();
  for (const doc of docs) {
    for (const [term, w] of tfidf(doc, idf)) {
      const entry = totals.get(term) ?? { term, weight: 0, documents: 0 };
      entry.weight += w;
      entry.documents++;
      totals.set(term, entry);
    }
  }
  return [...totals.values()]
    .map((k) => ({ ...k, weight: round(k.weight) }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, top);
}

/** A text's own top keywords by tf-idf against the collection. */
export function textKeywords(
  doc: readonly string[],
  idf: ReadonlyMap<string, number>,
  top: number,
): string[] {
  return [...tfidf(doc, idf)]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, top)
    .map(([term]) => term);
}
