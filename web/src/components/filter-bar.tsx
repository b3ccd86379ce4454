import { type FormEvent, useEffect, useState } from "react";
import { CHANNELS } from "../../../src/core/channel.ts";
import { daysAgo, type Filters, simpleTrait, traitSegment } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { updateQuery } from "../router/router.tsx";

const PRESETS = [7, 30, 90] as const;

/** Date range, channels and segment: written to the URL, read by every analysis page. */
export function FilterBar({ filters }: { filters: Filters }) {
  const { t, label } = useI18n();
  const simple = simpleTrait(filters.segment);
  const [trait, setTrait] = useState(simple?.trait ?? "");
  const [value, setValue] = useState(simple?.value ?? "");
  useEffect(() => {
    setTrait(simple?.trait ?? "");
    setValue(simple?.value ?? "");
  }, [simple?.trait, simple?.value]);

  const applySegment = (event: FormEvent) => {
    event.preventDefault();
    updateQuery({ segment: traitSegment(trait, value) });
  };
  const toggleChannel = (channel: string, on: boolean) => {
    const next = on
      ? [...filters.channels, channel]
      : filters.channels.filter((c) => c !== channel);
    updateQuery({ channel: next });
  };
  const active = Boolean(
    filters.from || filters.to || filters.channels.length > 0 || filters.segment,
  );

  return (
    <form className="filter-bar" aria-label={t("filters.title")} onSubmit={applySegment}>
      <fieldset className="filter-group">
        <legend>{t("filters.dates")}</legend>
        <label>
          <span>{t("filters.from")}</span>
          <input
            type="date"
            name="from"
            value={filters.from ?? ""}
            max={filters.to}
            onChange={(e) => updateQuery({ from: e.target.value || undefined })}
          />
        </label>
        <label>
          <span>{t("filters.to")}</span>
          <input
            type="date"
            name="to"
            value={filters.to ?? ""}
            min={filters.from}
            onChange={(e) => updateQuery({ to: e.target.value || undefined })}
          />
        </label>
        <fieldset className="presets">
          <legend className="visually-hidden">{t("filters.presets")}</legend>
          {PRESETS.map((days) => (
            <button
              key={days}
              type="button"
              className="button small ghost"
              onClick={() => updateQuery({ from: daysAgo(days - 1), to: daysAgo(0) })}
            >
              {t("filters.lastDays", { n: days })}
            </button>
          ))}
        </fieldset>
      </fieldset>

      <details className="filter-group channels">
        <summary>
          {t("filters.channelsLabel")}
          <strong>
            {filters.channels.length === 0
              ? t("filters.allChannels")
              : filters.channels.map((c) => label("channel", c)).join(", ")}
          </strong>
        </summary>
        <fieldset className="channel-list">
          <legend className="visually-hidden">{t("filters.channels")}</legend>
          {CHANNELS.filter((c) => c !== "unknown").map((channel) => (
            <label key={channel} className="check">
              <input
                type="checkbox"
                name="channel"
                value={channel}
                checked={filters.channels.includes(channel)}
                onChange={(e) => toggleChannel(channel, e.target.checked)}
              />
              {label("channel", channel)}
            </label>
          ))}
        </fieldset>
      </details>

      <fieldset className="filter-group">
        <legend>{t("filters.segment")}</legend>
        {filters.segment && !simple ? (
          <span className="muted" title={filters.segment}>
            {t("filters.customSegment")}
          </span>
        ) : (
          <>
            <label>
              <span>{t("filters.trait")}</span>
              <input
                name="trait"
                value={trait}
                placeholder="segment"
                size={9}
                onChange={(e) => setTrait(e.target.value)}
              />
            </label>
            <label>
              <span>{t("filters.value")}</span>
              <input
                name="value"
                value={value}
                placeholder="affluent"
                size={9}
                onChange={(e) => setValue(e.target.value)}
              />
            </label>
            <button type="submit" className="button small">
              {t("action.apply")}
            </button>
          </>
        )}
      </fieldset>

      {active ? (
        <button
          type="button"
          className="button small ghost"
          onClick={() =>
            updateQuery({ from: undefined, to: undefined, channel: undefined, segment: undefined })
          }
        >
          {t("filters.clear")}
        </button>
      ) : null}
    </form>
  );
}
