/** Channels the demo data uses (a subset of the known channels, DESIGN §3). */
export const DEMO_CHANNELS = [
  "web",
  "app",
  "email",
  "chat",
  "call_center",
  "branch",
  "store",
  "crm",
  "sms",
] as const;
export type DemoChannel = (typeof DEMO_CHANNELS)[number];

export const PERSONAS = [
  "digital_native",
  "web_researcher",
  "branch_traditional",
  "phone_reliant",
  "shopper",
] as const;
export type Persona = (typeof PERSONAS)[number];

export interface SegmentContext {
  traits?: Record<string, unknown>;
  app?: { name?: string; version: string; build?: string };
  device?: { id: string; type: string; manufacturer?: string; model?: string };
  os?: { name: string; version?: string };
  library?: { name: string; version?: string };
  channel?: string;
  campaign?: { name: string; source: string; medium: string };
  locale?: string;
  userAgent?: string;
  page?: { path: string; url: string; title: string; referrer?: string };
}

/** One message as a Segment client sends it (the Segment spec). */
export interface SegmentMessage {
  type: "track" | "identify" | "page" | "screen" | "alias";
  messageId: string;
  userId?: string;
  anonymousId?: string;
  /** alias only: the identifier being linked to `userId`. */
  previousId?: string;
  event?: string;
  name?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: SegmentContext;
  timestamp: string;
}

/**
 * Identifiers that belong to one real person. Identifiers used by several persons (shared
 * devices, placeholder emails and phones) are listed in `traps` instead, never here.
 */
export interface TruePerson {
  /** Every userId on the person's messages: the login id and the CRM contact id. */
  userIds: string[];
  anonymousIds: string[];
  /** Trimmed and lower-cased. */
  emails: string[];
  /** E.164. */
  phones: string[];
  crmIds: string[];
}

export interface IdentityTraps {
  /** `context.device.id` values used by two different persons (a family tablet). */
  sharedDevices: string[];
  /** The anonymousIds of those shared app installs. */
  sharedAnonymousIds: string[];
  /** Placeholder emails as sent (several persons give the same one). */
  placeholderEmails: string[];
  /** Placeholder phones as sent. */
  placeholderPhones: string[];
}

export interface ChurnTruth {
  churnEvent: "Account Closed";
  path: { event: string; channel: DemoChannel }[];
  /** Share of churned customers whose messages contain the path (consecutively) before churn. */
  plantedShareOfChurnedThroughPath: number;
  /** Churned share among account holders who went through the path. */
  churnRateWithPath: number;
  /** Churned share among account holders who did not. */
  churnRateWithoutPath: number;
  churnedCount: number;
  /** Persons with a userId (prospects who never signed up cannot churn). */
  accountHolders: number;
  customersWithPath: number;
}

export interface ChannelGapTruth {
  task: "transfer";
  startEvent: "Transfer Started";
  successEvents: ["Transfer Completed"];
  failureEvents: ["Transfer Failed"];
  windowMinutes: number;
  channel: "app";
  dimension: "context.app.version";
  value: "5.1.0";
  /** Share of `Transfer Started` followed by `Transfer Completed` within the window. */
  completionByChannel: Record<string, number>;
  completionByAppVersion: Record<string, number>;
  attemptsByChannel: Record<string, number>;
  attemptsByAppVersion: Record<string, number>;
}

export interface DwellTruth {
  from: "Transfer Started";
  to: "Transfer Completed";
  /** The planted wait of online international transfers (`COMPLIANCE_WAIT_SECONDS`). */
  waitSeconds: [number, number];
  /** Per channel (app, web): international `Transfer Started` followed by `Transfer Completed`. */
  longDwellsByChannel: Record<string, number>;
}

export interface NpsTruth {
  /** Mean NPS score (0–10) each channel's responses were drawn around. */
  plantedMeanByChannel: Record<string, number>;
  /** Realised mean score per `properties.channel`. */
  meanByChannel: Record<string, number>;
  /** Realised NPS (% promoters 9–10 minus % detractors 0–6) per channel. */
  npsByChannel: Record<string, number>;
  responsesByChannel: Record<string, number>;
}

export interface DemoTruth {
  seed: number;
  start: string;
  end: string;
  customers: number;
  identity: { persons: Record<string, TruePerson>; traps: IdentityTraps };
  churn: ChurnTruth;
  channelGap: ChannelGapTruth;
  dwell: DwellTruth;
  nps: NpsTruth;
  /** The behaviour profile each person was generated from (for clustering checks). */
  personas: { byPerson: Record<string, Persona>; counts: Record<Persona, number> };
}

export interface DemoOptions {
  /** Number of persons, prospects included (default 3000). */
  customers?: number;
  /** PRNG seed (default 42). */
  seed?: number;
  /** Default: 120 days before `end`. */
  start?: Date;
  end?: Date;
}

export interface DemoData {
  messages: SegmentMessage[];
  truth: DemoTruth;
}
