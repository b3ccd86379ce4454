import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, chromium, type Page } from "playwright-core";
import { AccessService } from "../../src/auth/access-service.ts";
import { newPassword } from "../../src/auth/secrets.ts";
import { loadDemo } from "../../src/cli/demo.command.ts";
import { openRuntime, type Runtime } from "../../src/runtime/runtime.ts";
import { buildApp } from "../../src/server/app.ts";
import { ensureDashboardBuilt } from "../../src/server/dashboard-build.ts";
import { apiHeaders } from "./api-auth.ts";

/** Debian's chromium, found at run time; a missing browser fails loudly, never skips. */
export function chromiumPath(): string {
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(
      "chromium is not installed: the dashboard tests need Debian's `chromium` (apt-get install chromium; .ci/run does it)",
    );
  }
}

export interface DashboardServer {
  url: string;
  runtime: Runtime;
  app: FastifyInstance;
  /** The demo's admin login, as `journeylens demo` prints it. */
  login: { username: string; password: string };
  truthPath: string;
  /** GET an API path with an API key (viewer unless said): the numbers the pages must show. */
  api<T>(path: string, role?: "viewer" | "admin"): Promise<T>;
  /** POST JSON to an API path as an admin. */
  post<T>(path: string, body: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * Builds the dashboard if needed and serves the demo, loaded into a temp DuckDB file — or an
 * existing DuckDB file (`db`, e.g. a benchmark's log), with an admin login added to it.
 */
export async function startDashboardServer(
  options: { customers: number; seed?: number } | { db: string },
): Promise<DashboardServer> {
  ensureDashboardBuilt({ quiet: true });
  const dir = mkdtempSync(join(tmpdir(), "jl-dashboard-"));
  const config = join(dir, "config.json");
  writeFileSync(config, "{}");
  const truthPath = join(dir, "truth.json");
  let runtime: Runtime;
  let login: { username: string; password: string };
  if ("db" in options) {
    runtime = await openRuntime({ db: options.db, config });
    login = { username: "bench-admin", password: newPassword() };
    await new AccessService(runtime.store, runtime.config.auth).setUser({
      ...login,
      role: "admin",
    });
  } else {
    runtime = await openRuntime({ db: join(dir, "demo.duckdb"), config });
    ({ login } = await loadDemo(runtime, {
      customers: options.customers,
      seed: options.seed ?? 42,
      truthPath,
    }));
  }
  await runtime.identity?.flush();
  const app = await buildApp(runtime);
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const headers = {
    viewer: await apiHeaders(runtime, "viewer"),
    admin: await apiHeaders(runtime, "admin"),
  };
  return {
    url,
    runtime,
    app,
    login,
    truthPath,
    api: async <T>(path: string, role: "viewer" | "admin" = "viewer") => {
      const response = await fetch(`${url}${path}`, { headers: headers[role] });
      if (!response.ok)
        throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    post: async <T>(path: string, body: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method: "POST",
        headers: { ...headers.admin, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    close: async () => {
      await app.close();
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath() });
}

/** Signs in through the login page. */
export async function signIn(
  page: Page,
  url: string,
  login: { username: string; password: string },
) {
  await page.goto(`${url}/`);
  await page.getByRole("textbox", { name: /user name|用户名/i }).fill(login.username);
  await page.locator("input[name=password]").fill(login.password);
  await page.locator("form button[type=submit]").click();
  await page.locator("[data-page=overview]").waitFor();
}

/** Opens a dashboard path and waits until its data is shown; returns the milliseconds taken. */
export async function openPage(page: Page, url: string, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  await page.goto(url);
  await page
    .locator("section[data-page][data-state=ready], section[data-page][data-state=error]")
    .waitFor({ timeout: timeoutMs });
  return performance.now() - started;
}
