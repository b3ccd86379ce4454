import type { Command } from "commander";
import { openRuntime, type Runtime } from "../runtime/runtime.ts";
import { buildApp } from "../server/app.ts";
import { startJourneyIndexUpkeep } from "../server/journey-index-upkeep.ts";
import { runtimeFlags } from "./with-runtime.ts";

interface ServeFlags {
  host?: string;
  port?: string;
  log?: boolean;
}

/** Starts the HTTP server on an open runtime; resolves with its URL. Closes on SIGINT/SIGTERM. */
export async function serve(runtime: Runtime, flags: ServeFlags): Promise<string> {
  const app = await buildApp(runtime, { logger: flags.log ?? false });
  const host = flags.host ?? runtime.config.server.host;
  const port = flags.port !== undefined ? Number(flags.port) : runtime.config.server.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: "${flags.port}" is not a port number`);
  await app.listen({ host, port });
  const upkeep = startJourneyIndexUpkeep(runtime, {
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const address = app.server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const shutdown = async () => {
    await upkeep.close();
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  return `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;
}

export function registerServeCommand(program: Command) {
  program
    .command("serve")
    .description("run the ingestion and query API")
    .option("--host <host>", "interface to listen on (config server.host, default 127.0.0.1)")
    .option(
      "--port <port>",
      "port to listen on (config server.port, default 8787; 0 picks a free one)",
    )
    .option("--log", "log every request")
    .action(async (flags: ServeFlags, command: Command) => {
      const runtime = await openRuntime(runtimeFlags(command));
      const url = await serve(runtime, flags);
      process.stdout.write(`journeylens listening on ${url} (${runtime.store.kind} store)\n`);
    });
}
