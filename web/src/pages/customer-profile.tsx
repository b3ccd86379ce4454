import type { Profile, ProfileExplanation } from "../api/types.ts";
import { type Loadable, useApi } from "../api/use-api.ts";
import { DataTable } from "../components/data-table.tsx";
import { KpiCard, Panel } from "../components/page.tsx";
import { Async } from "../components/states.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { CustomerTimeline } from "./customer-timeline.tsx";
import { MergeExplanation } from "./merge-explanation.tsx";

export const profilePath = (identifier: string) =>
  `/api/profiles/${encodeURIComponent(identifier)}`;

const display = (value: unknown) =>
  typeof value === "string"
    ? value
    : value === null || value === undefined
      ? ""
      : JSON.stringify(value);

/** One profile: computed traits, identifiers, merged traits with sources, timeline, why merged. */
export function CustomerProfile({
  identifier,
  profile,
  onBack,
}: {
  identifier: string;
  profile: Loadable<Profile> & { reload(): void };
  onBack(): void;
}) {
  const { t, fmt, label } = useI18n();
  const explanation = useApi<ProfileExplanation>(`${profilePath(identifier)}/explain`);

  return (
    <div className="profile">
      <button type="button" className="button small ghost" onClick={onBack}>
        {t("action.backToResults")}
      </button>
      <Async data={profile} what={t("customers.profile")}>
        {(p) => (
          <>
            <h2 className="profile-title">
              {display(p.traits.name?.value) || `${p.lead.type}:${p.lead.value}`}{" "}
              <span className="muted small">{p.profileId}</span>
            </h2>
            <div className="kpi-grid">
              <KpiCard
                id="profile-events"
                label={t("col.events")}
                value={fmt.int(p.computed.eventCount)}
              />
              <KpiCard
                id="profile-first-seen"
                text
                label={t("customers.firstSeen")}
                value={p.computed.firstSeen ? fmt.day(p.computed.firstSeen) : "–"}
              />
              <KpiCard
                id="profile-last-seen"
                text
                label={t("customers.lastSeen")}
                value={p.computed.lastSeen ? fmt.day(p.computed.lastSeen) : "–"}
              />
              <KpiCard
                id="profile-ltv"
                label={t("customers.lifetimeValue")}
                value={fmt.num(p.computed.lifetimeValue, 2)}
                detail={t("customers.revenueEvents", { n: fmt.int(p.computed.revenueEvents) })}
              />
              <KpiCard
                id="profile-stage"
                text
                label={t("customers.furthestStage")}
                value={p.computed.furthestStage ? label("stage", p.computed.furthestStage) : "–"}
              />
              <KpiCard
                id="profile-channels"
                label={t("customers.channels")}
                value={fmt.int(Object.keys(p.computed.channels).length)}
                detail={Object.entries(p.computed.channels)
                  .map(([c, n]) => `${label("channel", c)} ${fmt.int(n)}`)
                  .join(" · ")}
              />
            </div>
            <div className="grid-2">
              <Panel title={t("customers.traits")}>
                <DataTable
                  id="traits"
                  caption={t("customers.traits")}
                  rows={Object.entries(p.traits)}
                  rowKey={([name]) => name}
                  columns={[
                    { header: t("customers.trait"), cell: ([name]) => name },
                    {
                      header: t("customers.value"),
                      id: "value",
                      cell: ([, v]) => display(v.value),
                    },
                    {
                      header: t("customers.source"),
                      cell: ([, v]) => (
                        <span title={`${v.sourceId} · ${v.messageId}`}>
                          {label("channel", v.channel)} ·{" "}
                          <span className="muted">{v.sourceId}</span>
                        </span>
                      ),
                    },
                    { header: t("customers.updated"), cell: ([, v]) => fmt.dateTime(v.timestamp) },
                  ]}
                />
              </Panel>
              <Panel title={t("customers.identifiers")}>
                <DataTable
                  id="identifiers"
                  caption={t("customers.identifiers")}
                  rows={p.identifiers}
                  rowKey={(i) => `${i.type}:${i.value}`}
                  columns={[
                    { header: t("customers.type"), cell: (i) => i.type },
                    {
                      header: t("customers.value"),
                      cell: (i) => <span className="mono">{i.value}</span>,
                    },
                    { header: t("customers.status"), cell: (i) => label("status", i.status) },
                    { header: t("customers.firstSeen"), cell: (i) => fmt.dateTime(i.firstSeen) },
                  ]}
                />
              </Panel>
            </div>
            <CustomerTimeline profile={p} />
            <Panel title={t("customers.whyMerged")}>
              <Async data={explanation} what={t("customers.whyMerged")}>
                {(e) => <MergeExplanation explanation={e} />}
              </Async>
            </Panel>
          </>
        )}
      </Async>
    </div>
  );
}
