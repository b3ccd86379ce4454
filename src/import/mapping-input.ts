import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { type ColumnMapping, MappingError, parseColumnMapping } from "./column-mapping.ts";

/** Reads and validates a YAML or JSON mapping file; errors name the file. */
export function loadMappingFile(path: string): ColumnMapping {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new MappingError(`cannot read mapping ${path}: ${(cause as Error).message}`);
  }
  let raw: unknown;
  try {
    // YAML is a superset of JSON, but JSON.parse gives the better message for a .json file.
    raw = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    const kind = path.endsWith(".json") ? "JSON" : "YAML";
    throw new MappingError(`mapping ${path} is not valid ${kind}: ${(cause as Error).message}`);
  }
  return parseColumnMapping(raw, `mapping ${path}`);
}

export interface MappingFlags {
  /** `field=Column`: `userId=Customer ID`, `properties.score=NPS`, `traits=Plan`. */
  map?: readonly string[];
  /** `field=value`: `event=Survey Responded`, `channel=crm`, `properties.survey_type=nps`. */
  set?: readonly string[];
}

/**
 * Applies `--map` and `--set` flags over a mapping (from a file, or empty). `--map properties=X`
 * adds column X to the property list; `--map properties.key=X` renames it. The result is
 * validated, so an unknown field is reported by name.
 */
export function applyMappingFlags(base: ColumnMapping, flags: MappingFlags): ColumnMapping {
  const out: Record<string, unknown> = { ...base };
  for (const flag of flags.map ?? []) {
    const [field, column] = splitFlag(flag, "--map");
    const dot = field.indexOf(".");
    const group = dot < 0 ? field : field.slice(0, dot);
    if (group === "properties" || group === "traits") {
      out[group] = addToGroup(out[group] as ColumnMapping["properties"], field, dot, column);
    } else {
      out[field] = column;
    }
  }
  if (flags.set && flags.set.length > 0) {
    const constants: Record<string, unknown> = { ...base.constants };
    for (const flag of flags.set) {
      const [field, value] = splitFlag(flag, "--set");
      constants[field] = value;
    }
    out.constants = constants;
  }
  return parseColumnMapping(out, "--map/--set flags");
}

function addToGroup(
  group: ColumnMapping["properties"],
  field: string,
  dot: number,
  column: string,
): ColumnMapping["properties"] {
  if (dot < 0 && (group === undefined || Array.isArray(group))) return [...(group ?? []), column];
  // Mixing a list with renamed keys: a listed column keeps its own name as the key.
  const object = Array.isArray(group)
    ? Object.fromEntries(group.map((name) => [name, name]))
    : { ...group };
  object[dot < 0 ? column : field.slice(dot + 1)] = column;
  return object;
}

function splitFlag(flag: string, name: string): [string, string] {
  const eq = flag.indexOf("=");
  if (eq <= 0) throw new MappingError(`${name} ${flag}: expected field=value`);
  return [flag.slice(0, eq).trim(), flag.slice(eq + 1)];
}
