import { compareText } from "../journeys/journey-log.ts";
import type { StageModel } from "../journeys/stage-model.ts";
import type { CxConfig } from "./cx-config.ts";
import type { StageSignals } from "./cx-rows.ts";
import type { DigitalRows, KpiRows, Stat } from "./kpis-reference.ts";

/** Channel KPIs as the API and CLI return them (docs/cx.md). Rates are ratios (0–1). */
export interface DigitalKpis {
  sessions: number;
  activeUsers: number;
  dailyActiveUsersAvg: number;
  bounceRate: number | null;
  conversionRate: number | null;
  sessionSeconds: Stat;
  /** Time on page (web) or screen (app): to the next event of the session. */
  timeOnViewSeconds: Stat;
  /** Only where the events send a load time. */
  loadTimeMs: Stat | null;
  /** Only when crash events are sent at all. */
  crashFreeSessionRate: number | null;
  crashFreeUserRate: number | null;
}

export interface ProcessKpi {
  name: string;
  start: string;
  complete: string;
  windowMinutes: number;
  started: number;
  completed: number;
  conversionRate: number | null;
  abandonmentRate: number | null;
  medianMinutesToComplete: number | null;
}

export interface KpisResult {
  gapMinutes: number;
  channels: { channel: string; events: number; profiles: number }[];
  web: DigitalKpis | null;
  app: DigitalKpis | null;
  email: {
    counts: KpiRows["email"];
    deliveryRate: number | null;
    bounceRate: number | null;
    openRate: number | null;
    clickThroughRate: number | null;
    clickToOpenRate: number | null;
    unsubscribeRate: number | null;
  };
  chat: {
    chats: number;
    ended: number;
    resolved: number;
    resolutionRate: number | null;
    firstResponseSeconds: Stat;
  };
  callCenter: {
    calls: number;
    resolutionRate: number | null;
    handleTimeSeconds: Stat;
    waitSeconds: Stat;
  };
  stages: {
    stage: string;
    profiles: number;
    progressed: number;
    conversionRate: number | null;
    abandonmentRate: number | null;
  }[];
  processes: ProcessKpi[];
  notes: KpiNote[];
}

const r = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
/** A ratio (0–1) to six decimals, as the other analyses give rates. */
const ratio = (x: number) => Math.round(x * 1e6) / 1e6;
/** part / whole as a ratio (0–1), null without a whole. */
export const rate = (part: number, whole: number) => (whole > 0 ? ratio(part / whole) : null);
const scaled = (s: Stat, factor: number): Stat => ({
  n: s.n,
  mean: s.mean === null ? null : r(s.mean * factor),
  median: s.median === null ? null : r(s.median * factor),
  p90: s.p90 === null ? null : r(s.p90 * factor),
});

function digital(d: DigitalRows | undefined): DigitalKpis | null {
  if (!d) return null;
  return {
    sessions: d.sessions,
    activeUsers: d.users,
    dailyActiveUsersAvg: r(d.dailyActiveAvg) as number,
    bounceRate: rate(d.bounces, d.sessions),
    conversionRate: rate(d.converted, d.sessions),
    sessionSeconds: scaled(d.durationMs, 1 / 1000),
    timeOnViewSeconds: scaled(d.timeOnViewMs, 1 / 1000),
    loadTimeMs: d.loadTimeMs.n > 0 ? scaled(d.loadTimeMs, 1) : null,
    crashFreeSessionRate:
      d.crashEvents > 0 ? rate(d.sessions - d.crashedSessions, d.sessions) : null,
    crashFreeUserRate: d.crashEvents > 0 ? rate(d.users - d.crashedUsers, d.users) : null,
  };
}

/** Why a KPI is missing: a code (the dashboard words it per language) and the CLI's text. */
export interface KpiNote {
  code: "no_crash_events" | "no_load_time" | "no_delivery_events";
  channel: "web" | "app" | "email";
  text: string;
}

export function kpisResult(
  rows: KpiRows,
  stages: StageSignals[],
  processes: ProcessKpi[],
  options: { model: StageModel; config: CxConfig; gapMinutes: number },
): KpisResult {
  const { model } = options;
  const e = rows.email;
  const sentBase = e.sent > 0 ? e.sent : e.delivered + e.bounced;
  const notes: KpiNote[] = [];
  const web = digital(rows.digital.find((d) => d.channel === "web"));
  const app = digital(rows.digital.find((d) => d.channel === "app"));
  if (app && app.crashFreeSessionRate === null) {
    notes.push({
      code: "no_crash_events",
      channel: "app",
      text: "app: no crash events (cx.kpis.crashEvents) were sent, so no crash-free rate",
    });
  }
  for (const [name, d] of [
    ["web", web],
    ["app", app],
  ] as const) {
    if (d && d.loadTimeMs === null) {
      notes.push({
        code: "no_load_time",
        channel: name,
        text: `${name}: no load time property (cx.kpis.loadTimeProperties) was sent`,
      });
    }
  }
  if (e.delivered === 0 && e.opened > 0) {
    notes.push({
      code: "no_delivery_events",
      channel: "email",
      text: "email: no delivery events, so rates over deliveries are missing",
    });
  }
  return {
    gapMinutes: options.gapMinutes,
    channels: [...rows.channels].sort(
      (a, b) => b.events - a.events || compareText(a.channel, b.channel),
    ),
    web,
    app,
    email: {
      counts: e,
      deliveryRate: rate(e.delivered, sentBase),
      bounceRate: rate(e.bounced, sentBase),
      openRate: rate(e.opened, e.delivered),
      clickThroughRate: rate(e.clicked, e.delivered),
      clickToOpenRate: rate(e.clicked, e.opened),
      unsubscribeRate: rate(e.unsubscribed, e.delivered),
    },
    chat: {
      chats: rows.chat.started > 0 ? rows.chat.started : rows.chat.ended,
      ended: rows.chat.ended,
      resolved: rows.chat.resolved,
      resolutionRate: rate(
        rows.chat.resolved,
        rows.chat.started > 0 ? rows.chat.started : rows.chat.ended,
      ),
      firstResponseSeconds: scaled(rows.chat.firstResponseS, 1),
    },
    callCenter: {
      calls: rows.callCenter.calls,
      resolutionRate: rate(rows.callCenter.resolved, rows.callCenter.withOutcome),
      handleTimeSeconds: scaled(rows.callCenter.handleTimeS, 1),
      waitSeconds: scaled(rows.callCenter.waitS, 1),
    },
    stages: model.stages.map((stage, i) => {
      const s = stages.find((x) => x.stage === i);
      const profiles = s?.profiles ?? 0;
      const last = i === model.stages.length - 1;
      const conversion = last ? null : rate(s?.progressed ?? 0, profiles);
      return {
        stage: stage.name,
        profiles,
        progressed: last ? 0 : (s?.progressed ?? 0),
        conversionRate: conversion,
        abandonmentRate: conversion === null ? null : ratio(1 - conversion),
      };
    }),
    processes,
    notes,
  };
}
