import type { ReactNode } from "react";
import type { User } from "../api/types.ts";
import { hasRole, useAuth } from "../auth/auth.tsx";
import { globalQuery } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import type { PageDef } from "../pages/pages.tsx";
import { Link, useLocation } from "../router/router.tsx";
import { LanguageSwitch } from "./language-switch.tsx";

const GROUPS = ["analyses", "customers", "admin"] as const;

/** Header (language, user, sign out), navigation by group, and the page. */
export function Shell({
  user,
  pages,
  current,
  children,
}: {
  user: User;
  pages: PageDef[];
  current: PageDef | undefined;
  children: ReactNode;
}) {
  const { t, label } = useI18n();
  const { logout } = useAuth();
  const { query } = useLocation();
  const carry = globalQuery(query);
  const visible = pages.filter((p) => hasRole(user, p.role));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header className="topbar">
        <Link href={`/${carry}`} className="brand">
          journeylens
        </Link>
        <div className="topbar-right">
          <LanguageSwitch />
          <span className="user" data-testid="user">
            {user.username} · {label("role", user.role)}
          </span>
          <button type="button" className="button small ghost" onClick={() => void logout()}>
            {t("action.signOut")}
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label={t("app.navigation")}>
        {GROUPS.map((group) => {
          const items = visible.filter((p) => p.group === group);
          if (items.length === 0) return null;
          return (
            <div key={group} className="nav-group">
              <h2 className="nav-heading">{t(`navGroup.${group}`)}</h2>
              <ul>
                {items.map((p) => (
                  <li key={p.id}>
                    <Link
                      href={`${p.path}${p.filters ? carry : ""}`}
                      aria-current={p === current ? "page" : undefined}
                      data-nav={p.id}
                    >
                      {t(p.title)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
