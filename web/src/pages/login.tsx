import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client.ts";
import { useAuth } from "../auth/auth.tsx";
import { LanguageSwitch } from "../components/language-switch.tsx";
import { useI18n } from "../i18n/i18n.tsx";

/** Sign in with a user name and password (the session is an HttpOnly cookie). */
export function LoginPage({ error: startError }: { error?: ApiError }) {
  const { t } = useI18n();
  const { login } = useAuth();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(startError ? startError.message : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? t("login.bad")
          : e instanceof ApiError && e.status === 0
            ? t("error.network")
            : (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" data-page="login" data-state="ready">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-head">
          <h1 id="login-title">{t("app.title")}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t("login.intro")}</p>
        <label className="field block">
          <span>{t("login.username")}</span>
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field block">
          <span>{t("login.password")}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error ? (
          <p className="state-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button block" disabled={busy}>
          {busy ? t("login.signingIn") : t("login.signIn")}
        </button>
        <p className="muted small">{t("login.demoHint")}</p>
      </form>
    </main>
  );
}
