import type { ReactNode } from "react";
import type { ApiError } from "../api/client.ts";
import type { Loadable } from "../api/use-api.ts";
import { useI18n } from "../i18n/i18n.tsx";

export function Loading({ what }: { what?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {what ? t("state.loadingWhat", { what }) : t("state.loading")}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="state state-empty" role="status">
      {children ?? t("state.empty")}
    </div>
  );
}

/** The error in words: what failed, the server's reason, and a way to retry. */
export function ErrorState({ error, retry }: { error: ApiError; retry?(): void }) {
  const { t } = useI18n();
  const reason =
    error.status === 0
      ? t("error.network")
      : error.status === 403
        ? t("error.forbidden")
        : error.status === 404 && error.code === "not_found"
          ? error.message
          : error.message;
  return (
    <div className="state state-error" role="alert">
      <strong>{t("error.title")}</strong> <span>{reason}</span>
      {error.field ? (
        <span className="muted"> ({t("error.field", { field: error.field })})</span>
      ) : null}
      {retry ? (
        <button type="button" className="button small" onClick={retry}>
          {t("action.retry")}
        </button>
      ) : null}
    </div>
  );
}

/** Renders the loading, error or ready state of one API answer. */
export function Async<T>({
  data,
  what,
  children,
}: {
  data: Loadable<T> & { reload(): void };
  what?: string;
  children(value: T): ReactNode;
}) {
  if (data.state === "loading") return <Loading what={what} />;
  if (data.state === "error") return <ErrorState error={data.error} retry={data.reload} />;
  return <>{children(data.data)}</>;
}

/** The page's overall state for tests, the benchmark and assistive tech. */
export function pageState(...parts: Loadable<unknown>[]): "loading" | "error" | "ready" {
  if (parts.some((p) => p.state === "error")) return "error";
  if (parts.some((p) => p.state === "loading")) return "loading";
  return "ready";
}
