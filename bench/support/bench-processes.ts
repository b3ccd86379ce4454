/** Child processes of the benchmarks: the CLI, the server, and their /proc figures. */
import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = join(fileURLToPath(new URL("../..", import.meta.url)), "bin", "journeylens.js");

// Ctrl-C must not leave a PostgreSQL server (pg_ctl daemonises it) or temp files behind.
const interruptCleanups = new Set<() => void>();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    for (const cleanup of [...interruptCleanups].reverse()) {
      try {
        cleanup();
      } catch {
        // best effort
      }
    }
    process.exit(130);
  });
}

/** Registers a cleanup for an interrupted run; returns its unregistration. */
export function onInterrupt(cleanup: () => void): () => void {
  interruptCleanups.add(cleanup);
  return () => interruptCleanups.delete(cleanup);
}

export function runCli(args: string[], cwd: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`journeylens ${args.join(" ")}: ${stderr || error.message}`));
        else resolvePromise(stdout);
      },
    );
  });
}

export interface Server {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

export function startServer(
  storeArgs: string[],
  cwd: string,
  cpuProfDir?: string,
): Promise<Server> {
  const nodeArgs = cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...storeArgs, "serve", "--port", "0"], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout = (stdout + chunk).slice(-8192);
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-8192);
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`server did not start in 60 s: ${stderr || stdout}`));
    }, 60_000);
    const poll = setInterval(() => {
      const match = /journeylens listening on (http:\/\/\S+)/.exec(stdout);
      if (!match?.[1]) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolvePromise({ child, url: match[1], stop });
    }, 20);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${stderr || stdout}`));
    });
  });
}

/** A `/proc/<pid>/status` field in MB (VmHWM = peak resident set). */
export function procStatusMb(pid: number | "self", field: string): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds of a process (all its threads: DuckDB's included). */
export function procCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

export function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
}

/** Busy (non-idle, non-iowait) CPU seconds of the whole machine since boot, from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
    const [user, nice, system, , , irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (
      ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
      CLOCK_TICKS
    );
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Load
