import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { en, type MessageKey } from "./en.ts";
import { type Formatters, formatters } from "./format.ts";
import { zh } from "./zh.ts";

export type Lang = "en" | "zh";
export const LANGS: { lang: Lang; name: string; locale: string }[] = [
  { lang: "en", name: "English", locale: "en-US" },
  { lang: "zh", name: "简体中文", locale: "zh-CN" },
];
const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, zh };
const STORAGE_KEY = "journeylens.lang";

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  locale: string;
  setLang(lang: Lang): void;
  t: Translate;
  /** A data value's label when the dictionary has one (`stage.awareness`), else the value. */
  label(kind: "stage" | "channel" | "role" | "mode" | "status", value: string | null): string;
  fmt: Formatters;
}

/** The remembered choice, else the browser's language. */
export function initialLang(): Lang {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === "en" || stored === "zh") return stored;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const value = useMemo<I18n>(() => {
    const dictionary = DICTIONARIES[lang];
    const locale = LANGS.find((l) => l.lang === lang)?.locale ?? "en-US";
    const t: Translate = (key, vars) => {
      const text = dictionary[key] ?? en[key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
    };
    return {
      lang,
      locale,
      setLang: (next) => {
        localStorage.setItem(STORAGE_KEY, next);
        setLangState(next);
      },
      t,
      label: (kind, v) => {
        if (v === null) return t("common.none");
        const key = `${kind}.${v}` as MessageKey;
        return key in dictionary ? dictionary[key] : v;
      },
      fmt: formatters(locale),
    };
  }, [lang]);
  useEffect(() => {
    document.documentElement.lang = value.locale;
    document.title = value.t("app.title");
  }, [value]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n outside I18nProvider");
  return context;
}
