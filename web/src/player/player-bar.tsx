import { formatTime } from "../format.js";
import { defineMessages, useT } from "../i18n/index.js";
import { usePlayer } from "./player.js";

const messages = defineMessages({
  en: {
    play: "Play",
    pause: "Pause",
    back: "Back 10 seconds",
    forward: "Forward 10 seconds",
    position: "Position",
    speed: "Speed",
    noAudio: "No audio for this episode: attach one with `deeplisten attach-audio`, or follow along in the transcript.",
    youtubeLoading: "Loading the episode's YouTube video…",
    youtubeFailed:
      "The episode's YouTube video could not be loaded (is this machine offline?). Follow along in the transcript, or attach the audio with `deeplisten attach-audio`.",
  },
  "zh-CN": {
    play: "播放",
    pause: "暂停",
    back: "后退 10 秒",
    forward: "前进 10 秒",
    position: "播放位置",
    speed: "倍速",
    noAudio: "这一集还没有音频：可用 `deeplisten attach-audio` 附加，或直接阅读文字稿。",
    youtubeLoading: "正在载入这一集的 YouTube 视频…",
    youtubeFailed:
      "这一集的 YouTube 视频载入失败（这台电脑没联网？）。可以直接阅读文字稿，或用 `deeplisten attach-audio` 附加音频。",
  },
});

const RATES = [0.75, 1, 1.25, 1.5, 1.75, 2];

/** The player controls at the bottom of every episode page. */
export function PlayerBar() {
  const t = useT(messages);
  const player = usePlayer();
  if (!player.available) {
    return (
      <footer className="player-bar player-bar-empty">
        <span>
          {player.backend === "youtube"
            ? t(player.backendStatus === "failed" ? "youtubeFailed" : "youtubeLoading")
            : t("noAudio")}
        </span>
      </footer>
    );
  }
  return (
    <footer className="player-bar">
      <button type="button" onClick={() => player.skip(-10_000)} aria-label={t("back")} title={`${t("back")} (←)`}>
        ⟲ 10
      </button>
      <button
        type="button"
        className="play-button"
        onClick={player.toggle}
        aria-label={player.playing ? t("pause") : t("play")}
        title={`${player.playing ? t("pause") : t("play")} (space)`}
      >
        {player.playing ? "❚❚" : "▶"}
      </button>
      <button type="button" onClick={() => player.skip(10_000)} aria-label={t("forward")} title={`${t("forward")} (→)`}>
        10 ⟳
      </button>
      <span className="time" aria-live="off">
        {formatTime(player.currentMs)} / {formatTime(player.durationMs)}
      </span>
      <input
        className="seek"
        type="range"
        min={0}
        max={Math.max(1, player.durationMs)}
        step={1000}
        value={Math.min(player.currentMs, player.durationMs)}
        onChange={(e) => player.seek(Number(e.target.value), player.playing)}
        aria-label={t("position")}
      />
      <label className="rate">
        <span className="visually-hidden">{t("speed")}</span>
        <select value={player.rate} onChange={(e) => player.setRate(Number(e.target.value))} aria-label={t("speed")}>
          {RATES.map((r) => (
            <option key={r} value={r}>
              {r}×
            </option>
          ))}
        </select>
      </label>
    </footer>
  );
}
