import { applyConstants } from "./apply-constants.ts";
import {
  type ColumnMapping,
  inferMapping,
  mappedColumns,
  mapsColumns,
  type RowContext,
  rowToMessage,
  withContentId,
} from "./column-mapping.ts";
import { ImportError } from "./import-error.ts";
import type { ImportFormat, ReadBatch } from "./readers.ts";

export type ToMessage = (row: Record<string, unknown>) => unknown;

/** Chooses, once the header is known, how this file's rows become messages. */
export function messageBuilder(
  plan: { file: string; format: ImportFormat },
  given: ColumnMapping | undefined,
  { columns, rows }: ReadBatch,
  context: RowContext,
): ToMessage {
  if (plan.format === "ndjson" && !(given && mapsColumns(given))) {
    // NDJSON lines are Segment messages already; constants only fill what they lack.
    const constants = given?.constants;
    return (row) => withContentId(constants ? applyConstants(row, constants) : row, context);
  }
  let mapping = given ?? {};
  if (!columns && mapsColumns(mapping)) {
    // NDJSON has no header; a mapping that matches nothing in the first line is the wrong one
    // (typically Segment messages imported alongside a CSV and its mapping).
    const keys = new Set(Object.keys(rows[0]?.row ?? {}));
    if (!mappedColumns(mapping).some((name) => keys.has(name))) {
      throw new ImportError(
        `${plan.file}: none of the mapped columns (${mappedColumns(mapping).join(", ")}) is in its first line; NDJSON Segment messages need no mapping, import them on their own`,
      );
    }
  }
  if (columns) {
    if (mapsColumns(mapping)) {
      const header = new Set(columns);
      const missing = mappedColumns(mapping).filter((name) => !header.has(name));
      if (missing.length > 0) {
        throw new ImportError(
          `${plan.file}: mapped column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")} not in the header (columns: ${columns.join(", ")})`,
        );
      }
    } else {
      mapping = inferMapping(columns, mapping);
    }
  }
  const hasId = [
    mapping.userId,
    mapping.anonymousId,
    mapping.constants?.userId,
    mapping.constants?.anonymousId,
  ].some((v) => v !== undefined);
  if (!hasId) {
    throw new ImportError(
      `${plan.file}: no column is mapped to userId or anonymousId, so every row would be rejected; map one, e.g. --map userId="Customer ID"${columns ? ` (columns: ${columns.join(", ")})` : ""}`,
    );
  }
  const fixed = mapping;
  return (row) => rowToMessage(row, fixed, context);
}
