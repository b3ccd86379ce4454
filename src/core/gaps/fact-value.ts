import { normaliseText } from "./text-measures.ts";

/**
 * A fact of a content item as compared across channels: a number with an optional unit
 * ("3.5%", "¥1,200", "1200元", "USD 25") or a text (NFKC, spaces collapsed, case-folded).
 */
export type FactValue =
  | { kind: "number"; value: number; unit: string | null }
  | { kind: "text"; value: string };

const UNITS: Record<string, string> = {
  "%": "%",
  "‰": "‰",
  $: "USD",
  usd: "USD",
  "¥": "CNY",
  元: "CNY",
  cny: "CNY",
  rmb: "CNY",
  "€": "EUR",
  eur: "EUR",
  "£": "GBP",
  gbp: "GBP",
  bp: "bp",
  bps: "bp",
};
const UNIT = "%|‰|\\$|¥|元|€|£|usd|cny|rmb|eur|gbp|bps?";
const NUMBER = "[-+]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?";
const FACT = new RegExp(`^(${UNIT})?\\s*(${NUMBER})\\s*(${UNIT})?$`, "iu");

export function factValue(raw: string): FactValue {
  const text = normaliseText(raw);
  const match = FACT.exec(text);
  if (match && !(match[1] && match[3])) {
    const unit = match[1] ?? match[3];
    return {
      kind: "number",
      value: Number((match[2] as string).replaceAll(",", "")),
      unit: unit ? (UNITS[unit.toLowerCase()] ?? null) : null,
    };
  }
  return { kind: "text", value: text.toLocaleLowerCase() };
}

/** Equal facts: the same number (a missing unit matches any unit), or the same text. */
export function sameFact(a: FactValue, b: FactValue): boolean {
  if (a.kind === "number" && b.kind === "number") {
    const close = Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(a.value));
    return close && (a.unit === null || b.unit === null || a.unit === b.unit);
  }
  return a.kind === b.kind && a.value === b.value;
}
