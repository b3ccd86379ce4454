import { useCallback, useMemo } from "react";
import type { FrictionResult, MapResult, StagesResult } from "../api/types.ts";
import { settled, useApi } from "../api/use-api.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { Page, Panel } from "../components/page.tsx";
import { SelectField } from "../components/select-field.tsx";
import { Async, Empty, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useQueryParam } from "../router/use-query-param.ts";
import { journeyMapOption } from "./journey-map-chart.ts";

type Activity = "stage" | "event" | "channel_event";

/** The journey map: a directly-follows graph of stages, events or channel × event. */
export function JourneyMapPage({
  filters,
  apiPaths,
}: {
  filters: Filters;
  apiPaths: Set<string> | null;
}) {
  const { t, fmt, label } = useI18n();
  const [activity, setActivity] = useQueryParam<Activity>("activity", "event");
  const [maxEdges, setMaxEdges] = useQueryParam("maxEdges", "60");
  const [minShare, setMinShare] = useQueryParam("minShare", "0.02");
  const [selected, setSelected] = useQueryParam("node", "");
  const map = useApi<MapResult>("/api/map", {
    ...filterParams(filters),
    activity,
    maxEdges,
    minShare,
    variants: 0,
  });
  // Whole-journey variants cost as much as the graph again: asked once the graph is in.
  const variants = useApi<MapResult>(settled(map) ? "/api/map" : null, {
    ...filterParams(filters),
    activity,
    maxEdges: 1,
    variants: 10,
  });
  // The stage model's order places the stage nodes; only the stage view asks for it.
  const stages = useApi<StagesResult>(
    activity === "stage" ? "/api/stages" : null,
    filterParams(filters),
  );
  const stageOrder = useMemo(() => stages.data?.stages.map((s) => s.stage) ?? [], [stages.data]);
  // Friction points drawn in red, when the friction analysis is there: asked after the graph,
  // so it does not hold the page.
  const withFriction = (apiPaths?.has("/api/friction") ?? false) && activity !== "stage";
  const friction = useApi<FrictionResult>(withFriction && settled(map) ? "/api/friction" : null, {
    ...filterParams(filters),
    limit: 10,
  });
  const highlight = useMemo(
    () =>
      new Set(
        (withFriction ? (friction.data?.steps ?? []) : []).map((s) =>
          activity === "event" ? s.step.event : `${s.step.channel} · ${s.step.event}`,
        ),
      ),
    [friction.data, activity, withFriction],
  );
  const name = useCallback(
    (a: string) => (activity === "stage" ? label("stage", a) : a),
    [activity, label],
  );

  const option = useMemo(
    () =>
      map.data
        ? journeyMapOption(map.data, {
            name,
            stageOrder,
            selected: selected || undefined,
            highlight,
          })
        : null,
    [map.data, stageOrder, selected, name, highlight],
  );
  const node =
    map.data && selected ? map.data.activities.find((a) => a.name === selected) : undefined;

  return (
    <Page
      id="map"
      title={t("nav.map")}
      description={t("map.description")}
      state={pageState(map)}
      complete={settled(variants, ...(withFriction ? [friction] : []))}
      controls={
        <>
          <SelectField<Activity>
            name="activity"
            label={t("map.activity")}
            value={activity}
            onChange={(v) => {
              setSelected(undefined);
              setActivity(v);
            }}
            options={[
              { value: "stage", label: t("map.activity.stage") },
              { value: "event", label: t("map.activity.event") },
              { value: "channel_event", label: t("map.activity.channelEvent") },
            ]}
          />
          <SelectField
            name="minShare"
            label={t("map.minShare")}
            value={minShare}
            onChange={setMinShare}
            options={["0", "0.02", "0.05", "0.1", "0.2"].map((v) => ({
              value: v,
              label: fmt.pct(Number(v), 0),
            }))}
          />
          <SelectField
            name="maxEdges"
            label={t("map.maxEdges")}
            value={maxEdges}
            onChange={setMaxEdges}
            options={["20", "40", "60", "100", "200"].map((v) => ({ value: v, label: v }))}
          />
        </>
      }
    >
      <Async data={map} what={t("nav.map")}>
        {(data) =>
          data.edges.length === 0 ? (
            <Empty>{t("map.empty")}</Empty>
          ) : (
            <>
              <div className="grid-map">
                <Panel
                  title={t("map.graph", {
                    kept: fmt.int(data.pruning.kept),
                    edges: fmt.int(data.pruning.edges),
                  })}
                >
                  {option ? (
                    <Chart
                      label={t("map.graphLabel")}
                      height={440}
                      option={option}
                      onClick={(p) => {
                        if (p.dataType === "node" && p.data && typeof p.data === "object")
                          setSelected((p.data as { id: string }).id);
                      }}
                    />
                  ) : null}
                  <p className="muted small">
                    {t("map.hint")} {highlight.size > 0 ? t("map.friction") : null}
                  </p>
                </Panel>
                <Panel title={node ? name(node.name) : t("map.activities")}>
                  {node ? (
                    <NodeDetail
                      map={data}
                      node={node.name}
                      name={name}
                      onClose={() => setSelected(undefined)}
                    />
                  ) : (
                    <DataTable
                      id="activities"
                      caption={t("map.activities")}
                      maxHeight={440}
                      rows={data.activities}
                      rowKey={(a) => a.name}
                      columns={[
                        {
                          header: t("col.activity"),
                          cell: (a) => (
                            <button
                              type="button"
                              className="link"
                              onClick={() => setSelected(a.name)}
                            >
                              {name(a.name)}
                            </button>
                          ),
                        },
                        {
                          header: t("col.events"),
                          numeric: true,
                          id: "count",
                          cell: (a) => fmt.int(a.count),
                        },
                        {
                          header: t("col.profiles"),
                          numeric: true,
                          id: "profiles",
                          cell: (a) => fmt.int(a.profiles),
                        },
                      ]}
                    />
                  )}
                </Panel>
              </div>
              <div className="grid-2">
                <Panel title={t("map.transitions")}>
                  <TransitionTable edges={data.edges} name={name} id="transitions" />
                </Panel>
                <Panel title={t("map.variants")}>
                  <Async data={variants} what={t("map.variants")}>
                    {(v) => (
                      <DataTable
                        id="variants"
                        caption={t("map.variants")}
                        maxHeight={360}
                        rows={v.variants}
                        rowKey={(v, i) => `${i}:${v.sample}`}
                        columns={[
                          {
                            header: t("col.journey"),
                            cell: (v) => (
                              <span className="path">{v.trace.map(name).join(" → ")}</span>
                            ),
                          },
                          {
                            header: t("col.profiles"),
                            numeric: true,
                            cell: (v) => fmt.int(v.profiles),
                          },
                        ]}
                      />
                    )}
                  </Async>
                </Panel>
              </div>
            </>
          )
        }
      </Async>
    </Page>
  );
}

function TransitionTable({
  edges,
  name,
  id,
}: {
  edges: MapResult["edges"];
  name(a: string): string;
  id: string;
}) {
  const { t, fmt } = useI18n();
  return (
    <DataTable
      id={id}
      caption={t("map.transitions")}
      maxHeight={360}
      rows={edges}
      rowKey={(e) => `${e.from}\u001f${e.to}`}
      columns={[
        { header: t("col.from"), cell: (e) => name(e.from) },
        { header: t("col.to"), cell: (e) => name(e.to) },
        { header: t("col.transitions"), numeric: true, id: "count", cell: (e) => fmt.int(e.count) },
        { header: t("col.profiles"), numeric: true, cell: (e) => fmt.int(e.profiles) },
        { header: t("col.medianTime"), numeric: true, cell: (e) => fmt.duration(e.medianMs) },
      ]}
    />
  );
}

function NodeDetail({
  map,
  node,
  name,
  onClose,
}: {
  map: MapResult;
  node: string;
  name(a: string): string;
  onClose(): void;
}) {
  const { t } = useI18n();
  const incoming = map.edges.filter((e) => e.to === node);
  const outgoing = map.edges.filter((e) => e.from === node);
  return (
    <div className="node-detail">
      <button type="button" className="button small ghost" onClick={onClose}>
        {t("action.back")}
      </button>
      <h3>{t("map.incoming")}</h3>
      <TransitionTable edges={incoming} name={name} id="incoming" />
      <h3>{t("map.outgoing")}</h3>
      <TransitionTable edges={outgoing} name={name} id="outgoing" />
    </div>
  );
}
