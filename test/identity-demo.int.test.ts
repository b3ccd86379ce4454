import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IDENTITY_OPTIONS } from "../src/core/identity/identity-options.ts";
import { generateDemo } from "../src/demo/demo-generator.ts";
import { inMemoryQuality, storeQuality } from "../src/identity/identity-quality.ts";
import { IngestService } from "../src/ingest/ingest-service.ts";
import { ensureSource } from "../src/ingest/sources.ts";
import { parseConfig } from "../src/runtime/config.ts";
import { type Runtime, wireRuntime } from "../src/runtime/runtime.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

// inMemoryQuality generates with this end date; the stores get the very same messages.
const DEMO = { customers: 1500, seed: 42 };
const END = new Date("2026-06-01T00:00:00Z");

describe("identity quality on the demo data, through the store", () => {
  let expected: Awaited<ReturnType<typeof inMemoryQuality>>;
  beforeAll(async () => {
    expected = await inMemoryQuality(DEFAULT_IDENTITY_OPTIONS, DEMO);
  });

  for (const dialect of DIALECTS) {
    describe(dialect, () => {
      let runtime: Runtime;
      let cleanup: () => Promise<void>;
      beforeAll(async () => {
        const fresh = await freshStore(dialect);
        cleanup = fresh.cleanup;
        runtime = wireRuntime(parseConfig({}), fresh.store);
      });
      afterAll(async () => cleanup());

      it("meets precision ≥ 0.995 and recall ≥ 0.98, as the in-memory resolution does", async () => {
        const data = generateDemo({ ...DEMO, end: END });
        const source = await ensureSource(runtime.store, "demo");
        const ingest = new IngestService(runtime.store, {
          defaultRegion: "US",
          maxMessageBytes: 32 * 1024,
        });
        for (let i = 0; i < data.messages.length; i += 2000) {
          const result = await ingest.ingest(data.messages.slice(i, i + 2000), {
            source,
            receivedAt: END,
          });
          expect(result.rejected).toEqual([]);
        }
        const identity = runtime.identity;
        if (!identity) throw new Error("not wired");
        await identity.flush();
        const report = await storeQuality(identity.tables, data.truth, dialect);
        expect(report.precision).toBeGreaterThanOrEqual(0.995);
        expect(report.recall).toBeGreaterThanOrEqual(0.98);
        expect({ ...report, source: "" }).toEqual({ ...expected, source: "" });
      });
    });
  }
});
