import {
  compareEvents,
  compareText,
  type JourneyEvent,
  jsonText,
} from "../journeys/journey-log.ts";
import { selectJourneyEvents } from "../journeys/journey-select.ts";
import type { JourneyFilters } from "../journeys/specs.ts";
import type { FeedbackRow } from "./feedback-analysis.ts";

/** The value at a text field path (`properties.comment`) as the stores' JSON text gives it. */
function fieldText(event: JourneyEvent, field: string): string | null {
  const [column, ...path] = field.split(".");
  let value: unknown = event[column as "properties" | "context" | "traits"];
  for (const key of path) {
    value =
      value !== null && typeof value === "object"
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  const text = jsonText(value);
  // SQL trim() removes spaces only; an empty text is no text.
  const trimmed = text?.replace(/^ +| +$/g, "");
  return trimmed ? trimmed : null;
}

/**
 * The reference of `feedbackSql`: feedback texts of the filtered journeys, newest first
 * (timestamp, then message id, both descending), at most `limit` + 1.
 */
export function selectFeedbackRows(
  all: readonly JourneyEvent[],
  filters: JourneyFilters,
  options: { fields: readonly string[]; limit: number },
): FeedbackRow[] {
  const selected = [...selectJourneyEvents(all, filters)].sort(compareEvents);
  const previous = new Map<string, string>();
  const last = new Map<string, string>();
  for (const e of selected) {
    const before = last.get(e.profileId);
    if (before !== undefined) previous.set(e.messageId, before);
    last.set(e.profileId, e.event as string);
  }
  const rows: FeedbackRow[] = [];
  for (const e of selected) {
    let text: string | null = null;
    for (const field of options.fields) {
      text = fieldText(e, field);
      if (text !== null) break;
    }
    if (text === null) continue;
    rows.push({
      messageId: e.messageId,
      profileId: e.profileId,
      event: e.event as string,
      previousEvent: previous.get(e.messageId) ?? null,
      channel: e.channel,
      timestamp: e.timestamp,
      text,
      touchpoint: jsonText(e.properties.touchpoint),
      stage: jsonText(e.properties.stage),
    });
  }
  rows.sort((a, b) => b.timestamp - a.timestamp || compareText(b.messageId, a.messageId));
  return rows.slice(0, options.limit + 1);
}
