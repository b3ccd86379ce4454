import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";

// Deliberately loose: one @, something on each side, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trims and lower-cases an email; undefined when the value is not an email. */
export function normaliseEmail(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const email = value.trim().toLowerCase();
  return EMAIL.test(email) ? email : undefined;
}

// Parsing a number costs ~15-25 µs and the same numbers recur on every event of a customer.
// Two generations: when the young one fills, it becomes the old one, so the numbers in use
// survive (clearing one map at its limit re-parsed every customer's number at once).
const PHONE_CACHE_GENERATION = 50_000;
let youngPhones = new Map<string, string | null>();
let oldPhones = new Map<string, string | null>();

/** A phone number in E.164, or undefined when the value is not a valid number. */
export function normalisePhone(value: unknown, defaultRegion: CountryCode): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const text = String(value).trim();
  if (text === "") return undefined;
  const key = `${defaultRegion}|${text}`;
  let phone = youngPhones.get(key);
  if (phone === undefined) {
    phone = oldPhones.get(key);
    if (phone === undefined) {
      const parsed = parsePhoneNumberFromString(text, defaultRegion);
      phone = parsed?.isValid() ? parsed.number : null;
    }
    if (youngPhones.size >= PHONE_CACHE_GENERATION) {
      oldPhones = youngPhones;
      youngPhones = new Map();
    }
    youngPhones.set(key, phone);
  }
  return phone ?? undefined;
}

export type { CountryCode };
