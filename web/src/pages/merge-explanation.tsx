import type { ProfileExplanation } from "../api/types.ts";
import { DataTable } from "../components/data-table.tsx";
import { useI18n } from "../i18n/i18n.tsx";

/** Why each identifier is in the profile (the link that brought it in), and what was kept out. */
export function MergeExplanation({ explanation }: { explanation: ProfileExplanation }) {
  const { t, fmt, label } = useI18n();
  return (
    <div className="merge">
      <ol className="merge-list" data-testid="merge-list">
        {explanation.identifiers.map((i) => (
          <li key={i.identifier}>
            <span className="mono">{i.identifier}</span>{" "}
            <span className={`badge ${i.status}`}>{label("status", i.status)}</span>
            <div className="muted small">
              {i.via
                ? t("customers.linkedVia", {
                    via: i.via.identifier,
                    message: i.via.messageId,
                    at: fmt.dateTime(i.via.at),
                  })
                : t("customers.isLead")}
              {i.path.length > 2 ? ` · ${t("customers.pathFromLead")}: ${i.path.join(" → ")}` : ""}
            </div>
          </li>
        ))}
      </ol>
      {explanation.keptOut.length > 0 ? (
        <>
          <h3>{t("customers.keptOut")}</h3>
          <DataTable
            id="kept-out"
            caption={t("customers.keptOut")}
            rows={explanation.keptOut}
            rowKey={(k) => `${k.identifier}:${k.other}:${k.messageId}`}
            columns={[
              {
                header: t("customers.identifier"),
                cell: (k) => <span className="mono">{k.identifier}</span>,
              },
              {
                header: t("customers.other"),
                cell: (k) => <span className="mono">{k.other}</span>,
              },
              {
                header: t("customers.reason"),
                cell: (k) => t(`customers.keptOut.${k.reasonCode}`, { other: k.other }),
              },
              { header: t("customers.when"), cell: (k) => fmt.dateTime(k.at) },
            ]}
          />
        </>
      ) : null}
      {explanation.conflicts.length > 0 ? (
        <>
          <h3>{t("customers.conflicts")}</h3>
          <ul>
            {explanation.conflicts.map((c) => (
              <li key={`${c.componentId}:${c.kind}:${c.identifiers.join(",")}`}>
                <strong>{t(`customers.conflictKind.${c.kind}`)}</strong> {c.identifiers.join(", ")}{" "}
                — {t(`customers.conflict.${c.kind}`, { detail: c.detail, type: c.type ?? "" })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
