import type { ReactNode } from "react";

/**
 * A page: its heading, optional controls and content. `data-state` says when its main data has
 * loaded (tests and the dashboard benchmark wait for `ready`; the page is usable then), and
 * `aria-busy` tells screen readers while it loads. `data-complete` says when the secondary
 * parts asked after the main data (a CX index, journey variants) have arrived too.
 */
export function Page({
  id,
  title,
  description,
  state,
  complete = true,
  controls,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  state: "loading" | "error" | "ready";
  /** False while secondary parts are still loading. */
  complete?: boolean;
  controls?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      className="page"
      data-page={id}
      data-state={state}
      data-complete={state !== "loading" && complete}
      aria-busy={state === "loading"}
      aria-labelledby={`${id}-title`}
    >
      <header className="page-header">
        <div>
          <h1 id={`${id}-title`}>{title}</h1>
          {description ? <p className="muted">{description}</p> : null}
        </div>
        {controls ? <div className="page-controls">{controls}</div> : null}
      </header>
      {children}
    </section>
  );
}

export function Panel({
  title,
  children,
  wide,
  actions,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
  actions?: ReactNode;
}) {
  return (
    <section className={wide ? "panel wide" : "panel"} aria-label={title}>
      <header className="panel-header">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function KpiCard({
  id,
  label,
  value,
  detail,
  children,
  text,
  state = "ready",
}: {
  id: string;
  label: string;
  value: string;
  detail?: string;
  children?: ReactNode;
  /** Text values (dates, names) get a smaller type than figures. */
  text?: boolean;
  /** A tile drawn before its figure has arrived says so (each tile fills in on its own). */
  state?: "loading" | "ready" | "error";
}) {
  return (
    <div className="kpi" data-kpi={id} data-state={state} aria-busy={state === "loading"}>
      <div className="kpi-label">{label}</div>
      <div
        className={`kpi-value${text ? " text" : ""}${state === "ready" ? "" : " pending"}`}
        data-testid={`kpi-${id}`}
      >
        {value}
      </div>
      {detail ? <div className="kpi-detail muted">{detail}</div> : null}
      {children}
    </div>
  );
}
