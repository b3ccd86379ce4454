import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { AppError } from "../core/app-error.ts";
import { type KanoPair, type KanoResult, kanoAnalysis } from "../core/cx/kano.ts";
import { KanoAnswerSchema, type KanoSpec } from "../core/cx/specs.ts";

/**
 * KANO answers from a CSV (header row; columns respondent, feature, functional, dysfunctional,
 * or their Chinese names) or JSON (an array of answers, or `{answers: […]}`).
 */
const COLUMN_NAMES: Record<keyof KanoPair, string[]> = {
  respondent: [
    "respondent",
    "respondent_id",
    "respondentid",
    "id",
    "user",
    "受访者",
    "用户",
    "编号",
  ],
  feature: ["feature", "attribute", "requirement", "功能", "特性", "属性", "需求"],
  functional: [
    "functional",
    "functional_answer",
    "positive",
    "正向",
    "正向问题",
    "功能型",
    "具备时",
  ],
  dysfunctional: [
    "dysfunctional",
    "dysfunctional_answer",
    "negative",
    "反向",
    "反向问题",
    "功能缺失型",
    "不具备时",
  ],
};

const squash = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** Parses the text of a CSV of answers; errors name the line and column. */
export function kanoPairsFromCsv(text: string, origin = "csv"): KanoPair[] {
  let records: string[][];
  try {
    const delimiter = text.split("\n", 1)[0]?.includes("\t") ? "\t" : ",";
    records = parse(text, {
      bom: true,
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (cause) {
    throw new AppError(
      "invalid_request",
      `${origin}: not a valid CSV (${(cause as Error).message})`,
      origin,
    );
  }
  const [header, ...rows] = records;
  if (!header) throw new AppError("invalid_request", `${origin}: empty`, origin);
  const names = header.map(squash);
  const index = Object.fromEntries(
    (Object.keys(COLUMN_NAMES) as (keyof KanoPair)[]).map((key) => {
      const i = names.findIndex((n) => COLUMN_NAMES[key].includes(n));
      if (i < 0) {
        throw new AppError(
          "invalid_request",
          `${origin}: no "${key}" column (the header has ${header.join(", ")})`,
          origin,
        );
      }
      return [key, i];
    }),
  ) as Record<keyof KanoPair, number>;
  return rows.map((row, i) => {
    const cell = (key: keyof KanoPair) => (row[index[key]] ?? "").trim();
    if (!cell("respondent") || !cell("feature")) {
      const field = `${origin}.line.${i + 2}`;
      throw new AppError("invalid_request", `${field}: respondent and feature are required`, field);
    }
    return {
      respondent: cell("respondent"),
      feature: cell("feature"),
      functional: cell("functional"),
      dysfunctional: cell("dysfunctional"),
    };
  });
}

/** Validates JSON answers (an array or `{answers}`); errors name the answer and field. */
export function kanoPairsFromJson(value: unknown): KanoPair[] {
  const answers = Array.isArray(value) ? value : (value as { answers?: unknown })?.answers;
  if (!Array.isArray(answers)) {
    throw new AppError(
      "invalid_request",
      "answers: an array of {respondent, feature, functional, dysfunctional}",
      "answers",
    );
  }
  return answers.map((answer, i) => {
    const parsed = KanoAnswerSchema.safeParse(answer);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = ["answers", i, ...(issue?.path ?? [])].map(String).join(".");
    throw new AppError("invalid_request", `${field}: ${issue?.message ?? "invalid"}`, field);
  });
}

/** `POST /api/kano`: the JSON body, answers or CSV text. */
export function kanoFromBody(body: KanoSpec): KanoResult {
  if ("csv" in body) {
    return kanoAnalysis(kanoPairsFromCsv(body.csv), { where: (i, c) => `csv.line.${i + 2}.${c}` });
  }
  return kanoAnalysis(body.answers);
}

/** `journeylens kano FILE`: a .json file of answers, else a CSV (comma or tab separated). */
export function kanoFromFile(path: string): KanoResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new AppError(
      "invalid_request",
      `cannot read ${path}: ${(cause as Error).message}`,
      "file",
    );
  }
  if (path.toLowerCase().endsWith(".json")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new AppError(
        "invalid_request",
        `${path}: not valid JSON (${(cause as Error).message})`,
        "file",
      );
    }
    return kanoAnalysis(kanoPairsFromJson(value));
  }
  return kanoAnalysis(kanoPairsFromCsv(text, path), {
    where: (i, c) => `${path}.line.${i + 2}.${c}`,
  });
}
