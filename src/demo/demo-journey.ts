import {
  abandonedApplication,
  awarenessSession,
  considerationSession,
  purchaseSession,
} from "./demo-acquisition.ts";
import { DEMO_RATES, PERSONA_PROFILES, type SessionKind } from "./demo-catalog.ts";
import type { JourneyEmitter } from "./demo-emitter.ts";
import {
  branchSession,
  callSession,
  chatSession,
  closeSession,
  smsSession,
  storeSession,
} from "./demo-service-sessions.ts";
import { appSession, breakpointSession, emailSession, webSession } from "./demo-sessions.ts";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

type Entry = { time: number; kind: "regular" | "crm" | "breakpoint" | "close" | "borrowed" };

/**
 * One person's whole journey inside the window: awareness → consideration → purchase for new
 * customers, then service contacts, CRM syncs, the planted breakpoint and churn.
 */
export function writeJourney(w: JourneyEmitter, window: { startMs: number; endMs: number }): void {
  const { rng, customer: c } = w;
  const { startMs, endMs } = window;
  const span = endMs - startMs;
  const latest = endMs - 3 * HOUR;
  const profile = PERSONA_PROFILES[c.persona];
  const business = (kind: string) => ["branch", "call_center", "store", "close"].includes(kind);
  // Contacts happen at waking hours (business hours for branch, phone and store), US Eastern.
  const begin = (ms: number, kind: string): boolean => {
    const day = Math.floor(ms / DAY) * DAY;
    const local = business(kind) ? rng.between(9, 17) : rng.between(7, 23);
    const at = Math.max(day + (local + 5) * HOUR, startMs + 60_000);
    if (at > latest || w.now + 20 * 60_000 > latest) return false;
    w.startSession(at);
    return true;
  };

  let since: number;
  let from: number;
  const entries: Entry[] = [];
  if (c.lifecycle === "existing") {
    since = -Infinity;
    from = startMs + rng.between(0, Math.min(12 * DAY, 0.15 * span));
    w.signedUp = true;
    // A known customer logs in first, so their profile carries an email or phone.
    const device = c.device ?? c.borrowedDevice;
    if (!begin(from, "web")) return;
    if (device && rng.chance(0.6)) appSession(w, device, 365);
    else webSession(w, c.browsers[0] ?? "", 365);
    entries.push({ time: from + rng.between(0, 40) * DAY, kind: "crm" });
  } else {
    let t = startMs + rng.between(0.01, 0.75) * span;
    if (!begin(t, "web")) return;
    awarenessSession(w);
    for (let i = rng.int(1, 3); i > 0; i--) {
      t = w.now + rng.between(0.5, 8) * DAY;
      if (!begin(t, "web")) return;
      considerationSession(w);
    }
    if (c.lifecycle === "prospect") {
      if (rng.chance(0.4) && begin(w.now + rng.between(0.5, 5) * DAY, "web"))
        abandonedApplication(w);
      return;
    }
    const where =
      c.persona === "branch_traditional" ? "branch" : c.device && rng.chance(0.3) ? "app" : "web";
    if (!begin(w.now + rng.between(0.2, 6) * DAY, where)) return;
    purchaseSession(w, where);
    since = w.now;
    from = w.now + DAY;
    entries.push({ time: since + rng.between(0.5, 3) * DAY, kind: "crm" });
  }
  if (rng.chance(0.3)) entries.push({ time: from + rng.between(20, 100) * DAY, kind: "crm" });
  if (c.borrowedDevice) entries.push({ time: from + rng.between(1, 10) * DAY, kind: "borrowed" });

  const activity = rng.between(0.6, 1.6);
  for (let t = from; ; ) {
    t += Math.max(0.25, rng.exponential(profile.meanGapDays * activity)) * DAY;
    if (t > latest) break;
    entries.push({ time: t, kind: "regular" });
  }

  let breakpointAt: number | undefined;
  const low = Math.max(from + 2 * DAY, startMs + 7 * DAY);
  const high = endMs - 25 * DAY;
  if (c.onPath && low < high) breakpointAt = rng.between(low, high);
  let closeAt: number | undefined;
  if (breakpointAt !== undefined) {
    entries.push({ time: breakpointAt, kind: "breakpoint" });
    if (rng.chance(DEMO_RATES.pathChurn)) closeAt = breakpointAt + rng.between(2, 20) * DAY;
  } else if (rng.chance(DEMO_RATES.baselineChurn) && from + 10 * DAY < endMs - DAY) {
    closeAt = rng.between(from + 10 * DAY, endMs - DAY);
  }
  const plan = entries
    .filter((e) => closeAt === undefined || e.time < closeAt)
    .concat(closeAt === undefined ? [] : [{ time: closeAt, kind: "close" }])
    .sort((a, b) => a.time - b.time);

  for (const entry of plan) {
    const kind = entry.kind === "regular" ? pickKind(w) : entry.kind;
    if (!begin(entry.time, kind)) continue;
    const age = (w.now - since) / DAY;
    runSession(w, kind, age, breakpointAt !== undefined);
  }
}

function pickKind(w: JourneyEmitter): SessionKind {
  const c = w.customer;
  const weights = { ...PERSONA_PROFILES[c.persona].sessions };
  if (!c.device && !c.borrowedDevice) weights.app = 0;
  if (c.digitalEmail !== c.identity.email) weights.email = 0;
  return w.rng.weighted(weights);
}

function runSession(w: JourneyEmitter, kind: string, age: number, afterBreakpoint: boolean): void {
  const c = w.customer;
  const rng = w.rng;
  switch (kind) {
    case "crm":
      w.crmIdentify();
      break;
    case "breakpoint": {
      const device = c.device ?? c.borrowedDevice;
      if (device) breakpointSession(w, device);
      break;
    }
    case "close":
      closeSession(w, afterBreakpoint);
      break;
    case "borrowed":
      if (c.borrowedDevice) appSession(w, c.borrowedDevice, age);
      break;
    case "app": {
      const device =
        c.device && !(c.borrowedDevice && rng.chance(0.35)) ? c.device : c.borrowedDevice;
      if (device) appSession(w, device, age);
      break;
    }
    case "web":
      webSession(w, rng.pick(c.browsers), age);
      break;
    case "email":
      emailSession(w, age);
      break;
    case "sms":
      smsSession(w);
      break;
    case "chat":
      chatSession(w);
      break;
    case "call_center":
      callSession(w);
      break;
    case "branch":
      branchSession(w);
      break;
    case "store":
      storeSession(w);
      break;
  }
}
