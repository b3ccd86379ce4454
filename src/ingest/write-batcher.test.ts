import { describe, expect, it } from "vitest";
import { WriteBatcher } from "./write-batcher.ts";

/** A write that records each call and completes when told to. */
function controlledWrite() {
  const calls: number[][] = [];
  const releases: Array<(error?: Error) => void> = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push(items);
      releases.push((error) => (error ? reject(error) : resolve()));
    });
  return { calls, releases, write };
}

describe("WriteBatcher", () => {
  it("joins writes that arrive while one is in flight into the next write", async () => {
    const { calls, releases, write } = controlledWrite();
    const batcher = new WriteBatcher(write);
    const first = batcher.add([1]);
    const second = batcher.add([2, 3]);
    const third = batcher.add([4]);
    expect(calls).toEqual([[1]]);
    releases[0]?.();
    await first;
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([[1], [2, 3, 4]]);
    let settled = false;
    void second.then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false); // not acknowledged before its write completes
    releases[1]?.();
    await Promise.all([second, third]);
  });

  it("rejects the caller of a failed write and keeps serving later ones", async () => {
    const { calls, releases, write } = controlledWrite();
    const batcher = new WriteBatcher(write);
    const first = batcher.add([1]);
    const second = batcher.add([2]);
    releases[0]?.(new Error("disk full"));
    await expect(first).rejects.toThrow("disk full");
    await new Promise((r) => setImmediate(r));
    releases[1]?.(new Error("still full"));
    await expect(second).rejects.toThrow("still full");
    const third = batcher.add([3]);
    releases[2]?.();
    await expect(third).resolves.toBeUndefined();
    expect(calls).toEqual([[1], [2], [3]]);
  });

  it("when a joined write fails, writes each caller alone so only the bad one fails", async () => {
    const calls: number[][] = [];
    let gate!: () => void;
    const blocked = new Promise<void>((resolve) => (gate = resolve));
    const batcher = new WriteBatcher<number>(async (items) => {
      calls.push(items);
      if (calls.length === 1) return blocked;
      if (items.includes(-1)) throw new Error("bad value");
    });
    const first = batcher.add([1]);
    const good = batcher.add([2]);
    const bad = batcher.add([-1]);
    gate();
    await first;
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow("bad value");
    expect(calls).toEqual([[1], [2, -1], [2], [-1]]);
  });

  it("caps a group at maxItems but never splits one caller's items", async () => {
    const { calls, releases, write } = controlledWrite();
    const batcher = new WriteBatcher(write, 3);
    const all = [
      batcher.add([0]),
      batcher.add([1, 2]),
      batcher.add([3, 4]),
      batcher.add([5, 6, 7, 8]),
    ];
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setImmediate(r));
      releases[i]?.();
    }
    await Promise.all(all);
    expect(calls).toEqual([[0], [1, 2], [3, 4], [5, 6, 7, 8]]);
  });

  it("with concurrency 2, runs a second write while one is in flight and joins the rest", async () => {
    const { calls, releases, write } = controlledWrite();
    const batcher = new WriteBatcher(write, { concurrency: 2 });
    const first = batcher.add([1]);
    const second = batcher.add([2]);
    const third = batcher.add([3]);
    const fourth = batcher.add([4, 5]);
    expect(calls).toEqual([[1], [2]]); // two in flight, the rest queued
    releases[1]?.();
    await second;
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([[1], [2], [3, 4, 5]]);
    let firstSettled = false;
    void first.then(() => (firstSettled = true));
    await new Promise((r) => setImmediate(r));
    expect(firstSettled).toBe(false); // each caller waits for its own write
    releases[0]?.();
    releases[2]?.();
    await Promise.all([first, third, fourth]);
  });

  it("with concurrency, a failed joined write still fails only the bad caller", async () => {
    const calls: number[][] = [];
    let gate!: () => void;
    const blocked = new Promise<void>((resolve) => (gate = resolve));
    const batcher = new WriteBatcher<number>(
      async (items) => {
        calls.push(items);
        if (calls.length <= 2) return blocked;
        if (items.includes(-1)) throw new Error("bad value");
      },
      { concurrency: 2 },
    );
    const running = [batcher.add([1]), batcher.add([2])];
    const good = batcher.add([3]);
    const bad = batcher.add([-1]);
    gate();
    await Promise.all(running);
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow("bad value");
    expect(calls).toEqual([[1], [2], [3, -1], [3], [-1]]);
  });
});
