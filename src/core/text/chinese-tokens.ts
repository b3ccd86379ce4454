/**
 * Chinese words for sentiment and keywords. Segmentation is passed in (`Segmenter`): the
 * application uses jieba (`src/text/jieba-segmenter.ts`, a native module kept out of the pure
 * core); without one, `dictionarySegmenter` does forward maximum matching over a word list.
 */

/** Splits a text into words, in order. Punctuation may come back as tokens; it is dropped. */
export type Segmenter = (text: string) => string[];

/** Clause boundaries: a negation's scope ends at one. */
export const CLAUSE_SPLIT = /[，。！？；：、,.!?;:\n\r…~～]+/;

/** Words that invert what follows in their clause (HowNet's negators plus common ones). */
export const CHINESE_NEGATORS = new Set([
  "不",
  "没",
  "没有",
  "无",
  "非",
  "未",
  "别",
  "莫",
  "勿",
  "甭",
  "休",
  "不是",
  "不要",
  "不可",
  "不能",
  "不会",
  "不用",
  "无法",
  "未能",
  "从不",
  "从没",
  "从来不",
  "从来没有",
  "并不",
  "并没有",
  "毫无",
  "绝不",
]);

const WORDLIKE = /[\p{L}\p{N}]/u;

/** Words of a text (punctuation and spaces dropped), clause by clause. */
export function chineseClauses(text: string, segment: Segmenter): string[][] {
  return text
    .split(CLAUSE_SPLIT)
    .map((clause) => segment(clause).filter((w) => WORDLIKE.test(w) && w.trim() === w))
    .filter((words) => words.length > 0);
}

/**
 * Forward maximum matching over `words`: at each position the longest listed word, else one
 * character. Enough to find lexicon words without a segmenter; jieba is better on unknown text.
 */
export function dictionarySegmenter(words: Iterable<string>): Segmenter {
  const set = new Set(words);
  let longest = 1;
  for (const w of set) longest = Math.max(longest, [...w].length);
  return (text) => {
    const chars = [...text];
    const out: string[] = [];
    let i = 0;
    while (i < chars.length) {
      let taken = 1;
      for (let n = Math.min(longest, chars.length - i); n > 1; n--) {
        if (set.has(chars.slice(i, i + n).join(""))) {
          taken = n;
          break;
        }
      }
      out.push(chars.slice(i, i + taken).join(""));
      i += taken;
    }
    return out;
  };
}

/**
 * Sentiment features of a Chinese text: its words, with words after a negator in the same
 * clause marked `not_WORD`, and, when asked, the character bigrams of each clause prefixed
 * `#` (they still carry the meaning where the segmenter splits a word badly).
 */
export function chineseFeatures(
  text: string,
  segment: Segmenter,
  options: { bigrams: boolean },
): string[] {
  const features: string[] = [];
  for (const words of chineseClauses(text, segment)) {
    let negated = false;
    for (const word of words) {
      const lower = word.toLowerCase();
      features.push(negated ? `not_${lower}` : lower);
      if (CHINESE_NEGATORS.has(word)) negated = true;
    }
    if (options.bigrams) {
      const chars = [...words.join("")];
      for (let i = 0; i + 1 < chars.length; i++) features.push(`#${chars[i]}${chars[i + 1]}`);
    }
  }
  return features;
}
