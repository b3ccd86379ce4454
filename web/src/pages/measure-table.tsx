import type { Formatters } from "../i18n/format.ts";

/** Summary of a duration or other measure as the API gives it (kpis-reference.ts). */
export interface Stat {
  n: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/** "median (p90)" of a duration measured in units of `unitMs` milliseconds. */
export function statText(fmt: Formatters, stat: Stat, unitMs: number): string {
  if (stat.n === 0 || stat.median === null) return "–";
  const d = (v: number | null) => fmt.duration(v === null ? null : v * unitMs);
  return `${d(stat.median)} (${d(stat.p90)})`;
}

/**
 * Named measures down the side, one column per channel (or one value column): a table with a
 * header cell per row, so each figure is read with its name. Cells carry `data-col` (the
 * column id) and rows `data-row` (the measure id) for tests.
 */
export function MeasureTable({
  id,
  caption,
  nameHeader,
  columns,
  rows,
}: {
  id: string;
  caption: string;
  /** Header of the column of measure names. */
  nameHeader: string;
  columns: { id: string; header: string }[];
  /** [measure id, name, one value per column] */
  rows: [string, string, string[]][];
}) {
  return (
    <div className="table-wrap">
      <table className="data" data-table={id}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            {columns.map((c) => (
              <th key={c.id} scope="col" className="num">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([rowId, name, values]) => (
            <tr key={rowId} data-row={rowId}>
              <th scope="row">{name}</th>
              {values.map((v, i) => (
                <td key={columns[i]?.id ?? i} className="num" data-col={columns[i]?.id}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
