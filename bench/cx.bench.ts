/**
 * CX benchmark: survey metrics and the CX index, engagement and channel KPIs over the
 * synthetic journey log of bench:journeys plus survey answers (one per 50 events: NPS, CSAT
 * and CES with a stage and a touchpoint), on DuckDB and on a throwaway PostgreSQL.
 *
 *   npm run bench:cx -- [--events 1000000] [--profiles N] [--db FILE] [--runs 3]
 *                       [--pg-events N] [--skip-pg] [--memory-limit 1GB]
 */
import { CxConfigSchema } from "../src/core/cx/cx-config.ts";
import { CxSpecSchema, EngagementSpecSchema, KpisSpecSchema } from "../src/core/cx/specs.ts";
import { DEFAULT_STAGE_MODEL } from "../src/core/journeys/stage-model.ts";
import { getCx } from "../src/cx/cx.ts";
import { getEngagement } from "../src/cx/engagement.ts";
import { getKpis } from "../src/cx/kpis.ts";
import type { EventStore } from "../src/store/event-store.ts";
import {
  duckdbGenerateSql,
  measure,
  postgresGenerateSql,
  report,
  secs,
  timed,
} from "./support/bench-journey-log.ts";
import { benchOnStores } from "./support/bench-on-stores.ts";

const CONFIG = CxConfigSchema.parse({});
const MODEL = DEFAULT_STAGE_MODEL;
const STAGES = MODEL.stages.map((s) => `'${s.name}'`).join(", ");

/** Survey answers: one per 50 events, over the same profiles and 90 days. */
function duckdbSurveysSql(surveys: number, profiles: number) {
  return `INSERT INTO events
    SELECT 's' || i, 'bench', 'track', 'Survey Responded',
      'u' || p, 'a' || p, NULL, NULL, NULL, NULL,
      (['web', 'app', 'store', 'call_center'])[1 + (hash(i * 5) % 4)::INT],
      TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_microseconds((hash(i * 11) % 7776000000000)::BIGINT),
      NULL, TIMESTAMPTZ '2026-06-01 00:00:00+00',
      json_object('survey_type', (['nps', 'csat', 'ces'])[1 + (i % 3)::INT],
        'score', CASE i % 3 WHEN 0 THEN hash(i) % 11 WHEN 1 THEN 1 + hash(i) % 5 ELSE 1 + hash(i) % 7 END,
        'stage', CASE WHEN hash(i * 3) % 2 = 0 THEN ([${STAGES}])[1 + (hash(i * 7) % 5)::INT] END,
        'touchpoint', (['website', 'mobile_app', 'branch_visit'])[1 + (hash(i * 13) % 3)::INT])::VARCHAR,
      '{}', '{}'
    FROM (SELECT range AS i, hash(range * 17 + 3) % ${profiles} AS p FROM range(${surveys}))`;
}

function postgresSurveysSql(surveys: number, profiles: number) {
  const h = (x: string) => `(hashint8(${x})::bigint + 2147483648)`;
  return `INSERT INTO events (message_id, source_id, type, event, user_id, anonymous_id, channel,
      timestamp, received_at, properties, traits, context)
    SELECT 's' || i, 'bench', 'track', 'Survey Responded', 'u' || p, 'a' || p,
      (ARRAY['web', 'app', 'store', 'call_center'])[1 + ${h("i * 5")} % 4],
      TIMESTAMPTZ '2026-01-01 00:00:00+00' + make_interval(secs => ${h("i * 11")} % 7776000),
      TIMESTAMPTZ '2026-06-01 00:00:00+00',
      jsonb_build_object('survey_type', (ARRAY['nps', 'csat', 'ces'])[1 + i % 3],
        'score', CASE i % 3 WHEN 0 THEN ${h("i")} % 11 WHEN 1 THEN 1 + ${h("i")} % 5 ELSE 1 + ${h("i")} % 7 END,
        'stage', CASE WHEN ${h("i * 3")} % 2 = 0 THEN (ARRAY[${STAGES}])[1 + ${h("i * 7")} % 5] END,
        'touchpoint', (ARRAY['website', 'mobile_app', 'branch_visit'])[1 + ${h("i * 13")} % 3]),
      '{}', '{}'
    FROM (SELECT i, ${h("i * 17 + 3")} % ${profiles} AS p FROM generate_series(0, ${surveys - 1}) i) s`;
}

async function ensureData(store: EventStore, events: number, profiles: number) {
  const surveys = Math.floor(events / 50);
  const count = await store.countEvents();
  if (count === events + surveys) return report(`  reusing ${count.toLocaleString()} events`);
  if (count > 0) await store.exec("DELETE FROM events");
  const duck = store.kind === "duckdb";
  const run = await timed(async () => {
    await store.exec(
      duck ? duckdbGenerateSql(events, profiles) : postgresGenerateSql(events, profiles),
    );
    await store.exec(
      duck ? duckdbSurveysSql(surveys, profiles) : postgresSurveysSql(surveys, profiles),
    );
    if (!duck) await store.exec("ANALYZE events");
  });
  report(
    `  generated ${events.toLocaleString()} events + ${surveys.toLocaleString()} survey answers in ${secs(run.ms)}`,
  );
}

async function benchStore(store: EventStore, runs: number) {
  const cx = await measure(runs, () =>
    getCx(store, CxSpecSchema.parse({ by: ["stage", "channel"] }), {
      model: MODEL,
      config: CONFIG,
    }),
  );
  const nps = cx.value.surveys.overall.nps;
  report(
    `  cx --by stage,channel (survey metrics + CX index + key drivers): ${secs(cx.ms)}  (NPS ${nps && "nps" in nps ? nps.nps : "–"} over ${nps?.responses ?? 0} answers, CX ${cx.value.cxIndex?.value})`,
  );
  const plain = await measure(runs, () =>
    getCx(store, CxSpecSchema.parse({ by: ["channel"], index: false }), {
      model: MODEL,
      config: CONFIG,
    }),
  );
  report(`  cx --by channel --no-index: ${secs(plain.ms)}`);
  const engagement = await measure(runs, () =>
    getEngagement(store, EngagementSpecSchema.parse({ by: ["trait:plan"] }), CONFIG),
  );
  report(
    `  engagement: ${secs(engagement.ms)}  (${engagement.value.profiles.toLocaleString()} profiles, median ${engagement.value.distribution.median})`,
  );
  const kpis = await measure(runs, () =>
    getKpis(store, KpisSpecSchema.parse({}), {
      model: MODEL,
      config: CONFIG,
      sessionGapMinutes: 30,
    }),
  );
  report(`  kpis: ${secs(kpis.ms)}  (${kpis.value.web?.sessions.toLocaleString()} web sessions)`);
}

await benchOnStores("cx", { ensureData, benchStore });
