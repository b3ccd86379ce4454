import { normaliseMessage } from "../normalise-message.ts";
import type { StoredEvent } from "../stored-event.ts";

/** A random event log with its planted identity truth, for tests and benchmarks. */
export interface RandomIdentityLog {
  events: StoredEvent[];
  /** Per person, the `type:value` keys that are theirs alone. */
  truth: string[][];
  /** Keys several persons share (devices, a front-desk phone): in no person's truth. */
  traps: string[];
}

export interface RandomLogOptions {
  persons: number;
  seed: number;
  /** Plant shared devices, placeholder values and a shared phone (default true). */
  traps?: boolean;
}

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREA_CODES = ["415", "212", "312", "617", "206", "713"];
const PLACEHOLDER_EMAILS = ["test@test.com", "none@none.com", "N/A", "noemail@example.com"];
const PLACEHOLDER_PHONES = ["0000000000", "n/a", "000-000-0000"];
const FRONT_DESK_PHONE = "+1 212-736-5000";

/**
 * Persons who browse anonymously, log in on the web and in an app, are synced from a CRM (its
 * contact id as userId and as `traits.crm_id`), and sign up to newsletters without logging in.
 * Emails come in several cases and with spaces, phones in four formats. With traps: family
 * devices shared by two persons, placeholder emails and phones, and one front-desk phone
 * number typed in for many persons.
 */
export function randomIdentityLog(options: RandomLogOptions): RandomIdentityLog {
  const rng = prng(options.seed);
  const chance = (p: number) => rng() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const withTraps = options.traps ?? true;
  const start = Date.UTC(2026, 0, 1);
  const raw: Record<string, unknown>[] = [];
  const emit = (message: Record<string, unknown>) => {
    const time = new Date(start + Math.floor(rng() * 30 * 86_400_000)).toISOString();
    raw.push({ messageId: `m-${options.seed}-${raw.length}`, timestamp: time, ...message });
  };
  const truth: string[][] = [];
  const traps = new Set<string>();
  const devices: { anonymousId: string; deviceId: string; owner: number }[] = [];

  for (let p = 0; p < options.persons; p++) {
    const keys = new Set<string>();
    const hasUser = chance(0.85);
    const userId = `usr_${options.seed}_${p}`;
    const anonymousIds = Array.from(
      { length: hasUser ? int(1, 3) : 1 + (chance(0.3) ? 1 : 0) },
      (_, k) => `anon-${options.seed}-${p}-${k}`,
    );
    const email = chance(hasUser ? 0.85 : 0.5) ? `person${p}@mail${p % 5}.org` : undefined;
    // Exchange digits 2-9, 2-4, 0-9: never an N11 or 555 exchange, so always a valid number.
    const digits = `${AREA_CODES[p % AREA_CODES.length]}${int(2, 9)}${int(2, 4)}${int(0, 9)}${String(int(0, 9999)).padStart(4, "0")}`;
    const placeholderEmail = withTraps && chance(0.05);
    // As in real sign-up forms, someone who dodges the email field gives a phone number.
    const phone = placeholderEmail || chance(0.6) ? digits : undefined;
    const placeholderPhone = withTraps && !placeholderEmail && chance(0.05);
    const frontDesk = withTraps && p % 97 === 3;
    /** The traits of a login or sign-up; the real values sent become the person's truth. */
    const traits = (): Record<string, unknown> => {
      const t: Record<string, unknown> = {};
      if (placeholderEmail) t.email = PLACEHOLDER_EMAILS[int(0, PLACEHOLDER_EMAILS.length - 1)];
      else if (email) {
        t.email = emailVariant(email, rng());
        keys.add(`email:${email}`);
      }
      if (frontDesk) t.phone = FRONT_DESK_PHONE;
      else if (placeholderPhone) t.phone = PLACEHOLDER_PHONES[int(0, 2)];
      else if (phone) {
        t.phone = phoneVariant(phone, int(0, 3));
        keys.add(`phone:+1${phone}`);
      }
      return t;
    };
    // Without a userId, anonymous ids link only through an email given on a newsletter form.
    const linkable = hasUser || (email !== undefined && !placeholderEmail);
    const anonymous = linkable ? anonymousIds : anonymousIds.slice(0, 1);
    anonymous.forEach((anonymousId, k) => {
      for (let n = int(1, 3); n > 0; n--) emit({ type: "page", anonymousId, name: "Home" });
      if (hasUser) {
        // The first browser logs in with the person's traits; later ones may only alias.
        if (k > 0 && chance(0.3))
          emit({ type: "alias", anonymousId, previousId: anonymousId, userId });
        else emit({ type: "identify", anonymousId, userId, traits: traits() });
        for (let n = int(1, 4); n > 0; n--) {
          emit({ type: "track", event: "Product Viewed", anonymousId, userId });
        }
      } else if (linkable) emit({ type: "identify", anonymousId, traits: traits() });
      keys.add(`anonymous_id:${anonymousId}`);
    });
    if (hasUser) keys.add(`user_id:${userId}`);
    if (frontDesk) traps.add("phone:+12127365000");

    if (hasUser && (email || phone) && chance(0.5)) {
      const crmId = `C${options.seed}${String(p).padStart(6, "0")}`;
      const crmTraits: Record<string, unknown> = { crm_id: crmId };
      if (email) crmTraits.email = ` ${email.toUpperCase()} `;
      if (phone) crmTraits.phone = phoneVariant(phone, 0);
      for (let n = int(1, 2); n > 0; n--) {
        emit({ type: "identify", userId: crmId, traits: crmTraits, context: { channel: "crm" } });
      }
      keys.add(`user_id:${crmId}`).add(`crm_id:${crmId}`);
      if (email) keys.add(`email:${email}`);
      if (phone) keys.add(`phone:+1${phone}`);
    }
    if (hasUser && chance(0.4)) {
      const device = { anonymousId: `app-${options.seed}-${p}`, deviceId: `DEV-${p}`, owner: p };
      devices.push(device);
      const context = { device: { id: device.deviceId, type: "ios" } };
      emit({
        type: "identify",
        userId,
        anonymousId: device.anonymousId,
        context,
        traits: traits(),
      });
      for (let n = int(1, 4); n > 0; n--) {
        emit({ type: "screen", name: "Home", userId, anonymousId: device.anonymousId, context });
      }
      keys.add(`anonymous_id:${device.anonymousId}`).add(`device_id:${device.deviceId}`);
    }
    truth.push([...keys]);
  }

  if (withTraps) {
    // Family devices: another account holder logs in on someone's tablet.
    for (const device of devices.filter((_, i) => i % 25 === 7)) {
      const other = (device.owner + 1) % options.persons;
      const otherUser = truth[other]?.find((k) => k.startsWith("user_id:usr_"));
      if (!otherUser) continue;
      const context = { device: { id: device.deviceId, type: "ios" } };
      const userId = otherUser.slice("user_id:".length);
      for (let n = int(2, 4); n > 0; n--) {
        emit({ type: "screen", name: "Home", userId, anonymousId: device.anonymousId, context });
      }
      traps.add(`anonymous_id:${device.anonymousId}`).add(`device_id:${device.deviceId}`);
    }
  }
  const cleanTruth = truth.map((keys) => keys.filter((k) => !traps.has(k)));

  const events: StoredEvent[] = [];
  for (let i = raw.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [raw[i], raw[j]] = [raw[j] as Record<string, unknown>, raw[i] as Record<string, unknown>];
  }
  const receivedAt = new Date(start + 40 * 86_400_000);
  for (const message of raw) {
    const outcome = normaliseMessage(message, {
      sourceId: "random",
      receivedAt,
      defaultRegion: "US",
    });
    if (!outcome.ok) throw new Error(`random log made an invalid message: ${outcome.reason}`);
    events.push(outcome.value);
  }
  return { events, truth: cleanTruth, traps: [...traps].sort() };
}

function emailVariant(email: string, r: number): string {
  if (r < 0.3) return email;
  if (r < 0.6) return `  ${email.charAt(0).toUpperCase()}${email.slice(1)}`;
  return email.toUpperCase();
}

function phoneVariant(d: string, style: number): string {
  if (style === 0) return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
  if (style === 1) return `+1 ${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
  if (style === 2) return d;
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`;
}
