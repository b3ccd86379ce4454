import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { AccessService } from "../auth/access-service.ts";
import { newPassword } from "../auth/secrets.ts";
import { demoSummary, generateDemo } from "../demo/demo-generator.ts";
import { IngestService } from "../ingest/ingest-service.ts";
import { ensureSource } from "../ingest/sources.ts";
import { refreshJourneyIndex } from "../journeys/journey-index.ts";
import { openRuntime, type Runtime, resolveRuntimeOptions } from "../runtime/runtime.ts";
import { serve } from "./serve.command.ts";
import { runtimeFlags } from "./with-runtime.ts";

interface DemoFlags {
  customers: string;
  seed: string;
  truth?: string;
  serve?: boolean;
  host?: string;
  port?: string;
  json?: boolean;
}

const DEMO_SOURCE = "demo";
/** The demo's admin user; its password is new each time the demo loads, and printed. */
const DEMO_USER = "demo";

/** Loads the demo data set through the ingestion path; returns what was loaded. */
export async function loadDemo(
  runtime: Runtime,
  options: { customers: number; seed: number; truthPath: string },
) {
  const data = generateDemo({ customers: options.customers, seed: options.seed, end: new Date() });
  const source = await ensureSource(runtime.store, DEMO_SOURCE);
  const ingest = new IngestService(runtime.store, {
    defaultRegion: runtime.config.defaultRegion,
    maxMessageBytes: runtime.config.ingest.maxMessageBytes,
  });
  let accepted = 0;
  const rejected: unknown[] = [];
  for (let i = 0; i < data.messages.length; i += 5000) {
    const result = await ingest.ingest(data.messages.slice(i, i + 5000), {
      source,
      receivedAt: new Date(),
    });
    accepted += result.accepted;
    rejected.push(...result.rejected.map((r) => ({ ...r, index: r.index + i })));
  }
  // Profiles settled, then the journey index the analyses read (docs/architecture.md).
  await runtime.identity?.flush();
  await refreshJourneyIndex(runtime.store);
  writeFileSync(options.truthPath, `${JSON.stringify(data.truth, null, 2)}\n`);
  const login = { username: DEMO_USER, password: newPassword() };
  await new AccessService(runtime.store, runtime.config.auth).setUser({ ...login, role: "admin" });
  return {
    source,
    accepted,
    rejected,
    truthPath: options.truthPath,
    login,
    summary: demoSummary(data),
  };
}

export function registerDemoCommand(program: Command) {
  program
    .command("demo")
    .description("load a realistic omnichannel demo data set (and serve it with --serve)")
    .option("--customers <n>", "number of customers", "3000")
    .option("--seed <n>", "random seed", "42")
    .option("--truth <file>", "where to write the planted truths (default: beside the DuckDB file)")
    .option("--serve", "start the server after loading")
    .option("--host <host>", "with --serve: interface to listen on")
    .option("--port <port>", "with --serve: port to listen on")
    .option("--json", "print JSON")
    .action(async (flags: DemoFlags, command: Command) => {
      const customers = Number(flags.customers);
      const seed = Number(flags.seed);
      if (!Number.isInteger(customers) || customers < 1)
        throw new Error(`--customers: "${flags.customers}" is not a positive integer`);
      if (!Number.isInteger(seed)) throw new Error(`--seed: "${flags.seed}" is not an integer`);
      const runtimeOptions = resolveRuntimeOptions(runtimeFlags(command));
      const truthPath = resolve(
        flags.truth ??
          join(runtimeOptions.db ? dirname(runtimeOptions.db) : ".", "journeylens-demo.truth.json"),
      );
      const runtime = await openRuntime(runtimeFlags(command));
      try {
        const loaded = await loadDemo(runtime, { customers, seed, truthPath });
        if (flags.json) process.stdout.write(`${JSON.stringify(loaded, null, 2)}\n`);
        else {
          process.stdout.write(
            `${[
              `demo data: ${loaded.summary.messages} messages from ${loaded.summary.customers} customers; ${loaded.accepted} accepted, ${loaded.rejected.length} rejected`,
              `planted truths: ${loaded.truthPath}`,
              `demo source write key: ${loaded.source.writeKey}`,
            ].join("\n")}\n`,
          );
        }
        if (!flags.serve) return void (await runtime.close());
        const url = await serve(runtime, { host: flags.host, port: flags.port });
        process.stdout.write(
          `${[
            `journeylens is running at ${url}`,
            `  log in:  ${loaded.login.username} / ${loaded.login.password} (admin)`,
            `  health:  ${url}/api/health`,
            `  API doc: ${url}/api/openapi.json`,
            `  send:    curl -u ${loaded.source.writeKey}: -H 'content-type: application/json' -d '{"userId":"u1","event":"Hello"}' ${url}/v1/track`,
          ].join("\n")}\n`,
        );
      } catch (error) {
        await runtime.close();
        throw error;
      }
    });
}
