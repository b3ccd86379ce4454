import type { IdentifierFields } from "../core/identity/extract-identifiers.ts";
import type { ExtraKey } from "../core/identity/identity-options.ts";
import type { StoredEvent } from "../core/stored-event.ts";
import type { EventStore } from "../store/event-store.ts";

const PAGE = 50_000;

/** One stored message as identity reads it back for a rebuild. */
export interface IdentityRow {
  messageId: string;
  time: number;
  fields: IdentifierFields;
}

/**
 * Every stored event's identifier fields, in pages by message id (keyset paging: each page is
 * an index range on PostgreSQL). The JSON paths identity needs are extracted in SQL: converting
 * whole `context` objects to JS costs most of a rebuild otherwise.
 */
export async function* readIdentityRows(
  store: EventStore,
  extraKeys: readonly ExtraKey[],
): AsyncGenerator<IdentityRow[]> {
  const { jsonText } = store.dialect;
  // A trait is read from the message's traits, else from context.traits (as ingestion does).
  const paths = (path: readonly string[]) =>
    path[0] === "traits"
      ? `coalesce(${jsonText("traits", path.slice(1))}, ${jsonText("context", path)})`
      : jsonText(path[0] as string, path.slice(1));
  const raw = (name: string) =>
    `CASE WHEN ${name} IS NULL THEN ${paths(["traits", name])} END AS raw_${name}`;
  const extras = extraKeys.map((key, i) => `${paths(key.path)} AS extra_${i}`);
  let after = "";
  for (;;) {
    const rows = await store.query(
      `SELECT message_id, type, user_id, anonymous_id, previous_id, email, phone,
              ${store.dialect.epochMs("timestamp")} AS time_ms,
              ${[raw("email"), raw("phone"), ...extras].join(", ")}
       FROM events WHERE message_id > $1 ORDER BY message_id LIMIT ${PAGE}`,
      [after],
    );
    if (rows.length === 0) return;
    yield rows.map((row) => {
      const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
      return {
        messageId: String(row.message_id),
        time: Math.floor(Number(row.time_ms)),
        fields: {
          type: String(row.type) as StoredEvent["type"],
          userId: text(row.user_id),
          anonymousId: text(row.anonymous_id),
          previousId: text(row.previous_id),
          email: text(row.email),
          phone: text(row.phone),
          rawTrait: (name) => row[`raw_${name}`] ?? undefined,
          extra: (key) => jsonScalar(row[`extra_${extraKeys.indexOf(key)}`]),
        },
      };
    });
    after = String(rows[rows.length - 1]?.message_id);
    if (rows.length < PAGE) return;
  }
}

/** SQL returns objects and arrays as JSON text; like the JS path, they are not identifiers. */
function jsonScalar(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const text = String(value);
  return text.startsWith("{") || text.startsWith("[") ? {} : text;
}
