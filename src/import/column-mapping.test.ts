import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseMessage } from "../core/normalise-message.ts";
import { applyConstants } from "./apply-constants.ts";
import {
  type ColumnMapping,
  inferMapping,
  MappingError,
  parseColumnMapping,
  type RowContext,
  rowToMessage,
  timestampText,
} from "./column-mapping.ts";
import { ContentOccurrences } from "./content-occurrences.ts";
import { applyMappingFlags } from "./mapping-input.ts";

const normalise = {
  sourceId: "import",
  receivedAt: new Date("2026-06-01T00:00:00Z"),
  defaultRegion: "US" as const,
};

/** A fresh per-file occurrence counter, as the importer makes one per file. */
const fileContext = (): RowContext => {
  const seen = new ContentOccurrences();
  return { contentOccurrence: (key) => seen.next(key) };
};

const crmRow = (overrides: Record<string, string> = {}) => ({
  "Customer ID": "C-1001",
  "E-mail": " Ann.Lee@Example.COM ",
  Mobile: "(415) 555-2671",
  "Signup Date": "2025-03-04 09:30:00",
  Plan: "Gold",
  ...overrides,
});
const crmMapping: ColumnMapping = {
  userId: "Customer ID",
  email: "E-mail",
  phone: "Mobile",
  timestamp: "Signup Date",
};

const surveyRow = (overrides: Record<string, string | number | null> = {}) => ({
  Respondent: "R-7",
  Email: "wang.fang@example.cn",
  "Submitted At": "2025-05-01T08:00:00+08:00",
  NPS: "9",
  Comment: "客服很耐心，问题当天解决了",
  ...overrides,
});
const surveyMapping: ColumnMapping = {
  userId: "Respondent",
  email: "Email",
  timestamp: "Submitted At",
  properties: { score: "NPS", comment: "Comment" },
  constants: { event: "Survey Responded", channel: "email", "properties.survey_type": "nps" },
};

describe("rowToMessage", () => {
  it("makes an identify from a CRM row: email and phone as traits, unmapped columns as traits", () => {
    const message = rowToMessage(crmRow(), crmMapping, fileContext());
    expect(message).toMatchObject({
      type: "identify",
      userId: "C-1001",
      // Export times carry no zone: read as UTC, whatever the machine's zone.
      timestamp: "2025-03-04T09:30:00Z",
      traits: { email: "Ann.Lee@Example.COM", phone: "(415) 555-2671", Plan: "Gold" },
    });
    expect(message.messageId).toMatch(/^jl-[0-9a-f]{32}$/);
    const outcome = normaliseMessage(message, normalise);
    expect(outcome).toMatchObject({
      ok: true,
      value: { type: "identify", email: "ann.lee@example.com", phone: "+14155552671" },
    });
  });

  it("makes a track from a survey row: constants, renamed properties, numbers as numbers", () => {
    const message = rowToMessage(surveyRow(), surveyMapping, fileContext());
    expect(message).toMatchObject({
      type: "track",
      event: "Survey Responded",
      userId: "R-7",
      properties: {
        score: 9,
        comment: "客服很耐心，问题当天解决了",
        survey_type: "nps",
        channel: "email",
      },
      // A track's traits live in context.traits, where normaliseMessage reads them.
      context: { traits: { email: "wang.fang@example.cn" } },
    });
    const outcome = normaliseMessage(message, normalise);
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        channel: "email",
        email: "wang.fang@example.cn",
        timestamp: new Date("2025-05-01T00:00:00Z"),
      },
    });
  });

  it("keeps listed columns under their own names and leaves numbers that are not numbers", () => {
    const mapping: ColumnMapping = {
      anonymousId: "visitor",
      event: "action",
      properties: ["zip", "amount", "ref"],
      others: "ignore",
    };
    const row = {
      visitor: "v1",
      action: "Store Visit",
      zip: "02139",
      amount: "12.50",
      ref: "12345678901234567",
      note: "x",
    };
    expect(rowToMessage(row, mapping, fileContext()).properties).toEqual({
      zip: "02139",
      amount: 12.5,
      ref: "12345678901234567",
    });
  });

  it("uses a mapped messageId column, and derives one when its cell is empty", () => {
    const mapping: ColumnMapping = { ...crmMapping, messageId: "Row" };
    expect(rowToMessage({ ...crmRow(), Row: "r-1" }, mapping, fileContext()).messageId).toBe("r-1");
    expect(rowToMessage({ ...crmRow(), Row: " " }, mapping, fileContext()).messageId).toMatch(
      /^jl-/,
    );
  });

  it("gives identical rows in one file different ids, and the same ids on a re-import", () => {
    const ids = (rows: Record<string, string>[]) => {
      const context = fileContext();
      return rows.map((row) => rowToMessage(row, crmMapping, context).messageId);
    };
    const file = [crmRow(), crmRow(), crmRow({ Plan: "Silver" }), crmRow()];
    const first = ids(file);
    expect(new Set(first).size).toBe(4);
    expect(ids(file)).toEqual(first);
    // Rows appended to an export keep the ids of the rows before them.
    expect(ids([...file, crmRow({ Plan: "Bronze" })]).slice(0, 4)).toEqual(first);
  });

  it("leaves a track without an event to be rejected by normalisation, naming the field", () => {
    const message = rowToMessage({ id: "u1", Status: "open" }, { userId: "id" }, fileContext());
    expect(message.type).toBe("track");
    expect(normaliseMessage(message, normalise)).toMatchObject({ ok: false, field: "event" });
  });

  it("lower-cases a mapped type column", () => {
    const message = rowToMessage(
      { id: "u1", kind: "Page" },
      { userId: "id", type: "kind" },
      fileContext(),
    );
    expect(message.type).toBe("page");
  });
});

describe("timestampText", () => {
  it.each([
    ["2025-03-04 09:30", "2025-03-04T09:30Z"],
    ["2025-03-04T09:30:15.5", "2025-03-04T09:30:15.5Z"],
    ["2025-03-04T09:30:00+08:00", "2025-03-04T09:30:00+08:00"],
    ["1741080600", "2025-03-04T09:30:00.000Z"],
    ["1741080600000", "2025-03-04T09:30:00.000Z"],
    [1741080600, "2025-03-04T09:30:00.000Z"],
    ["04/03/2025", "04/03/2025"],
    ["", undefined],
    [null, undefined],
  ])("%j → %j", (input, expected) => {
    expect(timestampText(input)).toBe(expected);
  });
});

describe("parseColumnMapping", () => {
  it("accepts both forms of properties and traits", () => {
    expect(
      parseColumnMapping({ userId: "id", properties: ["a"], traits: { plan: "Plan" } }),
    ).toEqual({
      userId: "id",
      properties: ["a"],
      traits: { plan: "Plan" },
    });
  });

  it.each([
    [{ userID: "id" }, "userID: unknown key"],
    [{ constants: { colour: "red" } }, "constants.colour: not a mappable field"],
    [{ constants: { type: "purchase" } }, "type must be one of track"],
    [{ properties: "Plan" }, "properties: a list of column names"],
    [{ userId: "" }, "userId: empty column name"],
  ])("names the bad key in %j", (raw, message) => {
    expect(() => parseColumnMapping(raw, "mapping m.yaml")).toThrow(MappingError);
    expect(() => parseColumnMapping(raw, "mapping m.yaml")).toThrow(message);
  });
});

describe("applyMappingFlags", () => {
  it("turns --map and --set into a mapping over the file's", () => {
    const mapping = applyMappingFlags(
      { userId: "Respondent", properties: ["Comment"] },
      {
        map: ["properties.score=NPS", "traits=Plan", "timestamp=Submitted At"],
        set: ["event=Survey Responded", "properties.survey_type=nps"],
      },
    );
    expect(mapping).toEqual({
      userId: "Respondent",
      timestamp: "Submitted At",
      properties: { Comment: "Comment", score: "NPS" },
      traits: ["Plan"],
      constants: { event: "Survey Responded", "properties.survey_type": "nps" },
    });
  });

  it("rejects a flag without = and an unknown field", () => {
    expect(() => applyMappingFlags({}, { map: ["userId"] })).toThrow(
      "--map userId: expected field=value",
    );
    expect(() => applyMappingFlags({}, { map: ["user=id"] })).toThrow("user: unknown key");
  });
});

describe("inferMapping", () => {
  it("matches Segment field names in any spelling and leaves the rest to `others`", () => {
    expect(
      inferMapping(["User ID", "anonymous_id", "EVENT", "Timestamp", "E-mail", "plan"]),
    ).toEqual({
      userId: "User ID",
      anonymousId: "anonymous_id",
      event: "EVENT",
      timestamp: "Timestamp",
      email: "E-mail",
    });
  });

  it("keeps what the given mapping already says", () => {
    expect(inferMapping(["user_id", "event"], { userId: "crm_id" })).toEqual({
      userId: "crm_id",
      event: "event",
    });
  });
});

describe("applyConstants", () => {
  it("fills only what an NDJSON message lacks", () => {
    const message = { type: "track", event: "Login", properties: { channel: "app" } };
    expect(
      applyConstants(message, {
        event: "X",
        channel: "web",
        "properties.region": "EU",
        email: "a@b.co",
      }),
    ).toEqual({
      type: "track",
      event: "Login",
      properties: { channel: "app", region: "EU" },
      context: { traits: { email: "a@b.co" } },
    });
  });
});

describe("ContentOccurrences", () => {
  it("counts like a Map, across growth", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 6000 }), (keys) => {
        const counter = new ContentOccurrences(16);
        const reference = new Map<string, number>();
        for (const k of keys) {
          const key = `jl-${k}`;
          const expected = reference.get(key) ?? 0;
          reference.set(key, expected + 1);
          if (counter.next(key) !== expected) return false;
        }
        return counter.size === reference.size;
      }),
      { numRuns: 30 },
    );
  });
});
