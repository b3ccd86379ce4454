import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openRuntime } from "../runtime/runtime.ts";
import { DuckDBEventStore } from "../store/duckdb-store.ts";
import { registerImportCommand } from "./import.command.ts";

let dir: string;
let output: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "jl-import-cli-"));
  await writeFile(join(dir, "config.json"), JSON.stringify({ defaultRegion: "CN" }));
  output = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `journeylens --db … --config … import ARGS` as the CLI would. */
async function journeylens(...args: string[]) {
  const program = new Command("journeylens")
    .option("--db <file>")
    .option("--pg <url>")
    .option("--config <file>")
    .exitOverride();
  registerImportCommand(program, openRuntime);
  const db = join(dir, "events.duckdb");
  await program.parseAsync(["--db", db, "--config", join(dir, "config.json"), "import", ...args], {
    from: "user",
  });
}

async function storedEvents() {
  const store = await DuckDBEventStore.open(join(dir, "events.duckdb"));
  try {
    return await store.listEvents();
  } finally {
    await store.close();
  }
}

const contactsCsv = async () => {
  const path = join(dir, "contacts.csv");
  await writeFile(
    path,
    [
      "Member No,Mobile,Joined,Tier",
      "M1,138 0013 8000,2025-01-01 08:00:00,金卡",
      "M2,139 0013 9000,2025-01-02,普通",
      "M3,,not a date,普通",
    ].join("\n"),
  );
  return path;
};

describe("journeylens import", () => {
  it("maps columns from flags, uses the config's region, and prints the summary JSON", async () => {
    const file = await contactsCsv();
    const rejects = join(dir, "contacts.rejects.ndjson");
    await journeylens(
      file,
      "--map",
      "userId=Member No",
      "--map",
      "phone=Mobile",
      "--map",
      "timestamp=Joined",
      "--set",
      "channel=branch",
      "--source",
      "crm-export",
      "--rejects",
      rejects,
      "--json",
    );
    const summary = JSON.parse(output);
    expect(summary).toMatchObject({ rows: 3, imported: 2, rejected: 1 });
    expect(summary.files[0]).toMatchObject({
      rejections: { "timestamp: not an ISO-8601 date-time": 1 },
      rejectsPath: rejects,
    });
    const events = await storedEvents();
    expect(events.map((e) => [e.userId, e.phone, e.sourceId, e.channel, e.type])).toEqual([
      ["M1", "+8613800138000", "crm-export", "branch", "identify"],
      ["M2", "+8613900139000", "crm-export", "branch", "identify"],
    ]);
    expect(JSON.parse(events[0]?.traits ?? "{}")).toMatchObject({ Tier: "金卡" });
  });

  it("prints a table with the rejection reasons and the rejects file", async () => {
    const file = await contactsCsv();
    const mapping = join(dir, "mapping.yaml");
    await writeFile(mapping, 'userId: "Member No"\nphone: Mobile\ntimestamp: Joined\n');
    const rejects = join(dir, "r.ndjson");
    await journeylens(file, "--mapping", mapping, "--rejects", rejects);
    expect(output).toMatch(/file\s+format\s+rows\s+imported\s+duplicates\s+rejected/);
    expect(output).toMatch(/contacts\.csv\s+csv\s+3\s+2\s+0\s+1/);
    expect(output).toContain("1 rejected rows written to");
    expect(output).toMatch(/timestamp: not an ISO-8601 date-time\s+1/);
  });

  it("fails naming a missing file, before creating a database", async () => {
    const missing = join(dir, "nope.ndjson");
    await expect(journeylens(missing)).rejects.toThrow(`${missing}: no such file`);
    expect(existsSync(join(dir, "events.duckdb"))).toBe(false);
  });

  it("fails naming an unreadable or invalid mapping file", async () => {
    const file = await contactsCsv();
    const absent = join(dir, "absent.yaml");
    await expect(journeylens(file, "--mapping", absent)).rejects.toThrow(
      `cannot read mapping ${absent}`,
    );
    const bad = join(dir, "bad.yaml");
    await writeFile(bad, "userId: [1, 2\n");
    await expect(journeylens(file, "--mapping", bad)).rejects.toThrow(
      `mapping ${bad} is not valid YAML`,
    );
    await writeFile(bad, "user: Member No\n");
    await expect(journeylens(file, "--mapping", bad)).rejects.toThrow("user: unknown key");
  });
});
