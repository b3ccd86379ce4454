/**
 * Flat parameters (an HTTP query string, or CLI flags) to journey spec inputs, for the spec
 * schemas to validate. Lists repeat a key or separate values with commas; nested values
 * (`segment`, `dropOff`, `compare`, step objects) are JSON.
 */
export type FlatParams = Record<string, string | string[] | undefined>;

export class ParamError extends Error {
  override name = "ParamError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export const last = (v: string | string[] | undefined) => (Array.isArray(v) ? v.at(-1) : v);
export const all = (v: string | string[] | undefined) =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
export const commaList = (v: string | string[] | undefined) =>
  all(v).flatMap((item) =>
    item
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

function parseJson(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ParamError(key, "is not valid JSON");
  }
}

export function json(params: FlatParams, key: string): unknown {
  const text = last(params[key]);
  return text === undefined ? undefined : parseJson(key, text);
}

/** A number when the text is one; otherwise the text, for the schema to reject by name. */
export function numeric(params: FlatParams, key: string): number | string | undefined {
  const text = last(params[key]);
  if (text === undefined || text.trim() === "") return undefined;
  return Number.isFinite(Number(text)) ? Number(text) : text;
}

export function flag(params: FlatParams, key: string): boolean | string | undefined {
  const text = last(params[key]);
  if (text === undefined) return undefined;
  if (["true", "1", "yes", ""].includes(text)) return true;
  if (["false", "0", "no"].includes(text)) return false;
  return text;
}

export const defined = (object: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));

export function filters(params: FlatParams) {
  const channels = commaList(params.channel ?? params.channels);
  return {
    from: last(params.from),
    to: last(params.to),
    channels: channels.length > 0 ? channels : undefined,
    segment: json(params, "segment"),
  };
}

/** `channel`, `property:KEY`, `trait:KEY`, or JSON. */
function breakdown(params: FlatParams): unknown {
  const text = last(params.breakdown);
  if (text === undefined) return undefined;
  if (text.trim().startsWith("{")) return json(params, "breakdown");
  const [by, ...rest] = text.split(":");
  return rest.length > 0 ? { by, key: rest.join(":") } : { by };
}

/** `EVENT`, `EVENT:FROM:TO` (step numbers), or JSON. */
function exclusions(params: FlatParams): unknown {
  const items = all(params.exclude);
  if (items.length === 0) return undefined;
  return items.map((item) => {
    if (item.trim().startsWith("{")) return parseJson("exclude", item);
    const match = /^(.*):(\d+):(\d+)$/.exec(item);
    return match
      ? { event: match[1], from: Number(match[2]), to: Number(match[3]) }
      : { event: item };
  });
}

function steps(params: FlatParams): unknown {
  const json_ = json(params, "steps");
  if (json_ !== undefined) return json_;
  const items = all(params.step);
  return items.length > 0 ? items : undefined;
}

export function funnelInput(params: FlatParams) {
  return defined({
    ...filters(params),
    steps: steps(params),
    window: numeric(params, "window") ?? last(params.window),
    mode: last(params.mode),
    exclusions: exclusions(params),
    breakdown: breakdown(params),
    breakdownLimit: numeric(params, "breakdownLimit"),
  });
}

export function pathsInput(params: FlatParams) {
  return defined({
    ...filters(params),
    start: last(params.start),
    end: last(params.end),
    depth: numeric(params, "depth"),
    collapseRepeats: flag(params, "collapseRepeats"),
    limit: numeric(params, "limit"),
    minProfiles: numeric(params, "minProfiles"),
    dropOff: json(params, "dropOff"),
    compare: json(params, "compare"),
  });
}

export function mapInput(params: FlatParams) {
  return defined({
    ...filters(params),
    activity: last(params.activity),
    minCount: numeric(params, "minCount"),
    minShare: numeric(params, "minShare"),
    maxEdges: numeric(params, "maxEdges"),
    variants: numeric(params, "variants"),
  });
}

export function retentionInput(params: FlatParams) {
  return defined({
    ...filters(params),
    period: last(params.period),
    periods: numeric(params, "periods"),
    startEvent: last(params.startEvent),
    returnEvent: last(params.returnEvent),
    activeInterval: last(params.activeInterval),
  });
}

export function sessionsInput(params: FlatParams) {
  return defined({
    ...filters(params),
    gapMinutes: numeric(params, "gapMinutes"),
    profile: last(params.profile),
    limit: numeric(params, "limit"),
    top: numeric(params, "top"),
  });
}

export function stagesInput(params: FlatParams) {
  return defined({ ...filters(params), profile: last(params.profile) });
}
