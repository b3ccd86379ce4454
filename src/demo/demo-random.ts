/** mulberry32: a small, fast 32-bit PRNG, so that the demo never depends on Math.random. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** MurmurHash3's finaliser: a bijection on 32-bit integers, used for unique-looking ids. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Byte → two hex digits; much faster than toString(16) + padStart for 10⁵ message ids.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const hex8 = (v: number) =>
  `${HEX[v >>> 24]}${HEX[(v >>> 16) & 255]}${HEX[(v >>> 8) & 255]}${HEX[v & 255]}`;

export class Rng {
  private readonly source: () => number;

  constructor(seed: number) {
    this.source = mulberry32(seed);
  }

  float(): number {
    return this.source();
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.source();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.source() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.source() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.source() * items.length)];
    if (item === undefined) throw new RangeError("pick from an empty list");
    return item;
  }

  /** One key of `weights`, drawn with probability proportional to its weight. */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = this.source() * total;
    for (const [key, weight] of entries) {
      draw -= weight;
      if (draw < 0) return key;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new RangeError("weighted draw from no options");
    return last[0];
  }

  normal(mean: number, sd: number): number {
    const u = 1 - this.source();
    const v = this.source();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.source());
  }

  hex(length: number): string {
    let out = "";
    while (out.length < length) out += hex8(Math.floor(this.source() * 4294967296));
    return out.slice(0, length);
  }

  base36(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += Math.floor(this.source() * 36).toString(36);
    return out;
  }

  /** A random (version 4 shaped) UUID. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((Number.parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
  }
}

/**
 * A UUID-shaped message id that is unique for every counter value of one seed: its first
 * group is a bijection of the counter.
 */
export function messageIdFor(seed: number, counter: number): string {
  const salt = fmix32(seed ^ 0x9e3779b9);
  const a = hex8(fmix32((counter ^ salt) >>> 0));
  const b = hex8(fmix32((counter + salt + 0x632be5ab) >>> 0));
  const c = hex8(fmix32((counter * 31 + salt) >>> 0));
  const d = hex8(fmix32((counter ^ 0x5bd1e995 ^ salt) >>> 0));
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
