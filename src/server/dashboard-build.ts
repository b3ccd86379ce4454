import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WEB = join(ROOT, "web");
const BUILT = join(WEB, "dist", "index.html");
/** What the build reads: the app, its config, and the core modules it imports values from. */
const INPUTS = [
  join(WEB, "src"),
  join(WEB, "index.html"),
  join(WEB, "vite.config.ts"),
  join(ROOT, "src", "core", "channel.ts"),
  join(ROOT, "src", "core", "gaps", "gap-summary.ts"),
];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** True when web/dist is missing or older than a source file. */
export function dashboardStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return INPUTS.some((input) => existsSync(input) && newest(input) > built);
}

/** Builds the dashboard with Vite (`vite build web`) when it is missing or stale. */
export function ensureDashboardBuilt(options: { quiet?: boolean; force?: boolean } = {}): boolean {
  if (!options.force && !dashboardStale()) return false;
  const vite = join(ROOT, "node_modules", "vite", "bin", "vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "web", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: options.quiet ? "pipe" : "inherit",
    encoding: "utf8",
  });
  if (result.status !== 0)
    throw new Error(`building the dashboard failed (vite build web):\n${result.stderr ?? ""}`);
  return true;
}

// `node --import tsx src/server/dashboard-build.ts`: the `prestart` and `build:web` step.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes("--force");
  if (force || dashboardStale()) {
    process.stdout.write("building the dashboard (web/dist)…\n");
    ensureDashboardBuilt({ force });
  }
}
