/**
 * Language of a feedback text: `zh` (Chinese), `en` (English), `other` (another script), or
 * `und` (no letters at all). The rule, not a model:
 *
 * - count Han characters (h), Latin letters (l) and letters of other scripts (o: Kana, Hangul,
 *   Cyrillic, Arabic, …);
 * - Japanese Kana or Korean Hangul anywhere → `other` (their texts also contain Han);
 * - `zh` when h / (h + l / 4) ≥ 0.5 — a Han character carries about as much as a short Latin
 *   word, so a Latin letter counts a quarter: "App还可以" is Chinese, "I used WeChat Pay (微信)"
 *   is not;
 * - else `en` when Latin letters outnumber other letters, `other` when not, `und` without letters.
 *
 * Latin-script languages other than English are reported as `en`: the system analyses Chinese
 * and English only, and telling French from English is out of its scope.
 */
export type TextLanguage = "zh" | "en" | "other" | "und";

const HAN = /\p{Script=Han}/u;
const KANA_HANGUL = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

export function detectLanguage(text: string): TextLanguage {
  let han = 0;
  let latin = 0;
  let other = 0;
  for (const ch of text) {
    if (HAN.test(ch)) han++;
    else if (LATIN.test(ch)) latin++;
    else if (LETTER.test(ch)) {
      if (KANA_HANGUL.test(ch)) return "other";
      other++;
    }
  }
  if (han > 0 && han / (han + latin / 4) >= 0.5) return "zh";
  if (latin === 0 && other === 0 && han === 0) return "und";
  if (latin >= other && latin > 0) return "en";
  return "other";
}
