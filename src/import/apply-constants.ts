import type { ColumnMapping } from "./column-mapping.ts";

type Json = Record<string, unknown>;

/** Fills `--set` constants into a message that lacks them (NDJSON imported as-is). */
export function applyConstants(message: Json, constants: ColumnMapping["constants"]): Json {
  if (!constants) return message;
  const out: Json = { ...message };
  for (const [key, value] of Object.entries(constants)) {
    const dot = key.indexOf(".");
    if (dot < 0) {
      if (key === "channel") fillNested(out, "properties", "channel", value);
      else if (key === "email" || key === "phone") fillNested(out, traitsKey(out), key, value);
      else out[key] ??= value;
    } else {
      const group = key.slice(0, dot);
      fillNested(out, group === "traits" ? traitsKey(out) : group, key.slice(dot + 1), value);
    }
  }
  return out;
}

const traitsKey = (m: Json) => (m.type === "identify" || m.type === "group" ? "traits" : "context");

function fillNested(message: Json, group: string, key: string, value: unknown) {
  const target = { ...((message[group] as Json | undefined) ?? {}) };
  if (group === "context") {
    const traits = { ...((target.traits as Json | undefined) ?? {}) };
    traits[key] ??= value;
    target.traits = traits;
  } else {
    target[key] ??= value;
  }
  message[group] = target;
}
