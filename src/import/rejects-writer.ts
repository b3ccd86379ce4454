import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";

/** One rejected row, as written to a rejects file (one JSON object per line). */
export interface RejectedRow {
  file: string;
  row: number;
  field: string;
  reason: string;
  detail?: string;
  raw: unknown;
}

/**
 * Writes rejected rows to NDJSON files, opened on the first reject (a clean import leaves no
 * file behind) and truncated then, so a rerun does not mix with an earlier run's rejects.
 * Several inputs may share one path (`--rejects`); they then append to the same stream.
 */
export class RejectsWriter {
  readonly #streams = new Map<string, WriteStream>();

  async write(path: string, rows: readonly RejectedRow[]): Promise<void> {
    if (rows.length === 0) return;
    let stream = this.#streams.get(path);
    if (!stream) {
      stream = createWriteStream(path, { flags: "w" });
      this.#streams.set(path, stream);
      // once() rejects on "error": an unwritable rejects path fails the import loudly.
      await once(stream, "open");
    }
    let text = "";
    for (const row of rows) text += `${JSON.stringify(row)}\n`;
    // Respect backpressure: a file of nothing but bad rows must not pile up in memory.
    if (!stream.write(text)) await once(stream, "drain");
  }

  /** Flushes and closes every file; resolves once the data is handed to the OS. */
  async close(): Promise<void> {
    const closing = [...this.#streams.values()].map(
      (stream) =>
        new Promise<void>((resolve, reject) => {
          stream.once("error", reject);
          stream.end(() => resolve());
        }),
    );
    this.#streams.clear();
    await Promise.all(closing);
  }
}
