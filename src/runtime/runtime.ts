import { existsSync } from "node:fs";
import { identityOptionsOf } from "../identity/identity-config.ts";
import { IdentityService } from "../identity/identity-service.ts";
import { withIdentity } from "../identity/with-identity.ts";
import type { EventStore } from "../store/event-store.ts";
import { openStore } from "../store/open-store.ts";
import { type Config, loadConfigFile, parseConfig } from "./config.ts";

/** Where the process was told to find its store and config (flags, then environment). */
export interface RuntimeOptions {
  db?: string;
  pg?: string;
  config?: string;
}

export interface Runtime {
  config: Config;
  store: EventStore;
  /** Profiles: fed by every `store.insertEvents` of a wired runtime (`wireRuntime`). */
  identity?: IdentityService;
  close(): Promise<void>;
}

export const DEFAULT_DB = "./journeylens.duckdb";
const DEFAULT_CONFIG_FILES = [
  "journeylens.config.yaml",
  "journeylens.config.yml",
  "journeylens.config.json",
];

/** The only reader of process.env: store selection and config path. */
export function resolveRuntimeOptions(flags: RuntimeOptions, env = process.env): RuntimeOptions {
  const pg = flags.pg ?? (flags.db ? undefined : env.JOURNEYLENS_PG_URL);
  return {
    pg,
    db: pg ? undefined : (flags.db ?? env.JOURNEYLENS_DB ?? DEFAULT_DB),
    config: flags.config ?? env.JOURNEYLENS_CONFIG,
  };
}

export function loadConfig(path: string | undefined): Config {
  if (path) return loadConfigFile(path);
  const found = DEFAULT_CONFIG_FILES.find((file) => existsSync(file));
  return found ? loadConfigFile(found) : parseConfig({});
}

/** Loads the config once, opens and migrates the store: the wiring the server and CLI share. */
export async function openRuntime(flags: RuntimeOptions = {}): Promise<Runtime> {
  const options = resolveRuntimeOptions(flags);
  const config = loadConfig(options.config);
  const store = await openStore(
    options.pg
      ? { pg: options.pg }
      : { db: options.db ?? DEFAULT_DB, memoryLimit: config.duckdb.memoryLimit },
  );
  await store.migrate();
  return wireRuntime(config, store);
}

/** Builds the services around an open, migrated store; writes go through identity. */
export function wireRuntime(config: Config, store: EventStore): Runtime {
  const identity = new IdentityService(store, {
    identity: identityOptionsOf(config.identity, config.defaultRegion),
    updates: config.identity.updates,
    traitSourcePriority: config.identity.traitSourcePriority,
  });
  return {
    config,
    store: config.identity.updates === "off" ? store : withIdentity(store, identity),
    identity,
    close: async () => {
      try {
        await identity.flush();
      } finally {
        await store.close();
      }
    },
  };
}
