import type { ReactNode } from "react";

export interface Column<T> {
  header: string;
  cell(row: T, index: number): ReactNode;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** Name of the cell for tests (`data-col`). */
  id?: string;
}

/** A plain accessible table: a caption, column headers, one row per item. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  id,
  maxHeight,
  onRowClick,
}: {
  caption: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey(row: T, index: number): string;
  id?: string;
  maxHeight?: number;
  onRowClick?(row: T): void;
}) {
  return (
    <div className="table-wrap" style={maxHeight ? { maxHeight } : undefined}>
      <table className="data" data-table={id}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.numeric ? "num" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr
              key={rowKey(row, i)}
              className={onRowClick ? "clickable" : undefined}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
            >
              {columns.map((c, j) =>
                j === 0 ? (
                  <th
                    key={c.header}
                    scope="row"
                    data-col={c.id}
                    className={c.numeric ? "num" : undefined}
                  >
                    {c.cell(row, i)}
                  </th>
                ) : (
                  <td key={c.header} data-col={c.id} className={c.numeric ? "num" : undefined}>
                    {c.cell(row, i)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
