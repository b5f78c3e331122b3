/** `1:08:18` or `8:05`: how moments are shown everywhere in the app. */
export function formatTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

/** `4 h 25 min` / `20 min`. */
export function formatDuration(ms: number, lang: "en" | "zh-CN"): string {
  const minutes = Math.round(ms / 60000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === "zh-CN") return h > 0 ? `${h} 小时 ${m} 分钟` : `${m} 分钟`;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}
