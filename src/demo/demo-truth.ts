import {
  COMPLIANCE_WAIT_SECONDS,
  PATH,
  PLANTED_NPS_MEAN,
  TRANSFER_WINDOW_MINUTES,
} from "./demo-catalog.ts";
import type {
  ChannelGapTruth,
  ChurnTruth,
  DwellTruth,
  NpsTruth,
  SegmentMessage,
} from "./demo-types.ts";

// The realised truth, measured on the generated messages (grouped by the person who sent
// them), so that it states what the data shows rather than what was aimed for.

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
const ratio = (part: number, whole: number) => (whole === 0 ? 0 : round4(part / whole));
const channelOf = (m: SegmentMessage) => m.properties?.channel;
const isTrack = (m: SegmentMessage, event: string) => m.type === "track" && m.event === event;

/** Messages of each person, in time order. */
export function messagesByPerson(
  messages: readonly SegmentMessage[],
  personOf: readonly number[],
  persons: number,
): SegmentMessage[][] {
  const byPerson: SegmentMessage[][] = Array.from({ length: persons }, () => []);
  messages.forEach((message, i) => {
    byPerson[personOf[i] ?? -1]?.push(message);
  });
  return byPerson;
}

/** Index of the first message that ends the planted path, or -1. */
function pathEnd(sequence: readonly SegmentMessage[]): number {
  for (let i = 0; i + PATH.length <= sequence.length; i++) {
    const matches = PATH.every((step, k) => {
      const m = sequence[i + k];
      return m !== undefined && isTrack(m, step.event) && channelOf(m) === step.channel;
    });
    if (matches) return i + PATH.length - 1;
  }
  return -1;
}

export function churnTruth(byPerson: readonly SegmentMessage[][]): ChurnTruth {
  let holders = 0;
  let withPath = 0;
  let churnedWithPath = 0;
  let churnedWithout = 0;
  for (const sequence of byPerson) {
    if (!sequence.some((m) => m.userId !== undefined)) continue;
    holders++;
    const closed = sequence.findIndex((m) => isTrack(m, "Account Closed"));
    const end = pathEnd(sequence);
    const throughPath = end >= 0 && (closed < 0 || end < closed);
    if (throughPath) withPath++;
    if (closed >= 0 && throughPath) churnedWithPath++;
    if (closed >= 0 && !throughPath) churnedWithout++;
  }
  const churned = churnedWithPath + churnedWithout;
  return {
    churnEvent: "Account Closed",
    path: PATH.map((step) => ({ ...step })),
    plantedShareOfChurnedThroughPath: ratio(churnedWithPath, churned),
    churnRateWithPath: ratio(churnedWithPath, withPath),
    churnRateWithoutPath: ratio(churnedWithout, holders - withPath),
    churnedCount: churned,
    accountHolders: holders,
    customersWithPath: withPath,
  };
}

export function channelGapTruth(byPerson: readonly SegmentMessage[][]): ChannelGapTruth {
  const windowMs = TRANSFER_WINDOW_MINUTES * 60_000;
  const attempts = { channel: new Map<string, number>(), version: new Map<string, number>() };
  const completed = { channel: new Map<string, number>(), version: new Map<string, number>() };
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const sequence of byPerson) {
    sequence.forEach((start, i) => {
      if (!isTrack(start, "Transfer Started")) return;
      const startMs = Date.parse(start.timestamp);
      const outcome = nextOutcome(sequence, i);
      const success =
        outcome !== undefined &&
        isTrack(outcome, "Transfer Completed") &&
        Date.parse(outcome.timestamp) - startMs <= windowMs;
      const channel = String(channelOf(start));
      const version = channel === "app" ? start.context?.app?.version : undefined;
      bump(attempts.channel, channel);
      if (success) bump(completed.channel, channel);
      if (version !== undefined) {
        bump(attempts.version, version);
        if (success) bump(completed.version, version);
      }
    });
  }
  const rates = (kind: "channel" | "version") =>
    Object.fromEntries(
      [...attempts[kind]].sort().map(([key, n]) => [key, ratio(completed[kind].get(key) ?? 0, n)]),
    );
  return {
    task: "transfer",
    startEvent: "Transfer Started",
    successEvents: ["Transfer Completed"],
    failureEvents: ["Transfer Failed"],
    windowMinutes: TRANSFER_WINDOW_MINUTES,
    channel: "app",
    dimension: "context.app.version",
    value: "5.1.0",
    completionByChannel: rates("channel"),
    completionByAppVersion: rates("version"),
    attemptsByChannel: Object.fromEntries([...attempts.channel].sort()),
    attemptsByAppVersion: Object.fromEntries([...attempts.version].sort()),
  };
}

/** The first Completed or Failed after the start at `i`, unless another transfer starts first. */
function nextOutcome(sequence: readonly SegmentMessage[], i: number): SegmentMessage | undefined {
  for (let j = i + 1; j < sequence.length; j++) {
    const m = sequence[j];
    if (!m || isTrack(m, "Transfer Started")) return undefined;
    if (isTrack(m, "Transfer Completed") || isTrack(m, "Transfer Failed")) return m;
  }
  return undefined;
}

/** The planted long dwells: online international transfers that completed after the wait. */
export function dwellTruth(byPerson: readonly SegmentMessage[][]): DwellTruth {
  const counts = new Map<string, number>();
  for (const sequence of byPerson) {
    sequence.forEach((start, i) => {
      const channel = String(channelOf(start));
      if (channel !== "app" && channel !== "web") return;
      if (!isTrack(start, "Transfer Started")) return;
      if (start.properties?.transfer_type !== "international") return;
      const next = sequence[i + 1];
      if (next && isTrack(next, "Transfer Completed"))
        counts.set(channel, (counts.get(channel) ?? 0) + 1);
    });
  }
  return {
    from: "Transfer Started",
    to: "Transfer Completed",
    waitSeconds: [...COMPLIANCE_WAIT_SECONDS],
    longDwellsByChannel: Object.fromEntries([...counts].sort()),
  };
}

export function npsTruth(messages: readonly SegmentMessage[]): NpsTruth {
  const scores = new Map<string, number[]>();
  for (const m of messages) {
    if (!isTrack(m, "Survey Responded") || m.properties?.survey_type !== "nps") continue;
    const channel = String(channelOf(m));
    const list = scores.get(channel) ?? [];
    list.push(Number(m.properties.score));
    scores.set(channel, list);
  }
  const entries = [...scores].sort(([a], [b]) => a.localeCompare(b));
  const per = (f: (list: number[]) => number) =>
    Object.fromEntries(entries.map(([channel, list]) => [channel, f(list)]));
  return {
    plantedMeanByChannel: { ...PLANTED_NPS_MEAN },
    meanByChannel: per((list) => round4(list.reduce((a, b) => a + b, 0) / list.length)),
    npsByChannel: per((list) => {
      const promoters = list.filter((s) => s >= 9).length;
      const detractors = list.filter((s) => s <= 6).length;
      return Math.round(((promoters - detractors) / list.length) * 1000) / 10;
    }),
    responsesByChannel: per((list) => list.length),
  };
}
