import type { CxConfig } from "../core/cx/cx-config.ts";
import type { SentimentByStage } from "../core/cx/cx-index.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import type { StageModel } from "../core/journeys/stage-model.ts";
import { scoreSentiment } from "../core/text/sentiment.ts";
import { type BuiltQuery, SqlParams, sqlInteger } from "../journeys/sql-params.ts";
import type { EventStore } from "../store/event-store.ts";
import { num, type SqlDialect } from "../store/sql-dialect.ts";
import { defaultSegmenter } from "../text/default-segmenter.ts";
import { cxEventsCtes } from "./cx-events-sql.ts";

/** `properties.comment` → the trimmed, non-empty text at that JSON path (as feedback reads it). */
function fieldSql(dialect: SqlDialect, field: string): string {
  const [column, ...path] = field.split(".");
  return `nullif(trim(${dialect.jsonText(column as string, path)}), '')`;
}

/**
 * The feedback texts of the filtered journeys with their CX stage, newest first, at most
 * `limit` + 1 rows (the extra row says the read was cut).
 */
export function stageTextsSql(
  dialect: SqlDialect,
  filters: JourneyFilters,
  options: { model: StageModel; config: CxConfig; fields: readonly string[]; limit: number },
): BuiltQuery {
  const params = new SqlParams();
  const text = `coalesce(${options.fields.map((f) => fieldSql(dialect, f)).join(", ")})`;
  const sql = `WITH ${cxEventsCtes(dialect, filters, params, { ...options, text })}
    SELECT stage, text FROM cx_events WHERE text IS NOT NULL
    ORDER BY t DESC, ${dialect.binaryText("message_id")} DESC
    LIMIT ${sqlInteger(options.limit + 1)}`;
  return { sql, values: params.values };
}

/**
 * Mean sentiment of each stage's feedback text, scored by the feedback sentiment models
 * (docs/feedback.md; English and Chinese, other languages left out).
 */
export async function stageSentiment(
  store: EventStore,
  filters: JourneyFilters,
  options: { model: StageModel; config: CxConfig; fields: readonly string[]; limit: number },
): Promise<SentimentByStage> {
  const { sql, values } = stageTextsSql(store.dialect, filters, options);
  const rows = await store.query(sql, values);
  const read = rows.slice(0, options.limit);
  const sums = new Map<number, { sum: number; n: number }>();
  const segmenter = defaultSegmenter();
  let scored = 0;
  for (const row of read) {
    const { score } = scoreSentiment(String(row.text), { segmenter });
    if (score === null) continue;
    const stage = num(row.stage);
    const s = sums.get(stage) ?? { sum: 0, n: 0 };
    s.sum += score;
    s.n++;
    sums.set(stage, s);
    scored++;
  }
  const cut = rows.length > options.limit ? ` (the newest ${options.limit} texts only)` : "";
  return {
    byStage: new Map([...sums].map(([stage, s]) => [stage, { mean: s.sum / s.n, n: s.n }])),
    note: `mean sentiment of ${scored} feedback texts (${options.fields.join(", ")}) by the feedback sentiment models, rescaled to 0–100${cut}`,
  };
}
