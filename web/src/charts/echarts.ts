import {
  BarChart,
  GraphChart,
  HeatmapChart,
  LineChart,
  SankeyChart,
  ScatterChart,
} from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

// Only the charts the pages draw, to keep the bundle small.
echarts.use([
  BarChart,
  GraphChart,
  HeatmapChart,
  LineChart,
  SankeyChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  AriaComponent,
  CanvasRenderer,
]);

export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;

/** The palette: one colour per series, friction and failures in the warning colour. */
export const COLORS = {
  series: ["#2563eb", "#0d9488", "#d97706", "#7c3aed", "#db2777", "#4b5563", "#65a30d", "#0891b2"],
  primary: "#2563eb",
  muted: "#94a3b8",
  warning: "#dc2626",
  good: "#16a34a",
};

/** One colour per name, the same wherever the name appears (e.g. an event in every Sankey column). */
export function colorOf(name: string): string {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
  return COLORS.series[Math.abs(hash) % COLORS.series.length] as string;
}

/**
 * Text for an HTML tooltip: ECharts puts a tooltip formatter's string in the page as HTML, and
 * event names, features and channels come from ingested data, so every data value is escaped.
 */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}
