import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { DuckDBEventStore } from "../src/store/duckdb-store.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { PostgresEventStore } from "../src/store/postgres-store.ts";
import { trackMessage } from "./support/factories.ts";
import { DIALECTS, freshTarget, type StoreTarget } from "./support/stores.ts";

// "A 200 means durable": kill -9 the real server while batches are in flight; every batch it
// acknowledged must be in the store afterwards, and the server must start again on that store.

const BIN = fileURLToPath(new URL("../bin/journeylens.js", import.meta.url));
const WORKERS = 8;
const BATCH_SIZE = 100;
const ACKS_BEFORE_KILL = 30;
const MAX_BATCHES_PER_WORKER = 100;
const LOAD_DEADLINE_MS = 20_000;

const run = promisify(execFile);

/** Every server this file started; afterEach kills the ones still alive. */
const children: ChildProcess[] = [];

/** The child's environment without JOURNEYLENS_* variables, so only our flags pick the store. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("JOURNEYLENS_")),
  );
}

function storeFlags(target: StoreTarget): string[] {
  if (target.pg) return ["--pg", target.pg];
  if (target.db) return ["--db", target.db];
  throw new Error("store target has neither a DuckDB file nor a PostgreSQL URL");
}

interface Server {
  child: ChildProcess;
  url: string;
}

/** Runs `journeylens … serve --port 0` and resolves once it prints the URL it listens on. */
function startServer(target: StoreTarget, cwd: string): Promise<Server> {
  const child = spawn(process.execPath, [BIN, ...storeFlags(target), "serve", "--port", "0"], {
    cwd,
    env: cleanEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start in 30 s\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 30_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /journeylens listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening\nstderr: ${stderr}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

function openDirect(target: StoreTarget): Promise<EventStore> {
  return target.pg ? PostgresEventStore.open(target.pg) : DuckDBEventStore.open(target.db ?? "");
}

/** The subset of these messageIds that the store holds. */
async function storedIds(store: EventStore, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const events = await store.listEvents({ messageIds: ids.slice(i, i + 1000) });
    for (const event of events) found.add(event.messageId);
  }
  return found;
}

function postBatch(url: string, writeKey: string, ids: readonly string[]) {
  const now = new Date().toISOString();
  return fetch(`${url}/v1/batch`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
    },
    body: JSON.stringify({
      batch: ids.map((messageId) => trackMessage({ messageId, timestamp: now })),
    }),
    signal: AbortSignal.timeout(10_000),
  });
}

for (const dialect of DIALECTS) {
  describe(`durability of acknowledged batches: ${dialect}`, () => {
    let target: StoreTarget | undefined;
    let workDir: string | undefined;

    afterEach(async () => {
      for (const child of children.splice(0)) {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        await exited(child);
      }
      await target?.cleanup();
      if (workDir) rmSync(workDir, { recursive: true, force: true });
      target = undefined;
      workDir = undefined;
    });

    it("keeps every batch it answered 200 when killed with SIGKILL mid-load, then recovers", async () => {
      target = await freshTarget(dialect);
      workDir = mkdtempSync(join(tmpdir(), "journeylens-dur-"));
      const cli = async (...args: string[]) =>
        (
          await run(process.execPath, [BIN, ...storeFlags(target as StoreTarget), ...args], {
            cwd: workDir,
            env: cleanEnv(),
            timeout: 30_000,
          })
        ).stdout;

      const source = JSON.parse(await cli("sources", "create", "dur", "--json")) as {
        id: string;
        writeKey: string;
      };
      expect(source.writeKey).toMatch(/^wk_/);

      const server = await startServer(target, workDir);
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);

      // Load: WORKERS loops, each posting batches of unique messages, bounded in count and time.
      const acknowledged: string[] = [];
      const unexpected: string[] = [];
      let ackedBatches = 0;
      let inFlight = 0;
      let inFlightAtKill = -1;
      let killed = false;
      const deadline = Date.now() + LOAD_DEADLINE_MS;

      const worker = async (w: number) => {
        for (let b = 0; b < MAX_BATCHES_PER_WORKER && Date.now() < deadline; b++) {
          if (killed) return;
          const ids = Array.from({ length: BATCH_SIZE }, (_, i) => `dur-${w}-${b}-${i}`);
          inFlight += 1;
          try {
            const response = await postBatch(server.url, source.writeKey, ids);
            const body = (await response.json()) as { accepted?: number };
            if (response.status === 200 && body.accepted === BATCH_SIZE) {
              // A 200 that reached us was sent before the kill: it must be durable.
              acknowledged.push(...ids);
              ackedBatches += 1;
            } else {
              unexpected.push(`HTTP ${response.status}: ${JSON.stringify(body)}`);
            }
          } catch (error) {
            // After the kill, requests on the wire fail: that is expected, and ends this loop.
            if (!killed) unexpected.push(`request failed before the kill: ${String(error)}`);
            return;
          } finally {
            inFlight -= 1;
          }
          if (!killed && ackedBatches >= ACKS_BEFORE_KILL) {
            killed = true;
            // This request is done; the others are still on the wire.
            inFlightAtKill = inFlight;
            server.child.kill("SIGKILL");
          }
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
      await exited(server.child);

      expect(unexpected).toEqual([]);
      expect(killed).toBe(true);
      expect(server.child.signalCode).toBe("SIGKILL");
      // The kill landed while other requests were still open, which is the point of the test.
      expect(inFlightAtKill).toBeGreaterThan(0);
      expect(ackedBatches).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

      // Open the store as the killed server left it: every acknowledged message is there.
      let countAtCrash: number;
      const store = await openDirect(target);
      try {
        const found = await storedIds(store, acknowledged);
        const lost = acknowledged.filter((id) => !found.has(id));
        expect(lost.length, `lost ${lost.length} acknowledged messages, e.g. ${lost[0]}`).toBe(0);
        // Batches cut off in flight may or may not be there; acknowledged ones must.
        countAtCrash = await store.countEvents({ sourceId: source.id });
        expect(countAtCrash).toBeGreaterThanOrEqual(acknowledged.length);
      } finally {
        // DuckDB allows one process per file: close before the server opens it again.
        await store.close();
      }

      // Recovery: the server starts on the same store, answers health and takes a batch.
      const again = await startServer(target, workDir);
      const healthAgain = await fetch(`${again.url}/api/health`);
      expect(healthAgain.status).toBe(200);
      expect(await healthAgain.json()).toMatchObject({ status: "ok", store: dialect });
      const recoveryIds = Array.from({ length: BATCH_SIZE }, (_, i) => `recovered-${i}`);
      const response = await postBatch(again.url, source.writeKey, recoveryIds);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ success: true, accepted: BATCH_SIZE });
      // A retry of an acknowledged batch is taken and not stored twice.
      const retried = await postBatch(again.url, source.writeKey, acknowledged.slice(0, 100));
      expect(retried.status).toBe(200);

      // A graceful stop (SIGTERM) closes the store; everything is still there once.
      again.child.kill("SIGTERM");
      await exited(again.child);
      expect(again.child.exitCode).toBe(0);
      const after = await openDirect(target);
      try {
        const all = [...acknowledged, ...recoveryIds];
        expect((await storedIds(after, all)).size).toBe(all.length);
        // Only the recovery batch is new: the retried batch was not stored a second time.
        expect(await after.countEvents({ sourceId: source.id })).toBe(countAtCrash + BATCH_SIZE);
      } finally {
        await after.close();
      }
    });
  });
}
