/** Locale-aware formatting of the numbers and dates the pages show. */
export interface Formatters {
  int(value: number | null | undefined): string;
  num(value: number | null | undefined, digits?: number): string;
  /** A ratio 0…1 as a percentage. */
  pct(value: number | null | undefined, digits?: number): string;
  /** A day (UTC, as the API's periods are). */
  day(iso: string): string;
  /** A short day label for chart axes. */
  shortDay(iso: string): string;
  /** A moment in the reader's time zone. */
  dateTime(iso: string): string;
  /** A duration in the largest sensible unit. */
  duration(ms: number | null | undefined): string;
}

const DASH = "–";

export function formatters(locale: string): Formatters {
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const nums = new Map<number, Intl.NumberFormat>();
  const num = (digits: number) => {
    let f = nums.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      nums.set(digits, f);
    }
    return f;
  };
  const pcts = new Map<number, Intl.NumberFormat>();
  const pct = (digits: number) => {
    let f = pcts.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, {
        style: "percent",
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      pcts.set(digits, f);
    }
    return f;
  };
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const shortDay = new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const units: [Intl.NumberFormatOptions["unit"], number][] = [
    ["day", 86_400_000],
    ["hour", 3_600_000],
    ["minute", 60_000],
    ["second", 1000],
  ];
  const unitFormats = new Map(
    units.map(([unit]) => [
      unit,
      new Intl.NumberFormat(locale, {
        style: "unit",
        unit,
        unitDisplay: "short",
        maximumFractionDigits: 1,
      }),
    ]),
  );
  const missing = (v: number | null | undefined): v is null | undefined =>
    v === null || v === undefined || Number.isNaN(v);
  return {
    int: (v) => (missing(v) ? DASH : int.format(v)),
    num: (v, digits = 1) => (missing(v) ? DASH : num(digits).format(v)),
    pct: (v, digits = 1) => (missing(v) ? DASH : pct(digits).format(v)),
    day: (iso) => day.format(new Date(iso)),
    shortDay: (iso) => shortDay.format(new Date(iso)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    duration: (ms) => {
      if (missing(ms)) return DASH;
      const [unit, size] = units.find(([, size]) => Math.abs(ms) >= size) ?? ["second", 1000];
      return (unitFormats.get(unit) as Intl.NumberFormat).format(ms / size);
    },
  };
}
