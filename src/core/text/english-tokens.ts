/**
 * English tokens for sentiment and keywords: lower-cased words (letters, digits, inner
 * apostrophes), with clause punctuation kept as separate tokens so that negation scope can end.
 */

const TOKEN = /[a-z0-9]+(?:'[a-z]+)*|[.!?,;:]/g;

/** Words that invert the polarity of what follows, up to the next clause punctuation. */
export const NEGATORS = new Set([
  "not",
  "no",
  "never",
  "nothing",
  "nobody",
  "none",
  "neither",
  "nor",
  "without",
  "cannot",
  "hardly",
  "barely",
]);

const CLAUSE_END = new Set([".", "!", "?", ",", ";", ":"]);

/** `don't`, `isn't`, `wasn't`, `can't`, `won't` … */
const isNegator = (token: string) => NEGATORS.has(token) || token.endsWith("n't");

/** Lower-cased word and punctuation tokens; typographic apostrophes become `'`. */
export function englishTokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[\u2018\u2019`]/g, "'")
      .match(TOKEN) ?? []
  );
}

/** Only the word tokens (no punctuation). */
export function englishWords(text: string): string[] {
  return englishTokens(text).filter((t) => !CLAUSE_END.has(t));
}

/** Thresholds of the lexicon-sum features: `lex>=1`, `lex>=2`, … and `lex<=-1`, …. */
export const LEXICON_STEPS = [1, 2, 4, 8] as const;

/**
 * Sentiment features of an English text: unigrams, with words inside a negation scope marked
 * `not_WORD` (Das & Chen 2001; Pang, Lee & Vaithyanathan 2002), plus adjacent-word bigrams
 * `a b` within a clause, and `!` (emphasis). A scope runs from a negator to the next clause
 * punctuation. With a `lexicon` (word → valence), also the sum of the valences of the text's
 * words (negated ones count with the opposite sign) as threshold features `lex>=k`/`lex<=-k`:
 * they carry what the lexicon knows to words the training data never saw.
 */
export function englishFeatures(text: string, lexicon?: ReadonlyMap<string, number>): string[] {
  const features: string[] = [];
  let negated = false;
  let previous: string | undefined;
  let sum = 0;
  for (const token of englishTokens(text)) {
    if (CLAUSE_END.has(token)) {
      negated = false;
      previous = undefined;
      if (token === "!") features.push("!");
      continue;
    }
    features.push(negated ? `not_${token}` : token);
    if (previous !== undefined) features.push(`${previous} ${token}`);
    previous = token;
    const valence = lexicon?.get(token);
    if (valence !== undefined) sum += negated ? -valence : valence;
    if (isNegator(token)) negated = true;
  }
  if (lexicon) {
    for (const k of LEXICON_STEPS) {
      if (sum >= k) features.push(`lex>=${k}`);
      if (sum <= -k) features.push(`lex<=-${k}`);
    }
  }
  return features;
}
