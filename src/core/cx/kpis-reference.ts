import { matchesAny } from "../journeys/event-pattern.ts";
import {
  compareEvents,
  compareText,
  DAY_MS,
  type JourneyEvent,
  jsonNumber,
  jsonText,
  percentileCont,
} from "../journeys/journey-log.ts";
import { selectJourneyEvents } from "../journeys/journey-select.ts";
import type { CxConfig } from "./cx-config.ts";

/**
 * Channel KPIs (SEEDS §3, docs/cx.md): what the KPI query returns, and its plain-TypeScript
 * reference. Times are in milliseconds here; the result shows seconds.
 */
export interface Stat {
  n: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export interface DigitalRows {
  channel: "web" | "app";
  sessions: number;
  /** Sessions of a single event. */
  bounces: number;
  users: number;
  /** Mean distinct profiles per UTC day with an event on the channel. */
  dailyActiveAvg: number;
  durationMs: Stat;
  /** Sessions with a conversion event. */
  converted: number;
  crashEvents: number;
  crashedSessions: number;
  crashedUsers: number;
  /** Page/screen views: time to the next event of the session (the last view has none). */
  timeOnViewMs: Stat;
  loadTimeMs: Stat;
}

export const EMAIL_STEPS = [
  "sent",
  "delivered",
  "bounced",
  "opened",
  "clicked",
  "unsubscribed",
] as const;
export type EmailStep = (typeof EMAIL_STEPS)[number];

export interface KpiRows {
  channels: { channel: string; events: number; profiles: number }[];
  digital: DigitalRows[];
  /** Distinct (profile, email) pairs per step. */
  email: Record<EmailStep, number>;
  chat: { started: number; ended: number; resolved: number; firstResponseS: Stat };
  callCenter: {
    calls: number;
    withOutcome: number;
    resolved: number;
    handleTimeS: Stat;
    waitS: Stat;
  };
}

export type TypedEvent = JourneyEvent & { type: string };

export function statOf(values: readonly number[]): Stat {
  return {
    n: values.length,
    mean: values.length ? values.reduce((s, v) => s + v, 0) / values.length : null,
    median: percentileCont(values, 0.5),
    p90: percentileCont(values, 0.9),
  };
}

/** The first of the properties that holds a number (a JSON number or text reading as one). */
export const firstNumber = (properties: Record<string, unknown>, keys: readonly string[]) =>
  keys.reduce<number | null>((found, key) => found ?? jsonNumber(properties[key]), null);

/** `true`, "true", "1", "yes" (any case) are a yes. */
export const isYes = (value: unknown) =>
  ["true", "1", "yes"].includes(jsonText(value)?.toLowerCase() ?? "");

export function kpiReference(
  all: readonly TypedEvent[],
  filters: Parameters<typeof selectJourneyEvents>[1],
  options: { config: CxConfig; gapMs: number },
): KpiRows {
  const { config, gapMs } = options;
  const k = config.kpis;
  const events = selectJourneyEvents(all, filters) as TypedEvent[];
  const byChannel = new Map<string, TypedEvent[]>();
  for (const e of events) byChannel.set(e.channel, [...(byChannel.get(e.channel) ?? []), e]);
  const channels = [...byChannel]
    .map(([channel, list]) => ({
      channel,
      events: list.length,
      profiles: new Set(list.map((e) => e.profileId)).size,
    }))
    .sort((a, b) => compareText(a.channel, b.channel));
  const digital = (["web", "app"] as const).flatMap((channel) => {
    const list = byChannel.get(channel);
    return list ? [digitalRows(channel, list, config, gapMs)] : [];
  });
  const email = Object.fromEntries(EMAIL_STEPS.map((s) => [s, 0])) as Record<EmailStep, number>;
  const seen = new Set<string>();
  for (const e of events) {
    const step = EMAIL_STEPS.find((s) => matchesAny(k.email[s], e.event));
    if (!step) continue;
    const index = k.email.idProperties.findIndex((p) => jsonText(e.properties[p]) !== null);
    const id =
      index >= 0
        ? `${index + 1}:${jsonText(e.properties[k.email.idProperties[index] as string])}`
        : `m:${e.messageId}`;
    const key = JSON.stringify([step, e.profileId, id]);
    if (!seen.has(key)) email[step]++;
    seen.add(key);
  }
  const chats = events.flatMap((e) => {
    if (matchesAny(k.chat.started, e.event)) return [{ e, started: true }];
    return matchesAny(k.chat.ended, e.event) ? [{ e, started: false }] : [];
  });
  const calls = events.filter((e) => matchesAny(k.callCenter.calls, e.event));
  const numbers = (list: TypedEvent[], keys: readonly string[]) =>
    list.flatMap((e) => {
      const v = firstNumber(e.properties, keys);
      return v === null ? [] : [v];
    });
  return {
    channels,
    digital,
    email,
    chat: {
      started: chats.filter((c) => c.started).length,
      ended: chats.filter((c) => !c.started).length,
      resolved: chats.filter((c) => !c.started && isYes(c.e.properties[k.chat.resolvedProperty]))
        .length,
      firstResponseS: statOf(
        numbers(
          chats.map((c) => c.e),
          k.chat.firstResponseProperties,
        ),
      ),
    },
    callCenter: {
      calls: calls.length,
      withOutcome: calls.filter(
        (e) => jsonText(e.properties[k.callCenter.resolvedProperty]) !== null,
      ).length,
      resolved: calls.filter((e) => isYes(e.properties[k.callCenter.resolvedProperty])).length,
      handleTimeS: statOf(numbers(calls, k.callCenter.handleTimeProperties)),
      waitS: statOf(numbers(calls, k.callCenter.waitProperties)),
    },
  };
}

function digitalRows(
  channel: "web" | "app",
  list: TypedEvent[],
  config: CxConfig,
  gapMs: number,
): DigitalRows {
  const k = config.kpis;
  const byProfile = new Map<string, TypedEvent[]>();
  for (const e of list) byProfile.set(e.profileId, [...(byProfile.get(e.profileId) ?? []), e]);
  const sessions: TypedEvent[][] = [];
  const timeOnView: number[] = [];
  for (const trace of byProfile.values()) {
    trace.sort(compareEvents);
    trace.forEach((e, i) => {
      const previous = trace[i - 1];
      if (!previous || e.timestamp - previous.timestamp > gapMs) sessions.push([e]);
      else sessions.at(-1)?.push(e);
      const next = trace[i + 1];
      const isView = e.type === "page" || e.type === "screen";
      if (isView && next && next.timestamp - e.timestamp <= gapMs) {
        timeOnView.push(next.timestamp - e.timestamp);
      }
    });
  }
  const crashed = sessions.filter((s) => s.some((e) => matchesAny(k.crashEvents, e.event)));
  const days = new Map<number, Set<string>>();
  for (const e of list) {
    const day = Math.floor(e.timestamp / DAY_MS);
    days.set(day, (days.get(day) ?? new Set()).add(e.profileId));
  }
  const loads = list.flatMap((e) => {
    const v =
      e.type === "page" || e.type === "screen"
        ? firstNumber(e.properties, k.loadTimeProperties)
        : null;
    return v === null ? [] : [v];
  });
  return {
    channel,
    sessions: sessions.length,
    bounces: sessions.filter((s) => s.length === 1).length,
    users: byProfile.size,
    dailyActiveAvg: [...days.values()].reduce((s, p) => s + p.size, 0) / days.size,
    durationMs: statOf(sessions.map((s) => (s.at(-1)?.timestamp ?? 0) - (s[0]?.timestamp ?? 0))),
    converted: sessions.filter((s) => s.some((e) => matchesAny(k.conversionEvents, e.event)))
      .length,
    crashEvents: list.filter((e) => matchesAny(k.crashEvents, e.event)).length,
    crashedSessions: crashed.length,
    crashedUsers: new Set(crashed.map((s) => s[0]?.profileId)).size,
    timeOnViewMs: statOf(timeOnView),
    loadTimeMs: statOf(loads),
  };
}
