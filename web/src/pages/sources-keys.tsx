import { type FormEvent, useState } from "react";
import { ApiError, request } from "../api/client.ts";
import type { Role } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { DataTable } from "../components/data-table.tsx";
import { Page, Panel } from "../components/page.tsx";
import { SelectField } from "../components/select-field.tsx";
import { Async, Empty, ErrorState, pageState } from "../components/states.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { UsersPanel } from "./users-panel.tsx";

interface Source {
  id: string;
  name: string;
  createdAt: string;
  events: number;
}
interface ApiKey {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Admin: event sources and their write keys, API keys with a role, and dashboard users. */
export function SourcesKeysPage() {
  const { t, fmt, label } = useI18n();
  const sources = useApi<{ sources: Source[] }>("/api/sources");
  const keys = useApi<{ keys: ApiKey[] }>("/api/keys");
  const [secret, setSecret] = useState<{ what: string; value: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [sourceName, setSourceName] = useState("");
  const [keyName, setKeyName] = useState("");
  const [keyRole, setKeyRole] = useState<Role>("viewer");

  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "network", String(e)));
    }
  };
  const createSource = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const { source } = await request<{ source: Source & { writeKey: string } }>(
        "POST",
        "/api/sources",
        {
          body: { name: sourceName.trim() },
        },
      );
      setSecret({ what: t("sources.writeKeyOf", { name: source.name }), value: source.writeKey });
      setSourceName("");
      sources.reload();
    });
  };
  const createKey = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const { key } = await request<{ key: { name: string; secret: string } }>(
        "POST",
        "/api/keys",
        {
          body: { name: keyName.trim(), role: keyRole },
        },
      );
      setSecret({ what: t("keys.secretOf", { name: key.name }), value: key.secret });
      setKeyName("");
      keys.reload();
    });
  };
  const revoke = (key: ApiKey) => {
    if (!window.confirm(t("keys.confirmRevoke", { name: key.name }))) return;
    void run(async () => {
      await request<void>("DELETE", `/api/keys/${encodeURIComponent(key.id)}`);
      keys.reload();
    });
  };

  return (
    <Page
      id="sources"
      title={t("nav.sources")}
      description={t("sources.description")}
      state={pageState(sources, keys)}
    >
      {error ? <ErrorState error={error} /> : null}
      {secret ? (
        <div className="secret" role="status">
          <strong>{secret.what}</strong>
          <code data-testid="new-secret">{secret.value}</code>
          <span className="muted small">{t("keys.shownOnce")}</span>
          <button type="button" className="button small ghost" onClick={() => setSecret(null)}>
            {t("action.dismiss")}
          </button>
        </div>
      ) : null}
      <div className="grid-2">
        <Panel title={t("sources.title")}>
          <form className="inline-form" onSubmit={createSource}>
            <label className="field">
              <span>{t("sources.name")}</span>
              <input
                name="sourceName"
                required
                value={sourceName}
                onChange={(e) => setSourceName(e.target.value)}
              />
            </label>
            <button type="submit" className="button">
              {t("sources.create")}
            </button>
          </form>
          <Async data={sources} what={t("sources.title")}>
            {(data) =>
              data.sources.length === 0 ? (
                <Empty>{t("sources.empty")}</Empty>
              ) : (
                <DataTable
                  id="sources"
                  caption={t("sources.title")}
                  rows={data.sources}
                  rowKey={(s) => s.id}
                  columns={[
                    { header: t("sources.name"), cell: (s) => s.name },
                    { header: "ID", cell: (s) => <span className="mono small">{s.id}</span> },
                    {
                      header: t("col.events"),
                      numeric: true,
                      id: "events",
                      cell: (s) => fmt.int(s.events),
                    },
                    { header: t("keys.created"), cell: (s) => fmt.dateTime(s.createdAt) },
                  ]}
                />
              )
            }
          </Async>
        </Panel>
        <Panel title={t("keys.title")}>
          <form className="inline-form" onSubmit={createKey}>
            <label className="field">
              <span>{t("keys.name")}</span>
              <input
                name="keyName"
                required
                value={keyName}
                onChange={(e) => setKeyName(e.target.value)}
              />
            </label>
            <SelectField<Role>
              name="keyRole"
              label={t("keys.role")}
              value={keyRole}
              onChange={setKeyRole}
              options={(["viewer", "analyst", "admin"] as const).map((r) => ({
                value: r,
                label: label("role", r),
              }))}
            />
            <button type="submit" className="button">
              {t("keys.create")}
            </button>
          </form>
          <Async data={keys} what={t("keys.title")}>
            {(data) =>
              data.keys.length === 0 ? (
                <Empty>{t("keys.empty")}</Empty>
              ) : (
                <DataTable
                  id="keys"
                  caption={t("keys.title")}
                  rows={data.keys}
                  rowKey={(k) => k.id}
                  columns={[
                    { header: t("keys.name"), cell: (k) => k.name },
                    { header: t("keys.role"), cell: (k) => label("role", k.role) },
                    { header: t("keys.created"), cell: (k) => fmt.dateTime(k.createdAt) },
                    {
                      header: t("keys.lastUsed"),
                      cell: (k) => (k.lastUsedAt ? fmt.dateTime(k.lastUsedAt) : t("keys.never")),
                    },
                    {
                      header: t("keys.status"),
                      cell: (k) =>
                        k.revokedAt ? (
                          t("keys.revokedAt", { at: fmt.dateTime(k.revokedAt) })
                        ) : (
                          <button
                            type="button"
                            className="button small danger"
                            aria-label={t("keys.revokeNamed", { name: k.name })}
                            onClick={() => revoke(k)}
                          >
                            {t("keys.revoke")}
                          </button>
                        ),
                    },
                  ]}
                />
              )
            }
          </Async>
        </Panel>
      </div>
      <UsersPanel />
    </Page>
  );
}
