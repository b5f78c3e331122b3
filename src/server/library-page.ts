/**
 * The page served at `/` until the React workspace lands: the library from `/api/episodes`, and an
 * episode's transcript with its audio (click a line to play from there). Every text from the
 * library is inserted with textContent, never as HTML. English and Chinese follow the browser,
 * with a switch.
 */
export function libraryPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>deeplisten</title>
<style>
  :root { --ink:#1d2430; --muted:#5f6b7a; --line:#e3e7ee; --accent:#2f6fdf; --bg:#f7f8fb; }
  * { box-sizing: border-box; }
  body { margin:0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", sans-serif; color:var(--ink); background:var(--bg); }
  header { display:flex; align-items:center; gap:16px; padding:14px 28px; background:#fff; border-bottom:1px solid var(--line); }
  header h1 { font-size:19px; margin:0; letter-spacing:.2px; }
  header .tag { color:var(--muted); font-size:13px; }
  header button { margin-left:auto; border:1px solid var(--line); background:#fff; border-radius:6px; padding:4px 10px; cursor:pointer; }
  main { max-width:980px; margin:24px auto; padding:0 20px; }
  .episode { background:#fff; border:1px solid var(--line); border-radius:10px; padding:16px 20px; margin-bottom:14px; cursor:pointer; }
  .episode:hover { border-color:var(--accent); }
  .episode h2 { font-size:17px; margin:0 0 6px; }
  .meta { color:var(--muted); font-size:13px; display:flex; flex-wrap:wrap; gap:4px 14px; }
  .chapters { margin:10px 0 0; padding:0; list-style:none; display:flex; flex-wrap:wrap; gap:6px; }
  .chapters li { font-size:12px; background:#eef3fc; color:#234; border-radius:999px; padding:2px 10px; }
  .chapters li.more { background:none; color:var(--muted); }
  .empty { color:var(--muted); padding:40px; text-align:center; }
  #view audio { width:100%; margin:10px 0 16px; }
  .seg { display:grid; grid-template-columns:70px 1fr; gap:10px; padding:6px 8px; border-radius:6px; cursor:pointer; }
  .seg:hover { background:#eef3fc; }
  .seg.now { background:#fff4d6; }
  .seg time { color:var(--accent); font-variant-numeric:tabular-nums; font-size:13px; padding-top:2px; }
  .seg b { font-weight:600; margin-right:6px; }
  .chapter-title { margin:18px 0 6px; font-size:15px; color:#234; border-bottom:1px solid var(--line); padding-bottom:4px; }
  .job { margin-top:10px; font-size:12px; color:var(--muted); display:flex; align-items:center; gap:8px; }
  .job progress { width:220px; height:8px; }
  .concepts { display:flex; flex-wrap:wrap; gap:6px; margin:6px 0 14px; padding:0; list-style:none; }
  .concepts li { font-size:13px; background:#eef7ee; border-radius:6px; padding:2px 8px; cursor:pointer; }
  .clash { border-left:3px solid #d9822b; padding:4px 10px; margin:8px 0; cursor:pointer; }
  .clash .who { font-size:12px; color:var(--muted); }
  h3.section { font-size:15px; margin:18px 0 6px; }
  a.back { color:var(--accent); cursor:pointer; text-decoration:none; font-size:14px; }
</style>
</head>
<body>
<header><h1>deeplisten</h1><span class="tag" data-i18n="tagline"></span><button id="lang" type="button"></button></header>
<main><div id="library"></div><div id="view" hidden></div></main>
<script type="module">
const STRINGS = {
  en: { tagline: "Understanding you can prove", empty: "The library is empty. Import an episode: deeplisten import <file or URL>",
        speakers: "Speakers", words: "words", segments: "segments", chapters: "chapters", estimated: "times estimated",
        more: "+{n} more", analysing: "Analysing", concepts: "Key concepts", clashes: "Where they clash (re-listen in pass 2)", notAnalysed: "Not analysed yet.", back: "← Library", noAudio: "No audio for this episode", switch: "中文", loading: "Loading…", error: "Could not load the library" },
  zh: { tagline: "可以被证明的理解", empty: "资料库是空的。导入一期节目：deeplisten import <文件或网址>",
        speakers: "说话人", words: "词", segments: "段", chapters: "章节", estimated: "时间为估计值",
        more: "还有 {n} 章", analysing: "正在分析", concepts: "核心概念", clashes: "观点交锋（第二遍重听）", notAnalysed: "尚未分析。", back: "← 资料库", noAudio: "这一期没有音频", switch: "English", loading: "加载中…", error: "无法加载资料库" },
};
let lang = localStorage.getItem("deeplisten.lang") || (navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en");
const t = (k) => STRINGS[lang][k];
const el = (tag, props = {}, ...children) => { const n = document.createElement(tag); Object.assign(n, props); for (const c of children) n.append(c); return n; };
const tc = (ms) => { const s = Math.floor(ms / 1000); return [Math.floor(s / 3600), Math.floor(s % 3600 / 60), s % 60].map((v) => String(v).padStart(2, "0")).join(":"); };

function applyLang() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = t(n.dataset.i18n);
  document.getElementById("lang").textContent = t("switch");
}
document.getElementById("lang").onclick = () => { lang = lang === "en" ? "zh" : "en"; localStorage.setItem("deeplisten.lang", lang); route(); };

async function showLibrary() {
  const root = document.getElementById("library");
  root.hidden = false; document.getElementById("view").hidden = true;
  root.replaceChildren(el("p", { className: "empty", textContent: t("loading") }));
  const res = await fetch("/api/episodes");
  if (!res.ok) { root.replaceChildren(el("p", { className: "empty", textContent: t("error") })); return; }
  const { episodes } = await res.json();
  if (!episodes.length) { root.replaceChildren(el("p", { className: "empty", textContent: t("empty") })); return; }
  const jobs = await fetch("/api/jobs").then((r) => (r.ok ? r.json() : { jobs: [] })).then((j) => j.jobs).catch(() => []);
  const active = jobs.filter((j) => j.state === "queued" || j.state === "running");
  root.replaceChildren(...episodes.map((e) => {
    const meta = el("div", { className: "meta" },
      el("span", { textContent: tc(e.durationMs) + (e.timingEstimated ? " (" + t("estimated") + ")" : "") }),
      el("span", { textContent: e.language }),
      el("span", { textContent: t("speakers") + ": " + (e.speakers.join(", ") || "—") }),
      el("span", { textContent: e.wordCount.toLocaleString() + " " + t("words") }),
      el("span", { textContent: e.chapters.length + " " + t("chapters") }));
    const shown = e.chapters.slice(0, 12).map((c) => el("li", { textContent: tc(c.startMs) + " " + c.title }));
    if (e.chapters.length > 12) shown.push(el("li", { className: "more", textContent: t("more").replace("{n}", e.chapters.length - 12) }));
    const chapters = el("ul", { className: "chapters" }, ...shown);
    const card = el("article", { className: "episode" }, el("h2", { textContent: e.title }), meta, chapters);
    const job = active.find((j) => j.episodeId === e.id);
    if (job) card.append(el("div", { className: "job" }, el("span", { textContent: t("analysing") }), el("progress", { max: 1, value: job.progress }), el("span", { textContent: job.step })));
    card.dataset.id = e.id;
    card.onclick = () => { location.hash = "#/episode/" + encodeURIComponent(e.id); };
    return card;
  }));
  // The analysis runs in the background: its persisted progress is polled until it is done.
  if (active.length) setTimeout(() => { if (!location.hash.startsWith("#/episode/")) showLibrary(); }, 1000);
}

async function showEpisode(id) {
  const view = document.getElementById("view");
  document.getElementById("library").hidden = true; view.hidden = false;
  view.replaceChildren(el("p", { className: "empty", textContent: t("loading") }));
  const res = await fetch("/api/episodes/" + encodeURIComponent(id));
  if (!res.ok) { view.replaceChildren(el("p", { className: "empty", textContent: t("error") })); return; }
  const { episode } = await res.json();
  const back = el("a", { className: "back", textContent: t("back"), href: "#/" });
  const audio = episode.audioUrl ? el("audio", { controls: true, preload: "metadata", src: "/api/episodes/" + encodeURIComponent(id) + "/audio" })
                                 : el("p", { className: "meta", textContent: t("noAudio") });
  const rows = [];
  let chapterIdx = 0;
  for (const s of episode.segments) {
    while (chapterIdx < episode.chapters.length && episode.chapters[chapterIdx].startMs <= s.startMs) {
      rows.push(el("h3", { className: "chapter-title", textContent: tc(episode.chapters[chapterIdx].startMs) + "  " + episode.chapters[chapterIdx].title }));
      chapterIdx++;
    }
    const text = el("div");
    if (s.speaker) text.append(el("b", { textContent: s.speaker }));
    text.append(document.createTextNode(s.text));
    const row = el("div", { className: "seg" }, el("time", { textContent: tc(s.startMs) }), text);
    row.dataset.start = s.startMs;
    row.onclick = () => { if (audio.tagName === "AUDIO") { audio.currentTime = s.startMs / 1000; audio.play(); } };
    rows.push(row);
  }
  const analysis = await fetch("/api/episodes/" + encodeURIComponent(id) + "/analysis").then((r) => (r.ok ? r.json() : null)).catch(() => null);
  const seek = (ms) => { if (audio.tagName === "AUDIO") { audio.currentTime = ms / 1000; audio.play(); } };
  const insight = [];
  if (analysis) {
    insight.push(el("h3", { className: "section", textContent: t("concepts") }));
    insight.push(el("ul", { className: "concepts" }, ...analysis.concepts.slice(0, 30).map((c) => {
      const li = el("li", { textContent: c.name, title: c.aliases.join(", ") + " · " + tc(c.firstMs) });
      li.onclick = () => seek(c.definitions[0]?.startMs ?? c.firstMs);
      return li;
    })));
    if (analysis.clashes.length) {
      insight.push(el("h3", { className: "section", textContent: t("clashes") }));
      for (const c of analysis.clashes) {
        const item = el("div", { className: "clash" }, el("div", { className: "who", textContent: tc(c.startMs) + "  " + c.speakers.join(" ↔ ") + " · " + c.topic }), el("div", { textContent: c.quote }));
        item.onclick = () => seek(c.startMs);
        insight.push(item);
      }
    }
  } else {
    insight.push(el("p", { className: "meta", textContent: t("notAnalysed") }));
  }
  view.replaceChildren(back, el("h2", { textContent: episode.title }), audio, ...insight, ...rows);
  if (audio.tagName === "AUDIO") {
    const segRows = rows.filter((r) => r.classList.contains("seg"));
    audio.ontimeupdate = () => {
      const ms = audio.currentTime * 1000;
      for (const r of segRows) r.classList.toggle("now", Number(r.dataset.start) <= ms && ms < Number(r.nextElementSibling?.dataset?.start ?? Infinity));
    };
  }
}

function route() {
  applyLang();
  const m = /^#\\/episode\\/(.+)$/.exec(location.hash);
  if (m) showEpisode(decodeURIComponent(m[1])); else showLibrary();
}
window.addEventListener("hashchange", route);
route();
</script>
</body>
</html>`;
}
