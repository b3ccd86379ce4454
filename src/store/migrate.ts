import type { StoreKind } from "./event-store.ts";
import { MIGRATIONS, SCHEMA_MIGRATIONS_TABLE } from "./migrations.ts";

/** What the migration runner needs of a driver. */
export interface MigrationDriver {
  exec(sql: string, values?: unknown[]): Promise<void>;
  appliedVersions(): Promise<number[]>;
  /** Runs `work` in one transaction: a failed migration leaves nothing behind. */
  transaction(work: () => Promise<void>): Promise<void>;
}

/** Applies the migrations not yet applied, in version order; returns the version in force. */
export async function applyMigrations(kind: StoreKind, driver: MigrationDriver): Promise<number> {
  await driver.exec(SCHEMA_MIGRATIONS_TABLE);
  const applied = new Set(await driver.appliedVersions());
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    await driver.transaction(async () => {
      await driver.exec(migration.sql[kind]);
      await driver.exec(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())",
        [migration.version, migration.name],
      );
    });
  }
  return Math.max(0, ...MIGRATIONS.map((m) => m.version));
}
