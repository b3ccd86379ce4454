import { APP_NAME, type Product, WEB_ORIGIN } from "./demo-catalog.ts";
import type { Language } from "./demo-comments.ts";
import { crmEmail, type Identity, phoneFormats } from "./demo-identities.ts";
import type { Rng } from "./demo-random.ts";
import type { DemoChannel, Persona, SegmentContext, SegmentMessage } from "./demo-types.ts";

export interface AppDevice {
  id: string;
  anonymousId: string;
  type: "ios" | "android";
  model: string;
  osVersion: string;
  appVersion: string;
  /** A family tablet that two persons log in on. */
  shared: boolean;
}

export interface DemoCustomer {
  index: number;
  personId: string;
  persona: Persona;
  language: Language;
  lifecycle: "existing" | "new" | "prospect";
  identity: Identity;
  /** The email typed on the web and in the app: the real one or a placeholder. */
  digitalEmail: string;
  /** The phone typed on the web and in the app (digits or a placeholder), if any. */
  digitalPhone: string | undefined;
  crmEmailStyle: number;
  plan: string;
  segment: string;
  /** anonymousIds of the person's browsers. */
  browsers: string[];
  device: AppDevice | undefined;
  /** A family member's tablet this person also logs in on. */
  borrowedDevice: AppDevice | undefined;
  onPath: boolean;
  /** The product that brought a new customer in (the ad they clicked, what they apply for). */
  interest: Product;
}

/** A message before the sink stamps its `messageId` and `timestamp` (left empty). */
export type Draft = SegmentMessage;

export interface Sink {
  emit(person: number, time: number, message: Draft): void;
}

/** Where a message comes from: a browser, an app install, or a back-office system. */
export type Surface =
  | { kind: "web"; anonymousId: string }
  | { kind: "app"; device: AppDevice }
  | { kind: "server"; channel: DemoChannel; anonymousId?: string };

const USER_AGENTS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
];
const SERVER_LIBRARY = { name: "analytics-node", version: "2.1.0" };

type Part = Omit<SegmentMessage, "messageId" | "timestamp">;

export const channelOf = (surface: Surface): DemoChannel =>
  surface.kind === "server" ? surface.channel : surface.kind;

/** Writes one customer's messages in time order, with the ids and context of each surface. */
export class JourneyEmitter {
  now: number;
  signedUp = false;
  private readonly loggedIn = new Set<string>();
  private readonly contexts = new Map<string, SegmentContext>();

  constructor(
    readonly customer: DemoCustomer,
    readonly rng: Rng,
    private readonly window: { startMs: number; endMs: number },
    private readonly sink: Sink,
  ) {
    this.now = window.startMs;
  }

  /** Moves the clock to a session start, at least 20 minutes after the last message. */
  startSession(ms: number): void {
    this.now = Math.max(ms, this.now + 20 * 60_000);
  }

  wait(minSeconds: number, maxSeconds: number): void {
    this.now += Math.round(this.rng.between(minSeconds, maxSeconds) * 1000);
  }

  isLoggedIn(surface: Surface): boolean {
    if (surface.kind === "web") return this.loggedIn.has(surface.anonymousId);
    if (surface.kind === "app") return this.loggedIn.has(surface.device.id);
    return this.signedUp;
  }

  track(surface: Surface, event: string, properties: Record<string, unknown> = {}): void {
    const props = { channel: channelOf(surface), ...properties };
    this.send(surface, { type: "track", event, properties: props });
  }

  page(browser: string, name: string, path: string): void {
    const url = `${WEB_ORIGIN}${path}`;
    const surface: Surface = { kind: "web", anonymousId: browser };
    this.send(
      surface,
      { type: "page", name, properties: { path, url, title: `${name} | Journey Bank` } },
      { page: { path, url, title: `${name} | Journey Bank` } },
    );
  }

  screen(device: AppDevice, name: string): void {
    this.send({ kind: "app", device }, { type: "screen", name, properties: {} });
  }

  /** A login (web, app) or a back-office identification (branch, call centre). */
  identify(surface: Surface): void {
    const { identity: id, digitalEmail, digitalPhone } = this.customer;
    const traits: Record<string, unknown> = { email: digitalEmail };
    if (digitalPhone !== undefined) traits.phone = this.formatPhone(surface, digitalPhone);
    traits.name = `${id.firstName} ${id.lastName}`;
    if (surface.kind !== "app") {
      Object.assign(traits, { first_name: id.firstName, last_name: id.lastName, city: id.city });
      Object.assign(traits, { plan: this.customer.plan, segment: this.customer.segment });
    }
    this.signedUp = true;
    if (surface.kind === "web") this.loggedIn.add(surface.anonymousId);
    if (surface.kind === "app") this.loggedIn.add(surface.device.id);
    const extra = surface.kind === "server" ? { channel: surface.channel } : undefined;
    this.send(surface, { type: "identify", traits }, extra);
  }

  /** A CRM record sync: its own contact id as userId, email and phone in CRM spelling. */
  crmIdentify(): void {
    const c = this.customer;
    const traits = {
      crm_id: c.identity.crmId,
      email: crmEmail(c.identity.email, c.crmEmailStyle),
      phone: phoneFormats.crm(c.identity.phone),
      name: `${c.identity.firstName} ${c.identity.lastName}`,
      city: c.identity.city,
      plan: c.plan,
      segment: c.segment,
    };
    this.emit({
      type: "identify",
      messageId: "",
      userId: c.identity.crmId,
      traits,
      context: { channel: "crm", library: { name: "crm-sync", version: "3.2.0" } },
      timestamp: "",
    });
  }

  alias(browser: string): void {
    this.send({ kind: "web", anonymousId: browser }, { type: "alias", previousId: browser });
  }

  private formatPhone(surface: Surface, phone: string): string {
    if (phone.startsWith("000")) return phone;
    if (surface.kind === "web") return phoneFormats.web(phone);
    if (surface.kind === "app") return phoneFormats.app(phone);
    return phoneFormats.crm(phone);
  }

  private send(surface: Surface, draft: Part, extraContext?: SegmentContext): void {
    // Built key by key (no spreads): this runs 10⁵ times per demo.
    const loggedIn = this.isLoggedIn(surface) || draft.type === "alias";
    const message: SegmentMessage = { type: draft.type, messageId: "", timestamp: "" };
    if (loggedIn) message.userId = this.customer.identity.userId;
    const anonymousId =
      surface.kind === "web"
        ? surface.anonymousId
        : surface.kind === "app"
          ? surface.device.anonymousId
          : loggedIn
            ? undefined
            : surface.anonymousId;
    if (anonymousId !== undefined) message.anonymousId = anonymousId;
    if (draft.previousId !== undefined) message.previousId = draft.previousId;
    if (draft.event !== undefined) message.event = draft.event;
    if (draft.name !== undefined) message.name = draft.name;
    if (draft.properties !== undefined) message.properties = draft.properties;
    if (draft.traits !== undefined) message.traits = draft.traits;
    const shared = this.context(surface);
    message.context = extraContext ? { ...shared, ...extraContext } : shared;
    this.emit(message);
  }

  private emit(draft: Draft): void {
    if (this.now > this.window.startMs && this.now < this.window.endMs) {
      this.sink.emit(this.customer.index, this.now, draft);
    }
    this.now += 1000;
  }

  // Messages from one surface share their (read-only) context object: fewer allocations.
  private context(surface: Surface): SegmentContext {
    const key =
      surface.kind === "web"
        ? surface.anonymousId
        : surface.kind === "app"
          ? surface.device.id
          : "server";
    let context = this.contexts.get(key);
    if (!context) {
      context = this.buildContext(surface);
      this.contexts.set(key, context);
    }
    return context;
  }

  private buildContext(surface: Surface): SegmentContext {
    const locale = this.customer.language === "zh" ? "zh-CN" : "en-US";
    if (surface.kind === "server") return { library: SERVER_LIBRARY };
    if (surface.kind === "web") {
      const agent = USER_AGENTS[this.customer.browsers.indexOf(surface.anonymousId) % 2] ?? "";
      return {
        library: { name: "analytics.js", version: "next-1.70.0" },
        locale,
        userAgent: agent,
      };
    }
    const d = surface.device;
    const ios = d.type === "ios";
    return {
      app: { name: APP_NAME, version: d.appVersion, build: d.appVersion.replaceAll(".", "") },
      device: { id: d.id, type: d.type, manufacturer: manufacturerOf(d.model), model: d.model },
      os: { name: ios ? "iOS" : "Android", version: d.osVersion },
      library: { name: ios ? "analytics-ios" : "analytics-android", version: "4.1.8" },
      locale,
    };
  }
}

function manufacturerOf(model: string): string {
  if (model.startsWith("iP")) return "Apple";
  return model.startsWith("SM-") ? "samsung" : "Google";
}
