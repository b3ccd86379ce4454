import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DuckDBEventStore } from "../store/duckdb-store.ts";
import type { ColumnMapping } from "./column-mapping.ts";
import { type ImportOptions, importFiles } from "./file-import.ts";
import { ImportError } from "./import-error.ts";

let dir: string;
let store: DuckDBEventStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "jl-import-"));
  store = await DuckDBEventStore.open(join(dir, "events.duckdb"));
  await store.migrate();
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const NOW = new Date("2026-06-01T00:00:00Z");
const options = (extra: Partial<ImportOptions> = {}): ImportOptions => ({
  sourceId: "import",
  defaultRegion: "US",
  rejectsPath: join(dir, "rejects.ndjson"),
  now: () => NOW,
  ...extra,
});

// ---- fixture factories ----

const track = (i: number, fields: Record<string, unknown> = {}) => ({
  type: "track",
  messageId: `m-${i}`,
  event: "Order Completed",
  userId: `u-${i % 3}`,
  timestamp: `2026-05-0${1 + (i % 9)}T10:00:00Z`,
  properties: { channel: "web", revenue: i },
  ...fields,
});

async function ndjsonFile(name: string, lines: readonly (object | string)[]) {
  const path = join(dir, name);
  const text = lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n");
  const body = `${text}\n`;
  await writeFile(path, name.endsWith(".gz") ? gzipSync(body) : body);
  return path;
}

const quote = (cell: string | number) => {
  const text = String(cell);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

async function csvFile(
  name: string,
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
) {
  const path = join(dir, name);
  const lines = [header, ...rows].map((row) => row.map(quote).join(","));
  // Exports from Excel start with a byte-order mark and end lines with CRLF.
  await writeFile(path, `\uFEFF${lines.join("\r\n")}\r\n`);
  return path;
}

const crmRow = (i: number, overrides: Partial<Record<"date" | "email", string>> = {}) => [
  `C-${1000 + i}`,
  overrides.email ?? `Customer${i}@Example.com`,
  `(415) 555-${String(2600 + i).padStart(4, "0")}`,
  overrides.date ?? `2025-0${1 + (i % 9)}-15 09:30:00`,
  i % 2 === 0 ? "Gold" : "Basic",
];
const CRM_HEADER = ["Customer ID", "E-mail", "Mobile", "Signup Date", "Plan"];
const crmMapping: ColumnMapping = {
  userId: "Customer ID",
  email: "E-mail",
  phone: "Mobile",
  timestamp: "Signup Date",
};

const SURVEY_HEADER = ["Respondent", "Email", "Submitted At", "NPS", "Comment"];
const surveyRow = (respondent: string, nps: number, comment: string) => [
  respondent,
  `${respondent.toLowerCase()}@example.com`,
  "2026-04-20T12:00:00+08:00",
  nps,
  comment,
];
const surveyMapping: ColumnMapping = {
  userId: "Respondent",
  email: "Email",
  timestamp: "Submitted At",
  properties: { score: "NPS", comment: "Comment" },
  constants: { event: "Survey Responded", "properties.survey_type": "nps", channel: "email" },
};

async function rejectLines(path = join(dir, "rejects.ndjson")) {
  const text = await readFile(path, "utf8");
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const eventProperties = async (event: string) =>
  (await store.listEvents()).filter((e) => e.event === event).map((e) => JSON.parse(e.properties));

describe("importFiles: NDJSON", () => {
  it("stores good lines and rejects bad ones with line numbers and reasons", async () => {
    const file = await ndjsonFile("events.ndjson", [
      track(1),
      "{not json",
      track(2, { timestamp: "yesterday" }),
      "",
      track(3, { userId: undefined }),
      track(4, { context: { traits: { email: " Ann@Example.COM " } } }),
      "[1, 2]",
      track(5),
    ]);
    const summary = await importFiles(store, [file], options());

    expect(summary.files[0]).toMatchObject({
      format: "ndjson",
      rows: 7,
      imported: 3,
      duplicates: 0,
      rejected: 4,
      rejections: {
        "line: not valid JSON": 1,
        "line: not a JSON object": 1,
        "timestamp: not an ISO-8601 date-time": 1,
        "userId: userId or anonymousId is required": 1,
      },
      rejectsPath: join(dir, "rejects.ndjson"),
    });
    expect(await store.countEvents()).toBe(3);
    const [ann] = await store.listEvents({ messageIds: ["m-4"] });
    expect(ann).toMatchObject({ email: "ann@example.com", channel: "web", receivedAt: NOW });

    const rejects = await rejectLines();
    expect(rejects.map((r) => [r.row, r.field])).toEqual([
      [2, "line"],
      [3, "timestamp"],
      [5, "userId"],
      [7, "line"],
    ]);
    expect(rejects[0]).toMatchObject({ file, reason: "not valid JSON", raw: "{not json" });
    expect(rejects[1]).toMatchObject({ raw: { messageId: "m-2", timestamp: "yesterday" } });
  });

  it("adds nothing when the same file is imported again", async () => {
    // With a byte-order mark, as Windows editors write it.
    const file = await ndjsonFile("events.jsonl", [
      `\uFEFF${JSON.stringify(track(1))}`,
      track(2),
      track(3),
    ]);
    expect(await importFiles(store, [file], options())).toMatchObject({ imported: 3, rejected: 0 });
    const again = await importFiles(store, [file], options());
    expect(again).toMatchObject({ rows: 3, imported: 0, duplicates: 3, rejected: 0 });
    expect(await store.countEvents()).toBe(3);
  });

  it("stores both of two identical lines without messageId, once each across re-imports", async () => {
    const line = { ...track(1), messageId: undefined };
    const file = await ndjsonFile("no-ids.ndjson", [line, line, { ...line, event: "Cart Viewed" }]);
    expect((await importFiles(store, [file], options())).imported).toBe(3);
    expect((await importFiles(store, [file], options())).imported).toBe(0);
    expect(await store.countEvents()).toBe(3);
  });

  it("reads gzip-compressed files and fills --set constants into messages that lack them", async () => {
    const file = await ndjsonFile("events.ndjson.gz", [track(1, { properties: {} }), track(2)]);
    const summary = await importFiles(
      store,
      [file],
      options({ mapping: { constants: { channel: "crm" } } }),
    );
    expect(summary.imported).toBe(2);
    const channels = (await store.listEvents()).map((e) => [e.messageId, e.channel]);
    expect(channels).toEqual([
      ["m-1", "crm"],
      ["m-2", "web"],
    ]);
  });

  it("maps flat NDJSON rows with a mapping, and refuses a mapping that matches nothing", async () => {
    const file = await ndjsonFile("flat.ndjson", [
      { member: "M1", action: "Coupon Redeemed", at: "2026-01-05 10:00:00", store: "Pudong" },
    ]);
    const mapping: ColumnMapping = { userId: "member", event: "action", timestamp: "at" };
    expect((await importFiles(store, [file], options({ mapping }))).imported).toBe(1);
    const [event] = await store.listEvents();
    expect(event).toMatchObject({ userId: "M1", timestamp: new Date("2026-01-05T10:00:00Z") });
    expect(JSON.parse(event?.properties ?? "{}")).toEqual({ store: "Pudong" });

    const segment = await ndjsonFile("segment.ndjson", [track(1)]);
    await expect(importFiles(store, [segment], options({ mapping: crmMapping }))).rejects.toThrow(
      /segment\.ndjson: none of the mapped columns \(Customer ID, E-mail, Mobile, Signup Date\)/,
    );
  });

  it("refuses a JSON array file with a hint, before storing anything", async () => {
    const file = join(dir, "array.json");
    await writeFile(file, JSON.stringify([track(1), track(2)], null, 2));
    await expect(importFiles(store, [file], options())).rejects.toThrow(
      /array\.json: looks like a JSON array/,
    );
    expect(await store.countEvents()).toBe(0);
  });

  it("imports in many small batches and reports progress up to the file size", async () => {
    const file = await ndjsonFile(
      "many.ndjson",
      Array.from({ length: 250 }, (_, i) => track(i)),
    );
    const progress: number[] = [];
    const summary = await importFiles(
      store,
      [file],
      options({ batchSize: 7, onProgress: (p) => progress.push(p.bytesRead / p.totalBytes) }),
    );
    expect(summary.imported).toBe(250);
    expect(await store.countEvents()).toBe(250);
    expect(progress.at(-1)).toBe(1);
  });
});

describe("importFiles: CSV", () => {
  it("imports a CRM export as identifies and rejects its bad rows, keeping the good ones", async () => {
    const file = await csvFile("crm.csv", CRM_HEADER, [
      crmRow(1),
      crmRow(2),
      [...crmRow(3), "extra column"],
      crmRow(4, { date: "15/01/2025" }),
      crmRow(5),
    ]);
    const summary = await importFiles(store, [file], options({ mapping: crmMapping }));

    expect(summary.files[0]).toMatchObject({
      format: "csv",
      rows: 5,
      imported: 3,
      rejected: 2,
      rejections: { "row: wrong number of columns": 1, "timestamp: not an ISO-8601 date-time": 1 },
    });
    const events = await store.listEvents();
    expect(events.map((e) => e.userId)).toEqual(["C-1001", "C-1002", "C-1005"]);
    expect(events[0]).toMatchObject({
      type: "identify",
      email: "customer1@example.com",
      phone: "+14155552601",
      timestamp: new Date("2025-02-15T09:30:00Z"),
    });
    expect(JSON.parse(events[1]?.traits ?? "{}")).toMatchObject({ Plan: "Gold" });
    const rejects = await rejectLines();
    // Line numbers count the header as line 1, as an editor shows them.
    expect(rejects.map((r) => [r.row, r.field, r.reason])).toEqual([
      [4, "row", "wrong number of columns"],
      [5, "timestamp", "not an ISO-8601 date-time"],
    ]);
  });

  it("imports a survey export in Chinese and English; identical rows both load, once", async () => {
    const rows = [
      surveyRow("R1", 9, "服务很好，办理很快"),
      surveyRow("R2", 3, "Waited 40 minutes, then the call dropped"),
      surveyRow("R3", 6, 'App 登录老是失败, "验证码"收不到'),
      surveyRow("R2", 3, "Waited 40 minutes, then the call dropped"),
    ];
    const file = await csvFile("survey.csv", SURVEY_HEADER, rows);
    const first = await importFiles(store, [file], options({ mapping: surveyMapping }));
    expect(first).toMatchObject({ imported: 4, rejected: 0 });
    const again = await importFiles(store, [file], options({ mapping: surveyMapping }));
    expect(again).toMatchObject({ imported: 0, duplicates: 4 });

    expect(await store.countEvents()).toBe(4);
    const surveys = await eventProperties("Survey Responded");
    expect(surveys.map((p) => p.score).sort()).toEqual([3, 3, 6, 9]);
    expect(surveys).toContainEqual({
      score: 6,
      comment: 'App 登录老是失败, "验证码"收不到',
      survey_type: "nps",
      channel: "email",
    });
    const [r1] = await store.listEvents({ userId: "R1" });
    expect(r1).toMatchObject({
      channel: "email",
      email: "r1@example.com",
      timestamp: new Date("2026-04-20T04:00:00Z"),
    });
  });

  it("imports a support-ticket export with its own ids and channels", async () => {
    const header = ["Ticket ID", "Customer", "Opened At", "Channel", "Subject", "Status"];
    const ticket = (id: number, channel: string) => [
      `T-${id}`,
      `C-${id % 2}`,
      `2026-03-0${id}T08:15:00Z`,
      channel,
      `Card blocked #${id}`,
      "open",
    ];
    const file = await csvFile("tickets.csv", header, [
      ticket(1, "Phone"),
      ticket(2, "Live Chat"),
      ticket(3, "Email"),
    ]);
    const mapping: ColumnMapping = {
      messageId: "Ticket ID",
      userId: "Customer",
      timestamp: "Opened At",
      channel: "Channel",
      constants: { event: "Support Ticket Opened" },
    };
    expect((await importFiles(store, [file], options({ mapping }))).imported).toBe(3);
    const events = await store.listEvents();
    expect(events.map((e) => [e.messageId, e.channel])).toEqual([
      ["T-1", "call_center"],
      ["T-2", "chat"],
      ["T-3", "email"],
    ]);
    expect(JSON.parse(events[0]?.properties ?? "{}")).toEqual({
      channel: "Phone",
      Subject: "Card blocked #1",
      Status: "open",
    });
  });

  it("matches a header of Segment field names without a mapping", async () => {
    const file = await csvFile(
      "segment.csv",
      ["user_id", "event", "timestamp", "plan"],
      [["u1", "Signed Up", "2026-01-02T03:04:05Z", "pro"]],
    );
    expect((await importFiles(store, [file], options())).imported).toBe(1);
    const [event] = await store.listEvents();
    expect(event).toMatchObject({ userId: "u1", event: "Signed Up", type: "track" });
    expect(JSON.parse(event?.properties ?? "{}")).toEqual({ plan: "pro" });
  });

  it("fails naming the file and the column when a mapped column is not in the header", async () => {
    const file = await csvFile("crm.csv", CRM_HEADER, [crmRow(1)]);
    const mapping = { ...crmMapping, email: "Email" };
    await expect(importFiles(store, [file], options({ mapping }))).rejects.toThrow(
      /crm\.csv: mapped column "Email" not in the header \(columns: Customer ID, E-mail/,
    );
  });

  it("fails fast when no column can identify the customer", async () => {
    const file = await csvFile("plain.csv", ["name", "score"], [["Ann", 5]]);
    await expect(importFiles(store, [file], options())).rejects.toThrow(
      /plain\.csv: no column is mapped to userId/,
    );
  });
});

describe("importFiles: Parquet", () => {
  async function parquetFile(name: string, rows: number) {
    const path = join(dir, name);
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`
      COPY (
        SELECT 'cust-' || (i % 40) AS "Customer ID",
               CASE WHEN i % 3 = 0 THEN 'Page Viewed' ELSE 'Product Added' END AS "Event",
               TIMESTAMP '2026-02-01 00:00:00' + INTERVAL (i) MINUTE AS "Event Time",
               (i * 1.5)::DECIMAL(10, 2) AS amount,
               i::BIGINT AS seq,
               ['a', 'b'] AS tags
        FROM range(${rows}) t(i)
      ) TO '${path}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    return path;
  }

  it("streams a Parquet file through DuckDB, typed values kept", async () => {
    const file = await parquetFile("events.parquet", 5000);
    const mapping: ColumnMapping = {
      userId: "Customer ID",
      event: "Event",
      timestamp: "Event Time",
    };
    const summary = await importFiles(store, [file], options({ mapping }));
    expect(summary.files[0]).toMatchObject({
      format: "parquet",
      rows: 5000,
      imported: 5000,
      rejected: 0,
    });
    expect(await store.countEvents()).toBe(5000);
    expect(await store.countEvents({ userId: "cust-7" })).toBe(125);
    const [first] = await store.listEvents({ limit: 1 });
    expect(first?.timestamp).toEqual(new Date("2026-02-01T00:00:00Z"));
    expect(JSON.parse(first?.properties ?? "{}")).toEqual({ amount: 0, seq: 0, tags: ["a", "b"] });
    expect((await importFiles(store, [file], options({ mapping }))).imported).toBe(0);
  });
});

describe("importFiles: inputs", () => {
  it("checks every file before storing anything and names the missing one", async () => {
    const good = await ndjsonFile("good.ndjson", [track(1)]);
    const missing = join(dir, "missing.ndjson");
    const attempt = importFiles(store, [good, missing], options());
    await expect(attempt).rejects.toThrow(ImportError);
    await expect(attempt).rejects.toThrow(`${missing}: no such file`);
    expect(await store.countEvents()).toBe(0);
  });

  it("writes rejects beside the working directory by default, only when there are some", async () => {
    const bad = await ndjsonFile("bad.ndjson", [track(1), "oops"]);
    const clean = await ndjsonFile("clean.ndjson", [track(2)]);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const summary = await importFiles(store, [bad, clean], options({ rejectsPath: undefined }));
      expect(summary.files.map((f) => f.rejectsPath)).toEqual([
        join(dir, "bad.ndjson.rejected.ndjson"),
        null,
      ]);
      expect(
        (await rejectLines(join(dir, "bad.ndjson.rejected.ndjson"))).map((r) => r.row),
      ).toEqual([2]);
      await expect(readFile(join(dir, "clean.ndjson.rejected.ndjson"))).rejects.toThrow();
    } finally {
      process.chdir(cwd);
    }
  });
});
