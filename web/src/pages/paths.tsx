import { useMemo } from "react";
import type { MapResult, PathsResult } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { Page, Panel } from "../components/page.tsx";
import { SelectField } from "../components/select-field.tsx";
import { Async, Empty, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useQueryParam } from "../router/use-query-param.ts";
import { pathsSankeyOption } from "./paths-chart.ts";

type Anchor = "first" | "start" | "end";

/** Top paths from the first event, from a start event or to an end event, as a Sankey. */
export function PathsPage({ filters }: { filters: Filters }) {
  const { t, fmt } = useI18n();
  const [anchor, setAnchor] = useQueryParam<Anchor>("anchor", "first");
  const [event, setEvent] = useQueryParam("event", "");
  const [depth, setDepth] = useQueryParam("depth", "5");
  const [minShare, setMinShare] = useQueryParam("minShare", "0.01");
  // Event names for the picker, asked only when a start or end event is to be picked.
  const events = useApi<MapResult>(anchor === "first" ? null : "/api/map", {
    activity: "event",
    maxEdges: 1,
    variants: 0,
  });
  const needsEvent = anchor !== "first" && !event;
  const paths = useApi<PathsResult>(needsEvent ? null : "/api/paths", {
    ...filterParams(filters),
    depth,
    limit: 25,
    ...(anchor === "start" ? { start: event } : anchor === "end" ? { end: event } : {}),
  });
  const option = useMemo(
    () =>
      paths.data
        ? pathsSankeyOption(paths.data, { minShare: Number(minShare), ellipsis: "…" })
        : null,
    [paths.data, minShare],
  );

  return (
    <Page
      id="paths"
      title={t("nav.paths")}
      description={t("paths.description")}
      state={needsEvent ? "ready" : pageState(paths)}
      controls={
        <>
          <SelectField<Anchor>
            name="anchor"
            label={t("paths.anchor")}
            value={anchor}
            onChange={setAnchor}
            options={[
              { value: "first", label: t("paths.anchor.first") },
              { value: "start", label: t("paths.anchor.start") },
              { value: "end", label: t("paths.anchor.end") },
            ]}
          />
          {anchor !== "first" ? (
            <SelectField
              name="event"
              label={t("paths.event")}
              value={event}
              onChange={setEvent}
              options={[
                { value: "", label: t("paths.pickEvent") },
                ...(events.data?.activities ?? []).map((a) => ({ value: a.name, label: a.name })),
              ]}
            />
          ) : null}
          <SelectField
            name="depth"
            label={t("paths.depth")}
            value={depth}
            onChange={setDepth}
            options={["3", "4", "5", "6", "8"].map((v) => ({ value: v, label: v }))}
          />
          <SelectField
            name="minShare"
            label={t("paths.minShare")}
            value={minShare}
            onChange={setMinShare}
            options={["0", "0.005", "0.01", "0.02", "0.05"].map((v) => ({
              value: v,
              label: fmt.pct(Number(v), 1),
            }))}
          />
        </>
      }
    >
      {needsEvent ? (
        <Empty>{t("paths.needEvent")}</Empty>
      ) : (
        <Async data={paths} what={t("nav.paths")}>
          {(data) =>
            data.profiles === 0 ? (
              <Empty>{t("paths.empty")}</Empty>
            ) : (
              <>
                <Panel title={t("paths.sankey", { n: fmt.int(data.profiles) })}>
                  {option ? (
                    <Chart label={t("paths.sankeyLabel")} height={460} option={option} />
                  ) : null}
                </Panel>
                <Panel title={t("paths.top")}>
                  <DataTable
                    id="paths"
                    caption={t("paths.top")}
                    rows={data.paths}
                    rowKey={(p) => p.path.join("\u001f")}
                    columns={[
                      {
                        header: t("col.path"),
                        cell: (p) => <span className="path">{p.path.join(" → ")}</span>,
                      },
                      {
                        header: t("col.profiles"),
                        numeric: true,
                        id: "profiles",
                        cell: (p) => fmt.int(p.profiles),
                      },
                      {
                        header: t("col.share"),
                        numeric: true,
                        id: "share",
                        cell: (p) => fmt.pct(p.share),
                      },
                    ]}
                  />
                </Panel>
              </>
            )
          }
        </Async>
      )}
    </Page>
  );
}
