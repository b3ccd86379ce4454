import { type ComputedTraits, computeTraits } from "../core/identity/computed-traits.ts";
import { explainProfile, type ProfileExplanation } from "../core/identity/explain.ts";
import { type Identifier, parseIdentifierInput, parseKey } from "../core/identity/identifier.ts";
import type { IdentityOptions } from "../core/identity/identity-options.ts";
import { mergeTraits, type TraitValue } from "../core/identity/profile-traits.ts";
import type { Conflict } from "../core/identity/resolve-graph.ts";
import type { StoredNode } from "../core/identity/update-plan.ts";
import type { StoredEvent } from "../core/stored-event.ts";
import { rowToEvent } from "../store/event-query.ts";
import type { EventStore } from "../store/event-store.ts";
import { type IdentityTables, rowToNode } from "./identity-tables.ts";
import { profileKeySql } from "./profile-key.ts";

export interface ProfileIdentifier extends Identifier {
  status: StoredNode["status"];
  firstSeen: string;
  firstMessageId: string;
}

export interface TimelineEvent {
  messageId: string;
  timestamp: string;
  type: string;
  event: string | null;
  channel: string;
  sourceId: string;
  userId: string | null;
  anonymousId: string | null;
  properties: Record<string, unknown>;
}

/** The single customer view: identifiers, merged and computed traits, cross-channel timeline. */
export interface Profile {
  profileId: string;
  lead: Identifier;
  identifiers: ProfileIdentifier[];
  traits: Record<string, TraitValue>;
  computed: ComputedTraits;
  timeline: TimelineEvent[];
  /** The timeline keeps the latest `limit` events; `computed` counts them all. */
  timelineTruncated: boolean;
  conflicts: Conflict[];
}

export interface ProfileMatch {
  profileId: string;
  lead: Identifier;
  identifiers: Identifier[];
  matchedOn: "identifier" | "trait";
}

const MAX_KEPT_OUT = 100;

/** Reads profiles from the identity tables and the events they own. */
export class ProfileReader {
  constructor(
    private readonly store: EventStore,
    private readonly tables: IdentityTables,
    private readonly options: {
      identity: IdentityOptions;
      types: readonly string[];
      traitSourcePriority: readonly string[];
    },
  ) {}

  /** The stored identifier a person typed (`type:value` or a bare value), best type first. */
  async find(input: string): Promise<StoredNode | undefined> {
    const candidates = parseIdentifierInput(input, this.options.identity, this.options.types);
    const found = await this.tables.nodes(candidates.map((c) => `${c.type}:${c.value}`));
    const rank = (node: StoredNode) => {
      const at = this.options.identity.priority.indexOf(parseKey(node.key).type);
      return at === -1 ? Number.MAX_SAFE_INTEGER : at;
    };
    return found.sort((a, b) => rank(a) - rank(b))[0];
  }

  async profile(input: string, options: { limit?: number } = {}): Promise<Profile | undefined> {
    const node = await this.find(input);
    if (!node) return undefined;
    const members = await this.#members(node.profileId);
    const events = await this.#events(node.profileId, members);
    const limit = Math.max(0, Math.floor(options.limit ?? 1000));
    const identifiers = this.#sorted(members);
    return {
      profileId: node.profileId,
      lead: parseKey((identifiers[0] as StoredNode).key),
      identifiers: identifiers.map((m) => ({
        ...parseKey(m.key),
        status: m.status,
        firstSeen: new Date(m.firstSeen).toISOString(),
        firstMessageId: m.firstMessageId,
      })),
      traits: mergeTraits(events, this.options.traitSourcePriority),
      computed: computeTraits(events),
      timeline: events.slice(Math.max(0, events.length - limit)).map(toTimeline),
      timelineTruncated: events.length > limit,
      conflicts: await this.tables.conflicts({
        componentIds: [...new Set(members.map((m) => m.componentId))],
      }),
    };
  }

  /** Profiles whose identifiers or traits contain `q` (case-insensitive). */
  async search(q: string, options: { limit?: number } = {}): Promise<ProfileMatch[]> {
    const limit = Math.min(200, Math.max(1, Math.floor(options.limit ?? 20)));
    const matched = new Map<string, ProfileMatch["matchedOn"]>();
    // A profile id (as the timeline, breakpoints and exports show it) finds its profile.
    const byId = await this.store.query(
      "SELECT profile_id FROM profile_identifiers WHERE profile_id = $1 LIMIT 1",
      [q.trim()],
    );
    for (const row of byId) matched.set(String(row.profile_id), "identifier");
    const exact = await this.find(q);
    if (exact) matched.set(exact.profileId, "identifier");
    const pattern = `%${q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const byIdentifier = await this.store.query(
      `SELECT DISTINCT profile_id FROM profile_identifiers
       WHERE lower(identifier_value) LIKE $1 ESCAPE '\\' ORDER BY profile_id LIMIT ${limit}`,
      [pattern],
    );
    for (const row of byIdentifier) {
      if (!matched.has(String(row.profile_id))) matched.set(String(row.profile_id), "identifier");
    }
    if (matched.size < limit) {
      const { join, key } = profileKeySql(this.store.dialect, "e");
      const byTrait = await this.store.query(
        `SELECT DISTINCT ${key} AS profile_id FROM events e ${join}
         WHERE lower(CAST(e.traits AS TEXT)) LIKE $1 ESCAPE '\\' ORDER BY 1 LIMIT ${limit}`,
        [pattern],
      );
      for (const row of byTrait) {
        if (!matched.has(String(row.profile_id))) matched.set(String(row.profile_id), "trait");
      }
    }
    const ids = [...matched.keys()].slice(0, limit);
    const members = await this.#members(ids);
    return ids.flatMap((profileId) => {
      const mine = this.#sorted(members.filter((m) => m.profileId === profileId));
      // A trait match on events not yet resolved has no identifiers: nothing to show.
      if (mine.length === 0) return [];
      const identifiers = mine.map((m) => parseKey(m.key));
      const lead = identifiers[0] as Identifier;
      return [{ profileId, lead, identifiers, matchedOn: matched.get(profileId) ?? "trait" }];
    });
  }

  /** Why each identifier is in the profile of `input`, and which links were kept out. */
  async explain(
    input: string,
  ): Promise<(ProfileExplanation & { keptOutTotal: number }) | undefined> {
    const node = await this.find(input);
    if (!node) return undefined;
    const members = await this.#members(node.profileId);
    const keys = new Set(members.map((m) => m.key));
    const edges = await this.tables.edgesOf([...keys]);
    const others = [...new Set(edges.flatMap((e) => [e.a, e.b]).filter((k) => !keys.has(k)))];
    const outside = new Map((await this.tables.nodes(others)).map((n) => [n.key, n]));
    const explanation = explainProfile({
      profileId: node.profileId,
      members: this.#sorted(members),
      edges,
      outside,
      conflicts: await this.tables.conflicts({
        componentIds: [...new Set(members.map((m) => m.componentId))],
      }),
    });
    return {
      ...explanation,
      keptOut: explanation.keptOut.slice(0, MAX_KEPT_OUT),
      keptOutTotal: explanation.keptOut.length,
    };
  }

  async #members(profileIds: string | readonly string[]): Promise<StoredNode[]> {
    const ids = typeof profileIds === "string" ? [profileIds] : profileIds;
    if (ids.length === 0) return [];
    const { dialect } = this.store;
    const rows = await this.store.query(
      `SELECT identifier_type, identifier_value, profile_id, component_id, status,
              ${dialect.epochMs("first_seen")} AS first_ms, first_message_id
       FROM profile_identifiers WHERE profile_id IN (SELECT ${dialect.unnestJson("$1")})`,
      [JSON.stringify(ids)],
    );
    return rows.map(rowToNode);
  }

  /** Lead first, as resolution picks it (a CRM id sent as userId after the login ids). */
  #sorted(members: readonly StoredNode[]): StoredNode[] {
    const priority = this.options.identity.priority;
    const extraTypes = new Set(this.options.identity.extraKeys.map((k) => k.type));
    const extraValues = new Set(
      members
        .map((m) => parseKey(m.key))
        .filter((i) => extraTypes.has(i.type))
        .map((i) => i.value),
    );
    const rank = (key: string) => {
      const { type, value } = parseKey(key);
      const at = priority.indexOf(type);
      const system = type === "user_id" && extraValues.has(value) ? 0.5 : 0;
      return (at === -1 ? priority.length : at) + system;
    };
    return [...members].sort((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : 1));
  }

  /** The profile's events: candidates by its user and anonymous ids, kept by the profile key. */
  async #events(profileId: string, members: readonly StoredNode[]): Promise<StoredEvent[]> {
    const ids = members.map((m) => parseKey(m.key));
    const userIds = ids.filter((i) => i.type === "user_id").map((i) => i.value);
    const anonymousIds = ids.filter((i) => i.type === "anonymous_id").map((i) => i.value);
    if (userIds.length + anonymousIds.length === 0) return [];
    const { dialect } = this.store;
    const { join, key } = profileKeySql(dialect, "e");
    const rows = await this.store.query(
      `SELECT e.message_id, e.source_id, e.type, e.event, e.user_id, e.anonymous_id,
              e.previous_id, e.group_id, e.email, e.phone, e.channel, e.timestamp, e.sent_at,
              e.received_at, CAST(e.properties AS TEXT) AS properties,
              CAST(e.traits AS TEXT) AS traits, '{}' AS context
       FROM events e ${join}
       WHERE (e.user_id IN (SELECT ${dialect.unnestJson("$1")})
              OR e.anonymous_id IN (SELECT ${dialect.unnestJson("$2")}))
         AND ${key} = $3
       ORDER BY e.timestamp, e.message_id`,
      [JSON.stringify(userIds), JSON.stringify(anonymousIds), profileId],
    );
    return rows.map(rowToEvent);
  }
}

function toTimeline(event: StoredEvent): TimelineEvent {
  let properties: Record<string, unknown> = {};
  try {
    properties = JSON.parse(event.properties) as Record<string, unknown>;
  } catch {
    // Stored JSON always parses; an unreadable row still belongs on the timeline.
  }
  return {
    messageId: event.messageId,
    timestamp: event.timestamp.toISOString(),
    type: event.type,
    event: event.event,
    channel: event.channel,
    sourceId: event.sourceId,
    userId: event.userId,
    anonymousId: event.anonymousId,
    properties,
  };
}
