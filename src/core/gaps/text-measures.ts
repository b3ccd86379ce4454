/**
 * Text measures of the brand-voice check (docs/channel-consistency.md): length (Chinese by
 * characters, English by words), the Flesch–Kincaid grade of English and the mean sentence
 * length of Chinese, and term matching that respects English word boundaries.
 */

const HAN = /\p{Script=Han}/u;

/** NFKC (full-width to half-width) and single spaces, as texts are compared. */
export const normaliseText = (text: string) => text.normalize("NFKC").replace(/\s+/g, " ").trim();

/** Characters that are not white space (a Chinese text's length). */
export const characterCount = (text: string) => [...text.replace(/\s+/g, "")].length;

/** English words: runs of letters, digits, apostrophes and inner hyphens. */
export function englishWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Syllables of an English word by vowel groups (a silent final e dropped); at least 1. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, "");
  if (w.length === 0) return 1;
  let groups = w.match(/[aeiouy]+/g)?.length ?? 0;
  if (w.length > 2 && w.endsWith("e") && !w.endsWith("le") && !/[aeiouy]e$/.test(w)) groups--;
  return Math.max(1, groups);
}

/** Sentences: split after . ! ? 。 ！ ？ ； (and line breaks); empty ones dropped. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？；;])\s*|\n+/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** Flesch–Kincaid grade: 0.39·words/sentences + 11.8·syllables/words − 15.59. */
export function fleschKincaidGrade(text: string): number | null {
  const words = englishWords(text);
  const count = sentences(text).length;
  if (words.length === 0 || count === 0) return null;
  const syllableCount = words.reduce((sum, w) => sum + syllables(w), 0);
  return 0.39 * (words.length / count) + 11.8 * (syllableCount / words.length) - 15.59;
}

/** Mean characters (letters and digits, no punctuation) per sentence of a Chinese text. */
export function meanSentenceCharacters(text: string): number | null {
  const list = sentences(text);
  if (list.length === 0) return null;
  const chars = list.reduce((sum, s) => sum + [...s.replace(/[^\p{L}\p{N}]/gu, "")].length, 0);
  return chars / list.length;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Where a term occurs in a text (case-insensitive, NFKC): anywhere for a term with Chinese
 * characters, at English word boundaries otherwise ("rate" does not match "accurate").
 */
export function findTerm(text: string, term: string): number {
  const t = normaliseText(term).toLocaleLowerCase();
  const body = normaliseText(text).toLocaleLowerCase();
  if (t === "") return -1;
  if (HAN.test(t)) return body.indexOf(t);
  const words = t.split(" ").map(escapeRegex).join("\\s+");
  const match = new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, "u").exec(body);
  return match ? match.index : -1;
}
