import {
  compareText,
  countBy,
  type JourneyEvent,
  percentileCont,
  profileTraces,
} from "./journey-log.ts";
import { selectJourneyEvents } from "./journey-select.ts";
import type { SessionsSpec } from "./specs.ts";

/**
 * Sessions: a profile's events across all channels, split where the time since the previous
 * event exceeds the inactivity gap.
 */
export interface Session {
  profileId: string;
  /** 1-based, in time order within the profile. */
  index: number;
  start: string;
  end: string;
  durationMs: number;
  events: number;
  /** Channels in the order they were first used in the session. */
  channels: string[];
  entry: string;
  exit: string;
}

export interface SessionsResult {
  gapMinutes: number;
  sessions: number;
  profiles: number;
  medianDurationMs: number | null;
  p90DurationMs: number | null;
  eventsPerSession: number | null;
  multiChannelSessions: number;
  /** The most frequent channel sequences, entry events and exit events. */
  channelPaths: { channels: string[]; sessions: number }[];
  entries: { event: string; sessions: number }[];
  exits: { event: string; sessions: number }[];
  /** Sessions by profile (code point order) and start, up to `limit`. */
  list: Session[];
}

export const CHANNEL_PATH_SEPARATOR = " > ";

/** Every session of the filtered journey events (the reference). */
export function sessionsOf(
  all: readonly JourneyEvent[],
  spec: SessionsSpec,
  gapMs: number,
): Session[] {
  const sessions: Session[] = [];
  const traces = profileTraces(selectJourneyEvents(all, spec));
  const profiles = [...traces.keys()].sort(compareText);
  for (const profileId of profiles) {
    if (spec.profile !== undefined && profileId !== spec.profile) continue;
    const trace = traces.get(profileId) ?? [];
    let current: JourneyEvent[] = [];
    const close = () => {
      if (current.length === 0) return;
      const first = current[0] as JourneyEvent;
      const last = current.at(-1) as JourneyEvent;
      sessions.push({
        profileId,
        index: sessions.filter((s) => s.profileId === profileId).length + 1,
        start: new Date(first.timestamp).toISOString(),
        end: new Date(last.timestamp).toISOString(),
        durationMs: last.timestamp - first.timestamp,
        events: current.length,
        channels: [...new Set(current.map((e) => e.channel))],
        entry: first.event as string,
        exit: last.event as string,
      });
    };
    trace.forEach((event, i) => {
      const previous = trace[i - 1];
      if (previous && event.timestamp - previous.timestamp > gapMs) {
        close();
        current = [];
      }
      current.push(event);
    });
    close();
  }
  return sessions;
}

/** Summary and top lists of a set of sessions. */
export function summariseSessions(
  sessions: Session[],
  spec: SessionsSpec,
  gapMinutes: number,
): SessionsResult {
  const durations = sessions.map((s) => s.durationMs);
  const top = <T>(items: [string, number][], make: (key: string, n: number) => T) =>
    items.slice(0, spec.top).map(([k, n]) => make(k, n));
  return {
    gapMinutes,
    sessions: sessions.length,
    profiles: new Set(sessions.map((s) => s.profileId)).size,
    medianDurationMs: round(percentileCont(durations, 0.5)),
    p90DurationMs: round(percentileCont(durations, 0.9)),
    eventsPerSession:
      sessions.length > 0 ? sessions.reduce((n, s) => n + s.events, 0) / sessions.length : null,
    multiChannelSessions: sessions.filter((s) => s.channels.length > 1).length,
    channelPaths: top(
      countBy(sessions, (s) => s.channels.join(CHANNEL_PATH_SEPARATOR)),
      (k, n) => ({
        channels: k.split(CHANNEL_PATH_SEPARATOR),
        sessions: n,
      }),
    ),
    entries: top(
      countBy(sessions, (s) => s.entry),
      (event, n) => ({ event, sessions: n }),
    ),
    exits: top(
      countBy(sessions, (s) => s.exit),
      (event, n) => ({ event, sessions: n }),
    ),
    list: sessions.slice(0, spec.limit),
  };
}

const round = (v: number | null) => (v === null ? null : Math.round(v));

/** The reference sessions result. */
export function sessionsReference(
  all: readonly JourneyEvent[],
  spec: SessionsSpec,
  gapMinutes: number,
) {
  return summariseSessions(sessionsOf(all, spec, gapMinutes * 60_000), spec, gapMinutes);
}
