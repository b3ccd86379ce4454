import { type FormEvent, useEffect, useState } from "react";
import type { Profile, ProfileMatch } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { DataTable } from "../components/data-table.tsx";
import { Page, Panel } from "../components/page.tsx";
import { Async, Empty } from "../components/states.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { updateQuery, useLocation } from "../router/router.tsx";
import { CustomerProfile, profilePath } from "./customer-profile.tsx";

const key = (i: { type: string; value: string }) => `${i.type}:${i.value}`;

/** Customer 360: search any identifier or trait, then the single customer view. */
export function Customer360Page() {
  const { t } = useI18n();
  const { query } = useLocation();
  const q = query.get("q") ?? "";
  const id = query.get("id") ?? "";
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const search = useApi<{ profiles: ProfileMatch[] }>(q ? "/api/profiles" : null, { q, limit: 20 });
  const profile = useApi<Profile>(id ? profilePath(id) : null, { limit: 500 });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    updateQuery({ q: draft.trim() || undefined, id: undefined });
  };
  const searchState = q ? search.state : "ready";
  const state = id ? profile.state : searchState;

  return (
    <Page
      id="customers"
      title={t("nav.customers")}
      description={t("customers.description")}
      state={state}
    >
      <search>
        <form className="search" onSubmit={submit}>
          <label htmlFor="customer-q">{t("customers.searchLabel")}</label>
          <input
            id="customer-q"
            name="q"
            type="search"
            value={draft}
            placeholder={t("customers.searchPlaceholder")}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button">
            {t("action.search")}
          </button>
        </form>
      </search>
      {q && !id ? (
        <Panel title={t("customers.results")}>
          <Async data={search} what={t("customers.results")}>
            {(data) =>
              data.profiles.length === 0 ? (
                <Empty>{t("customers.noMatch", { q })}</Empty>
              ) : (
                <DataTable
                  id="matches"
                  caption={t("customers.results")}
                  rows={data.profiles}
                  rowKey={(p) => p.profileId}
                  columns={[
                    {
                      header: t("customers.lead"),
                      cell: (p) => (
                        <button
                          type="button"
                          className="link"
                          onClick={() => updateQuery({ id: key(p.lead) })}
                        >
                          {key(p.lead)}
                        </button>
                      ),
                    },
                    {
                      header: t("customers.identifiers"),
                      numeric: true,
                      cell: (p) => p.identifiers.length,
                    },
                    {
                      header: t("customers.matchedOn"),
                      cell: (p) => t(`customers.matchedOn.${p.matchedOn}`),
                    },
                    {
                      header: t("customers.someIdentifiers"),
                      cell: (p) => (
                        <span className="muted small">
                          {p.identifiers.slice(0, 4).map(key).join(", ")}
                          {p.identifiers.length > 4 ? " …" : ""}
                        </span>
                      ),
                    },
                  ]}
                />
              )
            }
          </Async>
        </Panel>
      ) : null}
      {id ? (
        <CustomerProfile
          identifier={id}
          profile={profile}
          onBack={() => updateQuery({ id: undefined })}
        />
      ) : null}
      {!q && !id ? <Empty>{t("customers.start")}</Empty> : null}
    </Page>
  );
}
