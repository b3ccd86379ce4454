import { resolveChannel } from "../core/channel.ts";
import {
  ANDROID_MODELS,
  APP_VERSIONS,
  BUGGY_APP_VERSION,
  DEMO_RATES,
  IOS_MODELS,
  PERSONA_PROFILES,
  PRODUCTS,
} from "./demo-catalog.ts";
import { type AppDevice, type DemoCustomer, type Draft, JourneyEmitter } from "./demo-emitter.ts";
import { writeGlances } from "./demo-glances.ts";
import { IdentityFactory, PLACEHOLDER_EMAILS, PLACEHOLDER_PHONES } from "./demo-identities.ts";
import { IdentityLedger } from "./demo-identity-ledger.ts";
import { DAY, writeJourney } from "./demo-journey.ts";
import { messageIdFor, Rng } from "./demo-random.ts";
import {
  channelGapTruth,
  churnTruth,
  dwellTruth,
  messagesByPerson,
  npsTruth,
} from "./demo-truth.ts";
import {
  type DemoData,
  type DemoOptions,
  PERSONAS,
  type Persona,
  type SegmentMessage,
} from "./demo-types.ts";

export type * from "./demo-types.ts";
export { DEMO_CHANNELS, PERSONAS } from "./demo-types.ts";

const DEFAULT_CUSTOMERS = 3000;
const DEFAULT_SEED = 42;
const DEFAULT_DAYS = 120;

/**
 * Segment messages of a bank's customers on every channel over a time window, with planted
 * findings (identity traps, a churn-driving breakpoint path, an app-version channel gap, NPS by
 * channel) and the truth about them measured on the generated data. Deterministic per seed.
 * Messages of one device or browser share their `context` object: treat messages as read-only.
 */
export function generateDemo(options: DemoOptions & { end: Date }): DemoData {
  const customers = options.customers ?? DEFAULT_CUSTOMERS;
  const seed = options.seed ?? DEFAULT_SEED;
  const endMs = options.end.getTime();
  const startMs = options.start?.getTime() ?? endMs - DEFAULT_DAYS * DAY;
  if (!Number.isInteger(customers) || customers < 1) {
    throw new RangeError(`customers must be a positive integer, got ${customers}`);
  }
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs - startMs < DAY) {
    throw new RangeError("start must be a valid date at least one day before end");
  }

  const rng = new Rng(seed);
  const plan = planCustomers(rng, customers);
  const entries: { person: number; time: number; message: SegmentMessage }[] = [];
  const sink = {
    emit: (person: number, time: number, draft: Draft) => {
      const message = draft as SegmentMessage;
      message.messageId = messageIdFor(seed, entries.length);
      message.timestamp = new Date(time).toISOString();
      entries.push({ person, time, message });
    },
  };
  for (const customer of plan) {
    writeJourney(new JourneyEmitter(customer, rng, { startMs, endMs }, sink), { startMs, endMs });
  }
  const byPersonSoFar: { time: number; anonymousId?: string }[][] = plan.map(() => []);
  for (const { person, time, message } of entries) {
    byPersonSoFar[person]?.push({ time, anonymousId: message.anonymousId });
  }
  writeGlances(plan, byPersonSoFar, { seed, startMs, endMs, sink });
  // Stable: messages of one instant keep the order they were written in.
  entries.sort((a, b) => a.time - b.time);
  const messages = entries.map((e) => e.message);
  const ledger = new IdentityLedger();
  for (const { person, message } of entries) ledger.observe(person, message);
  const byPerson = messagesByPerson(
    messages,
    entries.map((e) => e.person),
    customers,
  );
  const counts = Object.fromEntries(PERSONAS.map((p) => [p, 0])) as Record<Persona, number>;
  for (const c of plan) counts[c.persona]++;

  return {
    messages,
    truth: {
      seed,
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
      customers,
      identity: ledger.result(plan.map((c) => c.personId)),
      churn: churnTruth(byPerson),
      channelGap: channelGapTruth(byPerson),
      dwell: dwellTruth(byPerson),
      nps: npsTruth(messages),
      personas: { byPerson: Object.fromEntries(plan.map((c) => [c.personId, c.persona])), counts },
    },
  };
}

export interface DemoSummary {
  messages: number;
  customers: number;
  /** Persons with a userId; the rest only ever browsed anonymously. */
  identifiedCustomers: number;
  byChannel: Record<string, number>;
  byType: Record<string, number>;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
}

/** Counts for printing after a demo load. Channels are resolved as ingestion resolves them. */
export function demoSummary(data: DemoData): DemoSummary {
  const byChannel: Record<string, number> = {};
  const byType: Record<string, number> = {};
  for (const m of data.messages) {
    const channel = resolveChannel({
      type: m.type,
      properties: m.properties ?? {},
      context: (m.context ?? {}) as Record<string, unknown>,
    });
    byChannel[channel] = (byChannel[channel] ?? 0) + 1;
    byType[m.type] = (byType[m.type] ?? 0) + 1;
  }
  const persons = Object.values(data.truth.identity.persons);
  const sortDesc = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).sort(([, a], [, b]) => b - a));
  return {
    messages: data.messages.length,
    customers: persons.length,
    identifiedCustomers: persons.filter((p) => p.userIds.length > 0).length,
    byChannel: sortDesc(byChannel),
    byType: sortDesc(byType),
    firstTimestamp: data.messages[0]?.timestamp ?? null,
    lastTimestamp: data.messages[data.messages.length - 1]?.timestamp ?? null,
  };
}

function planCustomers(rng: Rng, count: number): DemoCustomer[] {
  const factory = new IdentityFactory(rng);
  const shares = Object.fromEntries(PERSONAS.map((p) => [p, PERSONA_PROFILES[p].share]));
  const width = String(count).length;
  const plan: DemoCustomer[] = [];
  for (let index = 0; index < count; index++) {
    const persona = rng.weighted(shares) as Persona;
    const language = rng.chance(DEMO_RATES.chineseShare) ? "zh" : "en";
    const lifecycle = !rng.chance(DEMO_RATES.newShare)
      ? "existing"
      : rng.chance(DEMO_RATES.prospectShareOfNew)
        ? "prospect"
        : "new";
    const identity = factory.create(language);
    const fakeEmail = lifecycle !== "prospect" && rng.chance(DEMO_RATES.placeholderEmailShare);
    const fakePhone = !fakeEmail && rng.chance(DEMO_RATES.placeholderPhoneShare);
    const givesPhone = fakeEmail || rng.chance(0.6);
    const browsers = [factory.anonymousId()];
    if (rng.chance(0.35)) browsers.push(factory.anonymousId());
    const appUser = lifecycle !== "prospect" && rng.chance(PERSONA_PROFILES[persona].appUser);
    plan.push({
      index,
      personId: `person-${String(index + 1).padStart(width, "0")}`,
      persona,
      language,
      lifecycle,
      identity,
      digitalEmail: fakeEmail ? rng.pick(PLACEHOLDER_EMAILS) : identity.email,
      digitalPhone: fakePhone
        ? rng.pick(PLACEHOLDER_PHONES)
        : givesPhone
          ? identity.phone
          : undefined,
      crmEmailStyle: rng.float(),
      plan: rng.weighted({ basic: 5, plus: 3, premier: persona === "branch_traditional" ? 3 : 1 }),
      segment: rng.weighted({
        mass_market: 6,
        affluent: 2,
        student: persona === "digital_native" ? 3 : 1,
        small_business: 1,
      }),
      browsers,
      device: appUser ? makeDevice(rng, factory) : undefined,
      borrowedDevice: undefined,
      onPath: false,
      interest: rng.pick(PRODUCTS),
    });
  }
  shareDevices(rng, factory, plan);
  choosePath(rng, plan);
  return plan;
}

function makeDevice(rng: Rng, factory: IdentityFactory): AppDevice {
  const type = rng.chance(0.55) ? "ios" : "android";
  return {
    id: factory.deviceId(type),
    anonymousId: factory.anonymousId(),
    type,
    model: rng.pick(type === "ios" ? IOS_MODELS.slice(0, 3) : ANDROID_MODELS),
    osVersion: type === "ios" ? rng.pick(["17.4", "17.5.1", "18.0"]) : rng.pick(["13", "14"]),
    appVersion: rng.weighted(APP_VERSIONS),
    shared: false,
  };
}

/** Family tablets: an app user's device that another account holder also logs in on. */
function shareDevices(rng: Rng, factory: IdentityFactory, plan: DemoCustomer[]): void {
  const holders = plan.filter((c) => c.lifecycle !== "prospect");
  const wanted = Math.max(2, Math.round(plan.length / DEMO_RATES.personsPerSharedDevice));
  const taken = new Set<number>();
  for (let attempt = 0; attempt < wanted * 20 && taken.size < wanted * 2; attempt++) {
    const owner = rng.pick(holders);
    if (!owner.device || taken.has(owner.index)) continue;
    const family = holders.filter(
      (c) =>
        c.index !== owner.index && !taken.has(c.index) && c.identity.city === owner.identity.city,
    );
    if (family.length === 0) continue;
    const other = rng.pick(family);
    const id = factory.deviceId("ios");
    owner.device = {
      ...owner.device,
      id,
      type: "ios",
      model: "iPad13,1",
      osVersion: "17.5.1",
      shared: true,
    };
    other.borrowedDevice = owner.device;
    taken.add(owner.index).add(other.index);
  }
}

/** Account holders with the app sent down the breakpoint path, more often on the buggy version. */
function choosePath(rng: Rng, plan: DemoCustomer[]): void {
  const holders = plan.filter((c) => c.lifecycle !== "prospect");
  const wanted = Math.round(holders.length * DEMO_RATES.pathShare);
  // Weighted sampling without replacement (Efraimidis–Spirakis keys).
  const keyed = holders
    .map((c) => {
      const device = c.device ?? c.borrowedDevice;
      if (!device) return { c, key: -1 };
      const weight =
        device.appVersion === BUGGY_APP_VERSION ? DEMO_RATES.pathWeightOnBuggyVersion : 1;
      return { c, key: rng.float() ** (1 / weight) };
    })
    .filter((k) => k.key >= 0)
    .sort((a, b) => b.key - a.key);
  for (const { c } of keyed.slice(0, wanted)) c.onPath = true;
}
