import { type FormEvent, useEffect, useId, useState } from "react";
import { SelectField } from "../components/select-field.tsx";
import { useI18n } from "../i18n/i18n.tsx";

export interface FunnelSettings {
  steps: string[];
  window: string;
  mode: "ordered" | "strict" | "any";
  breakdown: string;
}

const WINDOWS = ["1h", "1d", "7d", "14d", "30d"];

/** Edits a funnel (steps from the data's event names, window, mode, breakdown); applies on submit. */
export function FunnelBuilder({
  settings,
  events,
  onApply,
}: {
  settings: FunnelSettings;
  events: readonly string[];
  onApply(next: FunnelSettings): void;
}) {
  const { t } = useI18n();
  const listId = useId();
  const [steps, setSteps] = useState(settings.steps);
  const [breakdownKind, breakdownKey] = splitBreakdown(settings.breakdown);
  const [kind, setKind] = useState(breakdownKind);
  const [key, setKey] = useState(breakdownKey);
  useEffect(() => setSteps(settings.steps), [settings.steps]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const kept = steps.map((s) => s.trim()).filter(Boolean);
    onApply({
      ...settings,
      steps: kept,
      breakdown: kind === "none" ? "" : kind === "channel" ? "channel" : `${kind}:${key.trim()}`,
    });
  };
  const move = (i: number, by: number) => {
    const next = [...steps];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item as string);
    setSteps(next);
  };

  return (
    <form className="funnel-builder" onSubmit={submit} aria-label={t("funnel.builder")}>
      <datalist id={listId}>
        {events.map((e) => (
          <option key={e} value={e} />
        ))}
      </datalist>
      <ol className="steps">
        {steps.map((step, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps may repeat; position is identity
          <li key={i}>
            <label>
              <span className="visually-hidden">{t("funnel.stepN", { n: i + 1 })}</span>
              <input
                name={`step-${i + 1}`}
                list={listId}
                value={step}
                required
                placeholder={t("funnel.stepPlaceholder")}
                onChange={(e) => setSteps(steps.map((s, j) => (j === i ? e.target.value : s)))}
              />
            </label>
            <button
              type="button"
              className="icon"
              aria-label={t("funnel.moveUp", { n: i + 1 })}
              disabled={i === 0}
              onClick={() => move(i, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon"
              aria-label={t("funnel.moveDown", { n: i + 1 })}
              disabled={i === steps.length - 1}
              onClick={() => move(i, 1)}
            >
              ↓
            </button>
            <button
              type="button"
              className="icon"
              aria-label={t("funnel.remove", { n: i + 1 })}
              disabled={steps.length <= 2}
              onClick={() => setSteps(steps.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <div className="builder-row">
        <button
          type="button"
          className="button small ghost"
          disabled={steps.length >= 30}
          onClick={() => setSteps([...steps, ""])}
        >
          {t("funnel.addStep")}
        </button>
        <SelectField
          name="window"
          label={t("funnel.window")}
          value={settings.window}
          onChange={(window) => onApply({ ...settings, steps, window })}
          options={WINDOWS.map((w) => ({ value: w, label: t(`window.${w}` as "window.7d") }))}
        />
        <SelectField<FunnelSettings["mode"]>
          name="mode"
          label={t("funnel.mode")}
          value={settings.mode}
          onChange={(mode) => onApply({ ...settings, steps, mode })}
          options={(["ordered", "strict", "any"] as const).map((m) => ({
            value: m,
            label: t(`mode.${m}`),
          }))}
        />
        <SelectField
          name="breakdownKind"
          label={t("funnel.breakdown")}
          value={kind}
          onChange={setKind}
          options={[
            { value: "none", label: t("common.none") },
            { value: "channel", label: t("funnel.byChannel") },
            { value: "trait", label: t("funnel.byTrait") },
            { value: "property", label: t("funnel.byProperty") },
          ]}
        />
        {kind === "trait" || kind === "property" ? (
          <label className="field">
            <span>{t("funnel.breakdownKey")}</span>
            <input
              name="breakdownKey"
              value={key}
              required
              size={10}
              placeholder={kind === "trait" ? "segment" : "channel"}
              onChange={(e) => setKey(e.target.value)}
            />
          </label>
        ) : null}
        <button type="submit" className="button">
          {t("funnel.run")}
        </button>
      </div>
    </form>
  );
}

function splitBreakdown(breakdown: string): [string, string] {
  if (!breakdown) return ["none", ""];
  const [kind, ...rest] = breakdown.split(":");
  return [kind ?? "none", rest.join(":")];
}
