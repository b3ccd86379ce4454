import { useEffect, useRef } from "react";
import { useApiPaths } from "./api/api-paths.ts";
import { AuthProvider, hasRole, useAuth } from "./auth/auth.tsx";
import { FilterBar } from "./components/filter-bar.tsx";
import { Shell } from "./components/shell.tsx";
import { Loading } from "./components/states.tsx";
import { readFilters } from "./filters/filters.ts";
import { I18nProvider, useI18n } from "./i18n/i18n.tsx";
import { LoginPage } from "./pages/login.tsx";
import { NotFoundPage } from "./pages/not-found.tsx";
import { PAGES, type PageDef } from "./pages/pages.tsx";
import { useLocation } from "./router/router.tsx";

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <Gate />
      </AuthProvider>
    </I18nProvider>
  );
}

/** The login page until signed in, then the dashboard. */
function Gate() {
  const { auth } = useAuth();
  const { t } = useI18n();
  if (auth.state === "checking") return <Loading what={t("app.title")} />;
  if (auth.state === "anonymous") return <LoginPage error={auth.error} />;
  return <Dashboard />;
}

function Dashboard() {
  const { auth } = useAuth();
  const { t } = useI18n();
  const { path, query } = useLocation();
  const apiPaths = useApiPaths();
  const pages = PAGES.filter((p) => !p.requires || apiPaths === null || apiPaths.has(p.requires));
  const current = pages.find((p) => p.path === path);
  const filters = readFilters(query);

  // Move focus to the page when the user navigates (not on the first load), so keyboard and
  // screen-reader users land on it.
  const shown = useRef<PageDef | undefined>(undefined);
  useEffect(() => {
    if (shown.current && current && shown.current !== current)
      document.getElementById("main")?.focus({ preventScroll: true });
    shown.current = current;
  }, [current]);

  if (auth.state !== "signed-in") return null;
  const allowed = current && hasRole(auth.user, current.role);
  return (
    <Shell user={auth.user} pages={pages} current={current}>
      {current?.filters ? <FilterBar filters={filters} /> : null}
      {!current ? (
        <NotFoundPage />
      ) : allowed ? (
        current.render(filters, apiPaths)
      ) : (
        <p role="alert" className="state state-error">
          {t("error.needsRole", { role: current.role })}
        </p>
      )}
    </Shell>
  );
}
