import { BarChart, HeatmapChart } from "echarts/charts";
import { GridComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, HeatmapChart, GridComponent, VisualMapComponent, SVGRenderer]);

const FONT = "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const BLUE = "#2f6fdf";

/** Pixels of the longest label (CJK characters are about twice as wide as Latin ones). */
const widestLabel = (labels: readonly string[]) =>
  Math.max(0, ...labels.map((l) => [...l].reduce((w, ch) => w + (ch > "\u2e7f" ? 13 : 7), 0)));

/** Renders an ECharts option to an SVG string on the server (no DOM), without animation. */
function svg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface BarOptions {
  labels: string[];
  values: number[];
  /** Format of the value labels, e.g. a percentage. */
  format?: (value: number) => string;
  width?: number;
  color?: string;
}

/** Horizontal bars, the first label on top; values printed at the bar ends. */
export function barChart(options: BarOptions): string {
  const width = options.width ?? 640;
  const height = 40 + options.labels.length * 28;
  const format = options.format ?? ((v: number) => String(v));
  const labelWidth = widestLabel(options.labels);
  return svg(
    {
      grid: { left: Math.min(268, 16 + labelWidth), right: 64, top: 8, bottom: 8 },
      xAxis: { type: "value", show: false },
      yAxis: {
        type: "category",
        inverse: true,
        data: options.labels,
        axisLabel: { width: 260, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          data: options.values,
          itemStyle: { color: options.color ?? BLUE },
          label: {
            show: true,
            position: "right",
            formatter: (p: { value: number }) => format(p.value),
          },
        },
      ],
    },
    width,
    height,
  );
}

export interface HeatmapOptions {
  columns: string[];
  rows: string[];
  /** [column index, row index, value]; a null value is an empty cell. */
  cells: [number, number, number | null][];
  max: number;
  format?: (value: number) => string;
}

/** A matrix of coloured cells with their values (e.g. stage × channel friction). */
export function heatmapChart(options: HeatmapOptions): string {
  const format = options.format ?? ((v: number) => v.toFixed(0));
  return svg(
    {
      grid: { left: Math.min(200, 16 + widestLabel(options.rows)), right: 8, top: 8, bottom: 72 },
      xAxis: { type: "category", data: options.columns, splitArea: { show: true } },
      yAxis: { type: "category", data: options.rows, inverse: true, splitArea: { show: true } },
      visualMap: {
        min: 0,
        max: Math.max(options.max, 1e-9),
        orient: "horizontal",
        left: "center",
        bottom: 0,
        itemHeight: 120,
        inRange: { color: ["#f4f8ff", "#ffd27f", "#e5533d"] },
      },
      series: [
        {
          type: "heatmap",
          data: options.cells.filter((c) => c[2] !== null),
          label: {
            show: true,
            formatter: (p: { value: [number, number, number] }) => format(p.value[2]),
          },
        },
      ],
    },
    Math.max(480, 110 + options.columns.length * 84),
    90 + options.rows.length * 40,
  );
}
