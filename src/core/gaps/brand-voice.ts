import { detectLanguage } from "../text/language.ts";
import type { BrandVoiceConfig } from "./brand-voice-config.ts";
import type { ContentItem } from "./content-items.ts";
import { factValue } from "./fact-value.ts";
import {
  characterCount,
  englishWords,
  findTerm,
  fleschKincaidGrade,
  meanSentenceCharacters,
} from "./text-measures.ts";

export const BRAND_VOICE_RULES = [
  "banned_term",
  "required_term",
  "disclaimer",
  "length",
  "formality",
  "reading_level",
] as const;
export type BrandVoiceRule = (typeof BRAND_VOICE_RULES)[number];

export interface BrandVoiceFinding {
  rule: BrandVoiceRule;
  /** `error` for banned, required, disclaimer and length; `warning` for formality and reading level. */
  severity: "error" | "warning";
  key: string;
  channel: string;
  type: string | null;
  language: string | null;
  /** The field the finding is in; null for rules on the whole item (required, length). */
  field: string | null;
  message: string;
  /** The term found (banned, informal) or the terms missing (required, disclaimer). */
  terms?: string[];
  /** The measured value and the limit (length, reading level). */
  value?: number;
  limit?: number;
}

interface Scope {
  types?: string[];
  channels?: string[];
  languages?: string[];
}

const inScope = (scope: Scope, item: ContentItem, language: string | null) =>
  (!scope.types || (item.type !== null && scope.types.includes(item.type))) &&
  (!scope.channels || scope.channels.includes(item.channel)) &&
  (!scope.languages || (language !== null && scope.languages.includes(language)));

// 你 (informal "you") outside 你们 (plural, which has no polite form in common use).
const INFORMAL_YOU = /你(?!们)/u;
const EXCLAMATIONS = /[!！]{2,}/u;

function itemLanguage(item: ContentItem, text: string): string | null {
  if (item.language) return item.language;
  const detected = detectLanguage(text);
  return detected === "zh" || detected === "en" ? detected : null;
}

/** The brand-voice findings of content items and outgoing messages. */
export function checkBrandVoice(
  items: readonly ContentItem[],
  config: BrandVoiceConfig,
): BrandVoiceFinding[] {
  return items.flatMap((item) => checkItem(item, config));
}

function checkItem(item: ContentItem, config: BrandVoiceConfig): BrandVoiceFinding[] {
  const fields = Object.entries(item.fields).filter(([name, value]) =>
    config.textFields ? config.textFields.includes(name) : factValue(value).kind === "text",
  );
  const whole = fields.map(([, v]) => v).join("\n");
  const language = itemLanguage(item, whole);
  const out: BrandVoiceFinding[] = [];
  const add = (
    rule: BrandVoiceRule,
    field: string | null,
    message: string,
    extra: Partial<BrandVoiceFinding> = {},
  ) =>
    out.push({
      rule,
      severity: rule === "formality" || rule === "reading_level" ? "warning" : "error",
      key: item.key,
      channel: item.channel,
      type: item.type,
      language,
      field,
      message,
      ...extra,
    });

  for (const [field, text] of fields) {
    for (const banned of config.bannedTerms) {
      if (inScope(banned, item, language) && findTerm(text, banned.term) >= 0) {
        const why = banned.reason ? ` (${banned.reason})` : "";
        add("banned_term", field, `banned term "${banned.term}"${why}`, { terms: [banned.term] });
      }
    }
    if (config.formality === "formal") {
      const informal = config.informalTerms.filter((t) => findTerm(text, t) >= 0);
      if (INFORMAL_YOU.test(text)) informal.push("你");
      if (EXCLAMATIONS.test(text)) informal.push("!!");
      for (const t of informal) {
        const hint = t === "你" ? " (use 您 in formal Chinese)" : "";
        add("formality", field, `informal "${t}"${hint}`, { terms: [t] });
      }
    }
    readingLevel(field, text, config, add);
  }
  for (const rule of config.requiredTerms) {
    if (inScope(rule, item, language) && !rule.anyOf.some((t) => findTerm(whole, t) >= 0)) {
      const why = rule.reason ? ` (${rule.reason})` : "";
      add("required_term", null, `none of ${rule.anyOf.map((t) => `"${t}"`).join(", ")}${why}`, {
        terms: rule.anyOf,
      });
    }
  }
  for (const rule of config.disclaimers) {
    const applies =
      item.type !== null &&
      rule.types.includes(item.type) &&
      (!rule.channels || rule.channels.includes(item.channel));
    if (applies && !rule.anyOf.some((t) => findTerm(whole, t) >= 0)) {
      add(
        "disclaimer",
        null,
        `a ${item.type} needs a disclaimer: one of ${rule.anyOf.map((t) => `"${t}"`).join(", ")}`,
        {
          terms: rule.anyOf,
        },
      );
    }
  }
  const limit = config.maxLength[item.channel];
  if (limit) {
    const byWords = language === "en";
    const max = byWords ? limit.words : limit.characters;
    const length = byWords ? englishWords(whole).length : characterCount(whole);
    if (max !== undefined && length > max) {
      const unit = byWords ? "words" : "characters";
      add("length", null, `${length} ${unit}, over the ${item.channel} limit of ${max}`, {
        value: length,
        limit: max,
      });
    }
  }
  return out;
}

function readingLevel(
  field: string,
  text: string,
  config: BrandVoiceConfig,
  add: (
    rule: BrandVoiceRule,
    field: string,
    message: string,
    extra: Partial<BrandVoiceFinding>,
  ) => void,
) {
  const levels = config.readingLevel;
  const language = detectLanguage(text);
  if (language === "en" && englishWords(text).length >= levels.minWords) {
    const grade = fleschKincaidGrade(text);
    if (grade !== null && grade > levels.maxGrade) {
      add(
        "reading_level",
        field,
        `Flesch–Kincaid grade ${grade.toFixed(1)}, above ${levels.maxGrade}`,
        {
          value: Math.round(grade * 10) / 10,
          limit: levels.maxGrade,
        },
      );
    }
  }
  if (language === "zh" && characterCount(text) >= levels.minCharacters) {
    const mean = meanSentenceCharacters(text);
    if (mean !== null && mean > levels.maxSentenceCharacters) {
      add(
        "reading_level",
        field,
        `sentences of ${mean.toFixed(0)} characters on average, above ${levels.maxSentenceCharacters}`,
        { value: Math.round(mean * 10) / 10, limit: levels.maxSentenceCharacters },
      );
    }
  }
}
