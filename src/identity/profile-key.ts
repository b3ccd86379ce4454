import { quoteIdent, type SqlDialect } from "../store/sql-dialect.ts";

/**
 * SQL that maps each event row to its profile id, for analytics queries over `events`:
 *
 * ```ts
 * const profile = profileKeySql(store.dialect, "e");
 * const sql = `SELECT ${profile.key} AS profile_id, count(*) FROM events e ${profile.join} GROUP BY 1`;
 * ```
 *
 * An event belongs to the profile of its `user_id`, else of its `anonymous_id` (a userId is the
 * stronger claim: on a shared device the anonymousId is shared, the userId is not). Events not
 * yet resolved — identity runs just after the durable write — fall back to `'u:' || user_id`
 * or `'a:' || anonymous_id`, so they still group by person until resolution catches up.
 * `join` adds two LEFT JOINs on the `profile_identifiers` primary key; it never duplicates rows.
 */
export function profileKeySql(
  _dialect: SqlDialect,
  eventAlias = "e",
): { join: string; key: string } {
  const e = quoteIdent(eventAlias);
  const byUser = quoteIdent(`${eventAlias}_profile_by_user`);
  const byAnonymous = quoteIdent(`${eventAlias}_profile_by_anonymous`);
  return {
    join: [
      `LEFT JOIN profile_identifiers AS ${byUser}`,
      `ON ${byUser}.identifier_type = 'user_id' AND ${byUser}.identifier_value = ${e}.user_id`,
      `LEFT JOIN profile_identifiers AS ${byAnonymous}`,
      `ON ${byAnonymous}.identifier_type = 'anonymous_id'`,
      `AND ${byAnonymous}.identifier_value = ${e}.anonymous_id`,
    ].join(" "),
    key: `coalesce(${byUser}.profile_id, ${byAnonymous}.profile_id, 'u:' || ${e}.user_id, 'a:' || ${e}.anonymous_id)`,
  };
}
