import type { ReactNode } from "react";
import { Link } from "wouter";
import { defineMessages, LANGS, type Lang, useLang, useT } from "../i18n/index.js";

const messages = defineMessages({
  en: { library: "Library", review: "Review", settings: "Settings", language: "Language", skip: "Skip to content" },
  "zh-CN": { library: "资料库", review: "复习", settings: "设置", language: "语言", skip: "跳到正文" },
});

/** The frame of every page: the app bar (brand, main navigation, language) and the page. */
export function Layout({ children }: { children: ReactNode }) {
  const t = useT(messages);
  const { lang, setLang } = useLang();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("skip")}
      </a>
      <header className="app-bar">
        <Link href="/" className="brand">
          deeplisten
        </Link>
        <nav aria-label="main" className="app-nav">
          <Link href="/">{t("library")}</Link>
          <Link href="/review">{t("review")}</Link>
          <Link href="/settings">{t("settings")}</Link>
        </nav>
        <label className="lang-switch">
          <span className="visually-hidden">{t("language")}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t("language")}>
            {LANGS.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
