/** What a report says, independent of how it is drawn: sections of text, charts and tables. */
export interface ReportDocument {
  lang: "en" | "zh";
  title: string;
  subtitle: string;
  /** Headline figures shown as tiles at the top. */
  tiles: { label: string; value: string; note?: string }[];
  sections: ReportSection[];
}

export interface ReportSection {
  id: string;
  title: string;
  /** One or two sentences with the finding, numbers included. */
  summary: string;
  /** Inline SVG (server-rendered ECharts). */
  chart?: string;
  table?: { columns: string[]; rows: (string | number)[][] };
  /** Said when the section has nothing to show, e.g. no survey responses in the range. */
  empty?: string;
  notes?: string[];
}
