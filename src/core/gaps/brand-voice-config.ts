import { z } from "zod";
import { channelList } from "./gaps-config.ts";

/** Config section `brandVoice` (docs/channel-consistency.md): rules for content and messages. */

const term = z.string().trim().min(1).max(200);
const lower = z
  .array(z.string().trim().min(1).max(100))
  .max(100)
  .transform((l) => l.map((s) => s.toLowerCase()));

/** Where a rule applies: message types, channels, languages (each: any when omitted). */
const scope = {
  types: lower.optional(),
  channels: channelList.optional(),
  languages: lower.optional(),
};

const BannedTerm = z
  .union([term, z.object({ term, reason: z.string().max(300).optional(), ...scope }).strict()])
  .transform((t) => (typeof t === "string" ? { term: t } : t));

const RequiredTerms = z
  .object({ anyOf: z.array(term).min(1).max(50), reason: z.string().max(300).optional(), ...scope })
  .strict();

const Length = z
  .object({
    /** English texts: words. */
    words: z.number().int().positive().optional(),
    /** Chinese (and other) texts: characters other than white space. */
    characters: z.number().int().positive().optional(),
  })
  .strict();

export const DEFAULT_BANNED_TERMS = [
  "guaranteed returns",
  "risk-free",
  "no risk",
  "稳赚",
  "保本保息",
  "无风险",
];

export const DEFAULT_DISCLAIMERS = [
  {
    types: ["promotion", "rate_offer"],
    anyOf: [
      "Terms apply",
      "Terms and conditions apply",
      "T&Cs apply",
      "条款适用",
      "详见条款",
      "以条款为准",
    ],
    reason: "promotions and rate offers must carry the terms disclaimer",
  },
];

export const DEFAULT_INFORMAL_TERMS = [
  "gonna",
  "wanna",
  "gotta",
  "lol",
  "omg",
  "btw",
  "thx",
  "pls",
  "awesome",
  "亲",
  "亲们",
  "哈哈",
  "呗",
  "哟",
  "木有",
  "神马",
];

export const BrandVoiceConfigSchema = z
  .object({
    bannedTerms: z.array(BannedTerm).max(1000).prefault(DEFAULT_BANNED_TERMS),
    /** Each entry: at least one of `anyOf` must appear in the texts in its scope. */
    requiredTerms: z.array(RequiredTerms).max(100).default([]),
    /** Required disclaimers per message type: at least one of `anyOf`. */
    disclaimers: z
      .array(
        z
          .object({
            types: lower.pipe(z.array(z.string()).min(1)),
            anyOf: z.array(term).min(1).max(50),
            reason: z.string().max(300).optional(),
            channels: channelList.optional(),
          })
          .strict(),
      )
      .max(100)
      .prefault(DEFAULT_DISCLAIMERS),
    /** Length limits per channel. */
    maxLength: z
      .record(z.string(), Length)
      .prefault({ sms: { words: 30, characters: 70 }, push: { words: 20, characters: 40 } }),
    /** `formal`: informal terms, `你` (use `您`) and `!!` are findings; `neutral`: no check. */
    formality: z.enum(["formal", "neutral"]).default("formal"),
    informalTerms: z.array(term).max(1000).prefault(DEFAULT_INFORMAL_TERMS),
    readingLevel: z
      .object({
        /** Highest Flesch–Kincaid grade of an English field. */
        maxGrade: z.number().positive().default(10),
        /** Highest mean sentence length (characters) of a Chinese field. */
        maxSentenceCharacters: z.number().positive().default(50),
        /** Fields shorter than this (English words / Chinese characters) are not graded. */
        minWords: z.number().int().min(1).default(20),
        minCharacters: z.number().int().min(1).default(40),
      })
      .strict()
      .prefault({}),
    /** Fields checked (default: every field that is not a number). */
    textFields: z.array(z.string().min(1).max(100)).max(100).optional(),
  })
  .strict()
  .prefault({});
export type BrandVoiceConfig = z.output<typeof BrandVoiceConfigSchema>;

/** Config section `contentAudit`. */
export const ContentAuditConfigSchema = z
  .object({
    /** An older version is stale only when at least this many days older (0: any older one). */
    staleAfterDays: z.number().min(0).max(3650).default(0),
    /** Channels every item should be on (default: the channels carrying items of its type). */
    channels: channelList.optional(),
    /** Channel-specific copy: brand-voice checked, but not compared across channels. */
    copyFields: z
      .array(z.string().min(1).max(100))
      .max(100)
      .default(["text", "body", "message", "description", "subject", "summary"]),
  })
  .strict()
  .prefault({});
export type ContentAuditConfig = z.output<typeof ContentAuditConfigSchema>;
