import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { AppError } from "../core/app-error.ts";

/**
 * Reads content items from a CSV (header row) or JSON file (an array of objects, or
 * `{ "items": [...] }`), for `journeylens audit` and `gaps --content`.
 */
export function readContentFile(path: string): Record<string, unknown>[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new AppError(
      "invalid_request",
      `cannot read ${path}: ${(cause as Error).message}`,
      "file",
    );
  }
  if (/\.json$/i.test(path)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw new AppError(
        "invalid_request",
        `${path} is not valid JSON: ${(cause as Error).message}`,
        "file",
      );
    }
    const items = Array.isArray(data) ? data : (data as { items?: unknown } | null)?.items;
    if (!Array.isArray(items) || items.some((i) => i === null || typeof i !== "object")) {
      throw new AppError(
        "invalid_request",
        `${path}: expected an array of objects or {"items": [...]}`,
        "file",
      );
    }
    return items as Record<string, unknown>[];
  }
  try {
    return parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (cause) {
    throw new AppError(
      "invalid_request",
      `${path} is not a valid CSV: ${(cause as Error).message}`,
      "file",
    );
  }
}
