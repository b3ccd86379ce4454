import { type FormEvent, useState } from "react";
import { ApiError, request } from "../api/client.ts";
import type { Role } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { DataTable } from "../components/data-table.tsx";
import { Panel } from "../components/page.tsx";
import { SelectField } from "../components/select-field.tsx";
import { Async, Empty, ErrorState } from "../components/states.tsx";
import { useI18n } from "../i18n/i18n.tsx";

interface DashboardUser {
  username: string;
  role: Role;
  createdAt: string;
}

/** Admin: dashboard users (`GET/POST /api/users`); saving an existing name resets it. */
export function UsersPanel() {
  const { t, fmt, label } = useI18n();
  const users = useApi<{ users: DashboardUser[] }>("/api/users");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const { user } = await request<{ user: DashboardUser }>("POST", "/api/users", {
        body: { username: username.trim(), password, role },
      });
      setSaved(t("users.saved", { name: user.username, role: label("role", user.role) }));
      setUsername("");
      setPassword("");
      users.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "network", String(e)));
    }
  };

  return (
    <Panel title={t("users.title")}>
      <form className="inline-form" onSubmit={save}>
        <label className="field">
          <span>{t("users.username")}</span>
          <input
            name="newUsername"
            required
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("users.password")}</span>
          <input
            name="newPassword"
            type="password"
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <SelectField<Role>
          name="newRole"
          label={t("users.role")}
          value={role}
          onChange={setRole}
          options={(["viewer", "analyst", "admin"] as const).map((r) => ({
            value: r,
            label: label("role", r),
          }))}
        />
        <button type="submit" className="button">
          {t("users.save")}
        </button>
      </form>
      <p className="muted small">{t("users.hint")}</p>
      {saved ? (
        <p className="state" role="status" data-testid="user-saved">
          {saved}
        </p>
      ) : null}
      {error ? <ErrorState error={error} /> : null}
      <Async data={users} what={t("users.title")}>
        {(data) =>
          data.users.length === 0 ? (
            <Empty>{t("users.empty")}</Empty>
          ) : (
            <DataTable
              id="users"
              caption={t("users.title")}
              rows={data.users}
              rowKey={(u) => u.username}
              columns={[
                { header: t("users.username"), id: "username", cell: (u) => u.username },
                { header: t("users.role"), id: "role", cell: (u) => label("role", u.role) },
                { header: t("users.created"), cell: (u) => fmt.dateTime(u.createdAt) },
              ]}
            />
          )
        }
      </Async>
    </Panel>
  );
}
