import { type DemoCustomer, JourneyEmitter, type Sink } from "./demo-emitter.ts";
import { fmix32, Rng } from "./demo-random.ts";

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
/** Farther than the 30-minute session gap from any other message of the person. */
const CLEARANCE = 45 * MINUTE;
const PAGES = [
  { name: "Home", path: "/" },
  { name: "Rates", path: "/rates" },
  { name: "Branch Locator", path: "/branches" },
] as const;

/**
 * Single-page web visits (a look at the rates, the branch finder) that bounce: real traffic has
 * them, and without them every web session had several events (a 0% bounce rate). They come
 * from a random stream of their own, after every journey is written, so the planted findings
 * and the rest of the data are the same as without them. A visit lands only inside the
 * person's active period, at least 45 minutes from their other messages, on a browser their
 * journey already used (a browser never seen otherwise could not be told to be theirs).
 */
export function writeGlances(
  plan: readonly DemoCustomer[],
  messages: readonly { time: number; anonymousId?: string }[][],
  options: { seed: number; startMs: number; endMs: number; sink: Sink },
): void {
  const rng = new Rng(fmix32(options.seed ^ 0x6a09e667));
  for (const customer of plan) {
    const own = messages[customer.index] ?? [];
    const times = own.map((m) => m.time);
    const used = new Set(own.map((m) => m.anonymousId));
    const browser = customer.browsers.find((b) => used.has(b));
    if (!browser || !rng.chance(0.35)) continue;
    const first = Math.min(...times);
    const last = Math.max(...times);
    const window = { startMs: options.startMs, endMs: options.endMs };
    for (let i = rng.int(1, 2); i > 0; i--) {
      const day = Math.floor(rng.between(first, last) / DAY) * DAY;
      const at = day + Math.round(rng.between(12, 26) * 60) * MINUTE; // 07:00-21:00 US Eastern
      const clear = times.every((t) => Math.abs(t - at) > CLEARANCE);
      if (at <= first || at >= last || !clear) continue;
      const emitter = new JourneyEmitter(customer, rng, window, options.sink);
      emitter.now = at;
      const page = rng.pick(PAGES);
      emitter.page(browser, page.name, page.path);
    }
  }
}
