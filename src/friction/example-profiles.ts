import { compareText } from "../core/journeys/journey-log.ts";
import type { EventStore } from "../store/event-store.ts";

/** Identifier types in the order an example profile is named by (docs/friction.md). */
const PREFERRED = ["user_id", "email", "phone", "anonymous_id"];

const rank = (type: string) => {
  const at = PREFERRED.indexOf(type);
  return at < 0 ? PREFERRED.length : at;
};

/**
 * An identifier (`type:value`) of each profile, for `journeylens profile IDENTIFIER` and
 * `GET /api/profiles/{identifier}`: its user id, else email, phone, anonymous id. Profiles not
 * resolved yet (`u:…`, `a:…` keys) are named by the id in their key.
 */
export async function profileIdentifiers(
  store: EventStore,
  profileIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const resolved: string[] = [];
  for (const id of new Set(profileIds)) {
    if (id.startsWith("u:")) names.set(id, `user_id:${id.slice(2)}`);
    else if (id.startsWith("a:")) names.set(id, `anonymous_id:${id.slice(2)}`);
    else resolved.push(id);
  }
  if (resolved.length === 0) return names;
  const rows = await store.query(
    `SELECT profile_id, identifier_type, identifier_value FROM profile_identifiers
     WHERE profile_id IN (SELECT ${store.dialect.unnestJson("$1")})`,
    [JSON.stringify(resolved)],
  );
  const best = new Map<string, { type: string; value: string }>();
  for (const row of rows) {
    const id = String(row.profile_id);
    const candidate = { type: String(row.identifier_type), value: String(row.identifier_value) };
    const current = best.get(id);
    if (
      !current ||
      rank(candidate.type) - rank(current.type) < 0 ||
      (rank(candidate.type) === rank(current.type) &&
        compareText(`${candidate.type}:${candidate.value}`, `${current.type}:${current.value}`) < 0)
    ) {
      best.set(id, candidate);
    }
  }
  for (const [id, { type, value }] of best) names.set(id, `${type}:${value}`);
  return names;
}
