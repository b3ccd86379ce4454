/**
 * Counts how often each content key has been seen in one file, in 16–32 bytes per distinct row
 * (a JS Map of strings would take ~100 and stops at 2^24 entries). Keys are reduced to 64-bit
 * fingerprints: a collision only shifts the occurrence index of one of two different rows,
 * and since it recurs identically on a re-import the derived ids stay unique and stable.
 */
export class ContentOccurrences {
  #hi: Uint32Array;
  #lo: Uint32Array;
  /** Occurrences + 1; 0 marks an empty slot. */
  #counts: Uint32Array;
  #size = 0;

  constructor(initialCapacity = 1024) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.#hi = new Uint32Array(capacity);
    this.#lo = new Uint32Array(capacity);
    this.#counts = new Uint32Array(capacity);
  }

  /** Returns how many times the key was seen before, and records this sighting. */
  next(key: string): number {
    const hi = hash(key, 0x811c9dc5, 0x01000193);
    const lo = hash(key, 0x9747b28c, 0x5bd1e995);
    const slot = this.#find(hi, lo);
    const seen = this.#counts[slot] ?? 0;
    if (seen === 0) {
      this.#hi[slot] = hi;
      this.#lo[slot] = lo;
      this.#size++;
    }
    this.#counts[slot] = seen + 1;
    if (seen === 0 && this.#size * 4 > this.#counts.length * 3) this.#grow();
    return seen;
  }

  get size(): number {
    return this.#size;
  }

  #find(hi: number, lo: number): number {
    const mask = this.#counts.length - 1;
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (this.#counts[slot] !== 0 && (this.#hi[slot] !== hi || this.#lo[slot] !== lo)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  #grow() {
    const [hi, lo, counts] = [this.#hi, this.#lo, this.#counts];
    const capacity = counts.length * 2;
    this.#hi = new Uint32Array(capacity);
    this.#lo = new Uint32Array(capacity);
    this.#counts = new Uint32Array(capacity);
    for (let i = 0; i < counts.length; i++) {
      const count = counts[i] ?? 0;
      if (count === 0) continue;
      const slot = this.#find(hi[i] ?? 0, lo[i] ?? 0);
      this.#hi[slot] = hi[i] ?? 0;
      this.#lo[slot] = lo[i] ?? 0;
      this.#counts[slot] = count;
    }
  }
}

// FNV-1a shape; two seed/multiplier pairs give two independent-enough 32-bit halves.
function hash(text: string, seed: number, multiplier: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), multiplier);
  h ^= h >>> 15;
  return h >>> 0;
}
