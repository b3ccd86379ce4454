/**
 * The layer bench:gaps adds to the journey log of bench:journeys: payment attempts (Payment
 * Started, then Completed / Failed or nothing; app attempts with an app version, 5.1.0
 * completing less often) and CES answers about them, generated inside the store with SQL.
 */

/**
 * The payment layer: attempt `i` of profile `p` on a channel; k = 0 is the start, k = 1 the
 * outcome (left out when abandoned). `h(x)` is the dialect's non-negative hash of an integer.
 */
export function paymentLayerSql(kind: "duckdb" | "postgres", attempts: number, profiles: number) {
  const duck = kind === "duckdb";
  const h = (x: string) => (duck ? `hash(${x})` : `(hashint8(${x})::bigint + 2147483648)`);
  const pick = (items: string[], x: string) =>
    duck
      ? `([${items.map((s) => `'${s}'`).join(", ")}])[1 + (${h(x)} % ${items.length})::INT]`
      : `(ARRAY[${items.map((s) => `'${s}'`).join(", ")}])[1 + ${h(x)} % ${items.length}]`;
  const seconds = (x: string) =>
    duck ? `to_microseconds((${x})::BIGINT * 1000000)` : `make_interval(secs => ${x})`;
  const json = duck ? "json_object" : "jsonb_build_object";
  const series = duck
    ? `SELECT range AS i FROM range(${attempts})`
    : `SELECT i FROM generate_series(0, ${attempts - 1}) i`;
  return `INSERT INTO events (message_id, source_id, type, event, user_id, anonymous_id, channel,
      timestamp, received_at, properties, traits, context)
    SELECT 'g' || i || '-' || k, 'bench', 'track',
      CASE WHEN k = 0 THEN 'Payment Started' WHEN r < threshold THEN 'Payment Completed'
        ELSE 'Payment Failed' END,
      'u' || p, 'a' || p, ch,
      start + ${seconds(`k * (5 + ${h("i * 31")} % 300)`)}, TIMESTAMPTZ '2026-06-01 00:00:00+00',
      ${json}('channel', ch), ${duck ? "'{}'" : "'{}'::jsonb"},
      CASE WHEN ch = 'app' THEN ${json}('app', ${json}('version', version),
          'os', ${json}('name', ${pick(["iOS", "Android"], "i * 43")}))
        ELSE ${json}('userAgent', ${pick(["Mozilla/5.0 Chrome/124.0 Safari/537.36", "Mozilla/5.0 Version/17.4 Safari/605.1.15"], "i * 47")}) END
    FROM (
      SELECT i, ${h("i * 19 + 1")} % ${profiles} AS p, ch, version,
        TIMESTAMPTZ '2026-01-01 00:00:00+00' + ${seconds(`${h("i * 29")} % 7776000`)} AS start,
        ${h("i * 41")} % 1000 AS r,
        CASE WHEN ch = 'app' AND version = '5.1.0' THEN 550 ELSE 930 END AS threshold
      FROM (SELECT i, ${pick(["web", "app", "app", "call_center"], "i * 37")} AS ch,
          ${pick(["4.9.2", "5.0.3", "5.1.0", "5.2.0"], "i * 53")} AS version
        FROM (${series}) s) c) a
    CROSS JOIN (VALUES (0), (1)) AS v(k)
    WHERE k = 0 OR r < threshold + (1000 - threshold) * 8 / 10`;
}

/** CES answers about the payment task: one per 4 attempts. */
export function cesSql(kind: "duckdb" | "postgres", answers: number, profiles: number) {
  const duck = kind === "duckdb";
  const h = (x: string) => (duck ? `hash(${x})` : `(hashint8(${x})::bigint + 2147483648)`);
  const series = duck
    ? `SELECT range AS i FROM range(${answers})`
    : `SELECT i FROM generate_series(0, ${answers - 1}) i`;
  const time = duck
    ? `to_microseconds((${h("i * 11")} % 7776000000000)::BIGINT)`
    : `make_interval(secs => ${h("i * 11")} % 7776000)`;
  const json = duck ? "json_object" : "jsonb_build_object";
  return `INSERT INTO events (message_id, source_id, type, event, user_id, anonymous_id, channel,
      timestamp, received_at, properties, traits, context)
    SELECT 'c' || i, 'bench', 'track', 'Survey Responded', 'u' || (${h("i * 17")} % ${profiles}),
      'a' || (${h("i * 17")} % ${profiles}), CASE WHEN i % 2 = 0 THEN 'app' ELSE 'web' END,
      TIMESTAMPTZ '2026-01-01 00:00:00+00' + ${time}, TIMESTAMPTZ '2026-06-01 00:00:00+00',
      ${json}('survey_type', 'ces', 'score', 1 + ${h("i")} % 7, 'touchpoint', 'payment',
        'comment', CASE WHEN i % 3 = 0 THEN 'The payment was quick and easy' END),
      ${duck ? "'{}'" : "'{}'::jsonb"}, ${duck ? "'{}'" : "'{}'::jsonb"}
    FROM (${series}) s`;
}
