import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { FlatParams } from "../core/journeys/query-params.ts";
import type { EmotionIndex } from "../core/text/emotion-index.ts";
import type { FeedbackResult } from "../core/text/feedback-analysis.ts";
import { runFeedbackAnalysis } from "../feedback/feedback.ts";
import { print, withRuntime } from "./with-runtime.ts";

type Flags = Record<string, string | string[] | boolean | undefined>;

const collect = (value: string, previous: string[] = []) => [...previous, value];

const interval = (e: EmotionIndex) =>
  e.low === null || e.high === null ? "" : ` [${e.low.toFixed(1)}, ${e.high.toFixed(1)}]`;

function indexLines(title: string, rows: EmotionIndex[]): string[] {
  return [
    `${title}:`,
    ...rows
      .slice(0, 10)
      .map(
        (e) =>
          `  ${e.key.padEnd(28)} ${e.index.toFixed(1).padStart(6)}${interval(e)}  n=${e.n} (+${e.positive} =${e.neutral} −${e.negative})`,
      ),
  ];
}

/** The text report: summary, emotion indexes, keywords and the newest texts. */
export function formatFeedback(r: FeedbackResult): string {
  const s = r.summary;
  return [
    `${s.texts} feedback texts (${s.scored} scored; en ${s.languages.en}, zh ${s.languages.zh}, other ${s.languages.other + s.languages.und})${s.truncated ? " — newest only, limit reached" : ""}`,
    `emotion index ${s.emotionIndex.index.toFixed(1)}${interval(s.emotionIndex)}; positive ${s.labels.positive}, neutral ${s.labels.neutral}, negative ${s.labels.negative}`,
    ...indexLines("by touchpoint", r.emotionIndex.touchpoint),
    ...indexLines("by channel", r.emotionIndex.channel),
    ...indexLines("by stage", r.emotionIndex.stage),
    `keywords: ${r.keywords.map((k) => k.term).join(", ")}`,
    `negative keywords: ${r.keywordsByLabel.negative.map((k) => k.term).join(", ")}`,
    "newest texts:",
    ...r.texts
      .slice(0, 10)
      .map(
        (t) =>
          `  ${t.timestamp.slice(0, 10)} ${t.channel.padEnd(11)} ${t.language} ${(t.score ?? 0).toFixed(2).padStart(5)} ${t.text}`,
      ),
  ].join("\n");
}

/** `--spec` is a JSON spec (as the API's POST body), inline or `@file`. */
function specBody(text: string): unknown {
  const source = text.startsWith("@") ? readFileSync(text.slice(1), "utf8") : text;
  try {
    return JSON.parse(source);
  } catch (cause) {
    throw new Error(`--spec: not valid JSON (${(cause as Error).message})`);
  }
}

export function registerFeedbackCommand(program: Command) {
  program
    .command("feedback")
    .description(
      "feedback text analytics: language, sentiment, keywords, term frequencies, emotion index (docs/feedback.md)",
    )
    .option("--from <date>", "events at or after this ISO date")
    .option("--to <date>", "events before this ISO date")
    .option("--channel <list>", "only these channels (comma-separated or repeated)", collect)
    .option("--segment <json>", 'only profiles in this segment, e.g. \'{"channel":"app"}\'')
    .option("--field <path>", "text field such as properties.comment (repeatable)", collect)
    .option("--language <code>", "only texts in this language: en or zh")
    .option("--limit <n>", "texts read, newest first (default config feedback.defaultLimit)")
    .option("--texts <n>", "per-text results returned (default 100)")
    .option("--keywords <n>", "keywords returned (default 30)")
    .option("--terms <n>", "word-cloud terms returned (default 100)")
    .option("--spec <json>", "the whole spec as JSON (inline or @file), as the API's POST body")
    .option("--json", "print JSON (the same JSON as the API)")
    .action(async (flags: Flags, cmd: Command) => {
      const params: FlatParams = {};
      for (const [flag, value] of Object.entries(flags)) {
        if (value === undefined || flag === "json" || flag === "spec") continue;
        params[flag] = typeof value === "boolean" ? String(value) : value;
      }
      await withRuntime(cmd, async (runtime) => {
        const input = typeof flags.spec === "string" ? { body: specBody(flags.spec) } : { params };
        const result = await runFeedbackAnalysis(
          runtime.store,
          { feedback: runtime.config.feedback, stages: runtime.config.journeys },
          input,
        );
        print(result, { json: flags.json === true }, () => formatFeedback(result));
      });
    });
}
