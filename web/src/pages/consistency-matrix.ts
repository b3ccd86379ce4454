import type { Gap } from "../api/types.ts";

export interface MatrixCell {
  row: number;
  col: number;
  /** The gap on a 0–1 scale (0 for the best channel). */
  relativeGap: number;
  gap: Gap | null;
  value: number;
}

/**
 * The gap matrix: one row per task × metric, one column per channel; each cell is the channel's
 * gap to the best channel of that row (the best channel itself is 0).
 */
export function gapMatrix(gaps: readonly Gap[]) {
  const rowKey = (g: Gap) => `${g.task ?? ""}\u001f${g.metric}`;
  const rows = [
    ...new Map(gaps.map((g) => [rowKey(g), { task: g.task, metric: g.metric }])).values(),
  ];
  const channels = [...new Set(gaps.flatMap((g) => [g.channel, g.bestChannel]))].sort();
  const cells: MatrixCell[] = [];
  rows.forEach((r, row) => {
    const inRow = gaps.filter(
      (g) => rowKey(g) === rowKey({ task: r.task, metric: r.metric } as Gap),
    );
    const best = inRow[0];
    if (best) {
      cells.push({
        row,
        col: channels.indexOf(best.bestChannel),
        relativeGap: 0,
        gap: null,
        value: best.bestValue,
      });
    }
    for (const g of inRow) {
      cells.push({
        row,
        col: channels.indexOf(g.channel),
        relativeGap: g.relativeGap,
        gap: g,
        value: g.value,
      });
    }
  });
  return { rows, channels, cells };
}
