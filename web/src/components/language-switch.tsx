import { LANGS, type Lang, useI18n } from "../i18n/i18n.tsx";

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="inline-field">
      <span className="visually-hidden">{t("app.language")}</span>
      <select
        value={lang}
        onChange={(e) => setLang(e.target.value as Lang)}
        data-testid="language"
        aria-label={t("app.language")}
      >
        {LANGS.map((l) => (
          <option key={l.lang} value={l.lang} lang={l.locale}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
