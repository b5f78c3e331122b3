import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

/** The languages of the UI. `?lang=zh-CN` or `?lang=en` chooses; otherwise the browser's language. */
export type Lang = "en" | "zh-CN";
export const LANGS: { id: Lang; label: string }[] = [
  { id: "en", label: "English" },
  { id: "zh-CN", label: "中文" },
];

const STORAGE_KEY = "deeplisten.lang";

function parseLang(value: string | null | undefined): Lang | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if (v.startsWith("zh")) return "zh-CN";
  if (v.startsWith("en")) return "en";
  return null;
}

/** The language at start-up: the address, then the learner's last choice, then the browser. */
export function initialLang(): Lang {
  const fromUrl = parseLang(new URLSearchParams(window.location.search).get("lang"));
  if (fromUrl) {
    localStorage.setItem(STORAGE_KEY, fromUrl);
    return fromUrl;
  }
  return parseLang(localStorage.getItem(STORAGE_KEY)) ?? parseLang(navigator.language) ?? "en";
}

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangContextValue>({ lang: "en", setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    const url = new URL(window.location.href);
    if (url.searchParams.has("lang")) {
      url.searchParams.set("lang", next);
      window.history.replaceState(window.history.state, "", url);
    }
    setLangState(next);
  }, []);
  document.documentElement.lang = lang;
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangContextValue {
  return useContext(LangContext);
}

/**
 * A page's messages in both languages: Chinese must have every English key (checked by the type).
 * Placeholders are `{name}`.
 */
export type Messages<K extends string> = { en: Record<K, string>; "zh-CN": Record<K, string> };

export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

export type Translate<K extends string> = (key: K, values?: Record<string, string | number>) => string;

/** `t(key, {n: 3})` in the current language. */
export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const { lang } = useLang();
  return useCallback(
    (key: K, values?: Record<string, string | number>) => {
      const template = messages[lang][key] ?? messages.en[key] ?? key;
      return values ? template.replace(/\{(\w+)\}/g, (m, name: string) => String(values[name] ?? m)) : template;
    },
    [lang, messages],
  );
}
