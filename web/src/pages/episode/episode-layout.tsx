import { type ReactNode, useCallback, useEffect, useMemo } from "react";
import { Link, useRoute } from "wouter";
import type { EpisodeDetailResponse, PassNumber } from "../../../../src/server/contract/index.js";
import { api, useApi } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { defineMessages, useT } from "../../i18n/index.js";
import { PlayerProvider, usePlayer } from "../../player/player.js";
import { PlayerBar } from "../../player/player-bar.js";
import { EpisodeContext } from "./episode-context.js";

const messages = defineMessages({
  en: {
    listen: "Listen",
    concepts: "Concepts",
    clashes: "Clashes",
    map: "Mind map",
    progress: "Progress",
    loading: "Loading the episode…",
    episodeNav: "Episode",
  },
  "zh-CN": {
    listen: "收听",
    concepts: "概念",
    clashes: "观点交锋",
    map: "思维导图",
    progress: "进度",
    loading: "正在载入这一集…",
    episodeNav: "本集",
  },
});

/** Everything under /episodes/<id>: the episode's tabs, its shared player, and the page. */
export function EpisodeLayout({ id, children }: { id: string; children: ReactNode }) {
  const t = useT(messages);
  const path = `/api/episodes/${encodeURIComponent(id)}`;
  const { data, error, reload, setData } = useApi<EpisodeDetailResponse>(path);
  const setPass = useCallback(
    async (pass: PassNumber) => {
      await api.put(`${path}/pass`, { pass });
      setData((old) => (old ? { episode: { ...old.episode, pass } } : (old as unknown as EpisodeDetailResponse)));
    },
    [path, setData],
  );
  const episode = data?.episode;
  const value = useMemo(() => (episode ? { episode, reload, setPass } : null), [episode, reload, setPass]);
  useEffect(() => {
    if (episode) document.title = `${episode.title} · deeplisten`;
  }, [episode]);
  if (error && !episode) return <ErrorMessage error={error} />;
  if (!value || !episode) return <p className="loading">{t("loading")}</p>;
  const base = `/episodes/${encodeURIComponent(id)}`;
  return (
    <EpisodeContext.Provider value={value}>
      <PlayerProvider
        episodeId={episode.id}
        audioUrl={episode.playableAudioUrl}
        offsetMs={episode.audioOffsetMs}
        fallbackDurationMs={episode.durationMs}
        pass={episode.pass}
      >
        <PlayerShortcuts />
        <div className="episode-head">
          <h1 className="episode-title">{episode.title}</h1>
          {episode.show ? <p className="episode-show">{episode.show}</p> : null}
          <nav className="tabs" aria-label={t("episodeNav")}>
            <Tab href={base} label={t("listen")} exact />
            <Tab href={`${base}/concepts`} label={t("concepts")} />
            <Tab href={`${base}/clashes`} label={t("clashes")} />
            <Tab href={`${base}/map`} label={t("map")} />
            <Tab href={`${base}/progress`} label={t("progress")} />
          </nav>
        </div>
        <div className="episode-body">{children}</div>
        <PlayerBar />
      </PlayerProvider>
    </EpisodeContext.Provider>
  );
}

function Tab({ href, label, exact = false }: { href: string; label: string; exact?: boolean }) {
  const [exactMatch] = useRoute(href);
  const [nestedMatch] = useRoute(`${href}/*`);
  const active = exactMatch || (!exact && nestedMatch);
  return (
    <Link href={href} className={active ? "tab active" : "tab"} aria-current={active ? "page" : undefined}>
      {label}
    </Link>
  );
}

/** Space plays or pauses, ← and → skip 10 s, anywhere in the episode except while typing. */
function PlayerShortcuts() {
  const player = usePlayer();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true], button, a, me-main, .map-editor")) return;
      if (e.key === " ") {
        e.preventDefault();
        player.toggle();
      } else if (e.key === "ArrowLeft") {
        e.preventDefault();
        player.skip(-10_000);
      } else if (e.key === "ArrowRight") {
        e.preventDefault();
        player.skip(10_000);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [player]);
  return null;
}
