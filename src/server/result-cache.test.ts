import { describe, expect, it } from "vitest";
import { DataVersion } from "./data-version.ts";
import { ResultCache } from "./result-cache.ts";

describe("ResultCache", () => {
  it("keeps at most maxEntries, dropping the least recently used", () => {
    const cache = new ResultCache({ maxEntries: 2 });
    cache.set("v1", "a", "A", "application/json");
    cache.set("v1", "b", "B", "application/json");
    expect(cache.get("v1", "a")?.body).toBe("A"); // a is now the most recently used
    cache.set("v1", "c", "C", "application/json");
    expect(cache.get("v1", "b")).toBeUndefined();
    expect(cache.get("v1", "a")?.body).toBe("A");
    expect(cache.get("v1", "c")?.body).toBe("C");
    expect(cache.size).toBe(2);
  });

  it("keeps at most maxBytes, and never an answer larger than that", () => {
    const cache = new ResultCache({ maxBytes: 10 });
    cache.set("v1", "a", "12345", "t");
    cache.set("v1", "b", "1234", "t");
    expect(cache.bytes).toBe(9);
    cache.set("v1", "c", "123", "t"); // 12 bytes: a (the oldest) goes
    expect(cache.get("v1", "a")).toBeUndefined();
    expect(cache.bytes).toBe(7);
    cache.set("v1", "d", "12345678901", "t");
    expect(cache.get("v1", "d")).toBeUndefined();
    // "中" is 3 bytes in UTF-8: sizes are bytes, not characters.
    cache.set("v1", "e", "中中中", "t");
    expect(cache.bytes).toBe(9); // c (3) + e (9) > 10: b went first, then c
    expect(cache.size).toBe(1);
  });

  it("replacing a key counts its bytes once", () => {
    const cache = new ResultCache();
    cache.set("v1", "a", "1234", "t");
    cache.set("v1", "a", "12", "t");
    expect(cache.bytes).toBe(2);
    expect(cache.size).toBe(1);
  });

  it("forgets every answer when asked with another data version", () => {
    const cache = new ResultCache();
    cache.set("v1", "a", "A", "t");
    expect(cache.get("v2", "a")).toBeUndefined();
    expect(cache.get("v1", "a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe("DataVersion", () => {
  it("changes when a write starts and again when it ends, and is null meanwhile", async () => {
    const version = new DataVersion();
    const before = await version.current();
    let finish: () => void = () => undefined;
    const write = version.around(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(await version.current()).toBeNull();
    finish();
    await write;
    const after = await version.current();
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
  });

  it("moves even when the write fails", async () => {
    const version = new DataVersion();
    const before = await version.current();
    await expect(version.around(() => Promise.reject(new Error("disk full")))).rejects.toThrow(
      "disk full",
    );
    expect(await version.current()).not.toBe(before);
  });

  it("includes the store's own snapshot, and is null if a write began while reading it", async () => {
    let snapshot = "s1";
    const version = new DataVersion(async () => snapshot);
    const first = await version.current();
    snapshot = "s2";
    expect(await version.current()).not.toBe(first);

    let release: () => void = () => undefined;
    const slow = new DataVersion(
      () => new Promise<string>((resolve) => (release = () => resolve("s"))),
    );
    const reading = slow.current();
    const write = slow.around(async () => undefined);
    release();
    expect(await reading).toBeNull();
    await write;
  });
});
