import { type StageModel, stageIndex } from "../core/journeys/stage-model.ts";
import { anyEventMatchSql } from "./event-match-sql.ts";
import type { SqlParams } from "./sql-params.ts";

/** SQL: the 0-based stage index of an event column (first matching stage, else unmatched). */
export function stageIndexSql(model: StageModel, column: string, params: SqlParams): string {
  const whens = model.stages
    .map((stage, i) => ({ i, patterns: stage.events }))
    .filter((s) => s.patterns.length > 0)
    .map((s) => `WHEN ${anyEventMatchSql(column, s.patterns, params)} THEN ${s.i}`);
  const unmatched = stageIndex(model, model.unmatchedStage);
  return whens.length > 0 ? `CASE ${whens.join(" ")} ELSE ${unmatched} END` : String(unmatched);
}

/** SQL: the stage name of an event column. */
export function stageNameSql(model: StageModel, column: string, params: SqlParams): string {
  const index = stageIndexSql(model, column, params);
  const names = model.stages.map((s, i) => `WHEN ${i} THEN ${params.add(s.name)}`);
  return `CASE ${index} ${names.join(" ")} END`;
}
