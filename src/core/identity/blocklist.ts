import { normaliseValue } from "./identifier.ts";
import type { IdentityOptions } from "./identity-options.ts";

/**
 * Placeholder values that forms, SDKs and call-centre agents type when the real one is unknown.
 * Linking on them would merge strangers. Config adds to these (it cannot remove them).
 */
export const DEFAULT_BLOCKLIST: Readonly<Record<string, readonly string[]>> = {
  "*": [
    "null",
    "undefined",
    "none",
    "nil",
    "nan",
    "n/a",
    "na",
    "unknown",
    "test",
    "anonymous",
    "guest",
    "[object object]",
    "-",
  ],
  email: [
    "test@test.com",
    "none@none.com",
    "noemail@example.com",
    "noemail@noemail.com",
    "no@email.com",
    "email@example.com",
    "test@example.com",
    "user@example.com",
    "example@example.com",
    "null@null.com",
    "na@na.com",
    "a@a.com",
    "abc@abc.com",
    "unknown@unknown.com",
    "noreply@example.com",
  ],
};

const ALL_ZEROS = /^[0\W_]+$/;
const SEQUENCES = "01234567890123456789";

/** Why a value is not used as an identifier, or undefined when it may be used. */
export type BlockReason = "blocklisted" | "all zeros" | "repeated digits";

export class Blocklist {
  readonly #values = new Map<string, Set<string>>();

  constructor(options: Pick<IdentityOptions, "blocklist" | "defaultRegion">) {
    for (const source of [DEFAULT_BLOCKLIST, options.blocklist]) {
      for (const [type, values] of Object.entries(source)) {
        const set = this.#values.get(type) ?? new Set<string>();
        this.#values.set(type, set);
        for (const raw of values) {
          // Config may write a phone as the customer would; compare in normalised form.
          const value = type === "*" ? raw.trim() : (normaliseValue(type, raw, options) ?? raw);
          set.add(value.toLowerCase());
        }
      }
    }
  }

  /** The reason a normalised value is refused, or undefined. */
  check(type: string, value: string): BlockReason | undefined {
    const lower = value.toLowerCase();
    if (this.#values.get("*")?.has(lower) || this.#values.get(type)?.has(lower)) {
      return "blocklisted";
    }
    if (ALL_ZEROS.test(value)) return "all zeros";
    if (type === "phone" && isPlaceholderPhone(value)) return "repeated digits";
    return undefined;
  }
}

/** 555-555-5555, 111-111-1111, 123-456-7890: valid-looking numbers nobody owns. */
function isPlaceholderPhone(e164: string): boolean {
  // The last ten digits stand for the national number without paying for a parse per value.
  const digits = e164.replace(/\D/g, "");
  const national = digits.slice(-Math.min(10, digits.length - 1));
  if (national.length < 6) return false;
  return /^(\d)\1+$/.test(national) || SEQUENCES.includes(national);
}
