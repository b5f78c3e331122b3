import { parseArgs } from "node:util";
import { formatTimecode } from "../../core/index.js";
import { type EpisodeProgress, episodeProgress } from "../../library/episode-progress.js";
import type { TutorLanguage } from "../../tutor/lesson.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { UsageError } from "../usage-error.js";
import { tutorLanguage } from "./tutor.js";

export const PROGRESS_USAGE =
  "deeplisten progress <episode> [--lang en|zh] [--json]   concepts by mastery, calibration, marks, time per pass";

/** How many names of a state to list before "and N more". */
const NAMES_SHOWN = 12;

const SAY = {
  en: {
    header: "“{title}”: pass {pass} of 3",
    notAnalysed: "Not analysed yet: `deeplisten analyze {id}` finds its concepts.",
    concepts: "Concepts: {verified} of {total} verified · {learning} learning · {marked} marked · {new} new",
    marked: "Marked, ask the tutor next",
    learning: "Learning, explain them back when ready",
    verified: "Verified in your own words",
    more: "and {n} more",
    noAttempts: "Calibration: no graded explanations yet (deeplisten tutor <episode> <concept> asks for one).",
    calibration: "Calibration: {n} graded explanation(s), Brier score {brier} (0 is perfect, 0.25 is guessing); {lean}",
    over: "you were more sure than right by {pct} points",
    under: "you were right more often than you said, by {pct} points",
    even: "your confidence matched your results",
    byConfidence: "  confidence {c}/5: {verified} of {count} verified",
    listening: "Listening:",
    pass: "  pass {pass}: {listened} of {duration} listened ({pct}%), {spent} spent",
    marks: "Marks: {n} ({perPass})",
    noMarks: "Marks: none yet (deeplisten mark <episode> --at hh:mm:ss or --term X).",
  },
  zh: {
    header: "「{title}」：第 {pass} 遍（共 3 遍）",
    notAnalysed: "还没有分析：运行 `deeplisten analyze {id}` 找出概念。",
    concepts: "概念：已验证 {verified} / {total} · 学习中 {learning} · 已标记 {marked} · 未开始 {new}",
    marked: "已标记，接下来问导师",
    learning: "学习中，准备好了就用自己的话解释",
    verified: "已用自己的话验证",
    more: "还有 {n} 个",
    noAttempts: "校准：还没有评过分的解释（deeplisten tutor <episode> <concept> 会请你解释）。",
    calibration: "校准：{n} 次评过分的解释，Brier 分数 {brier}（0 为完美，0.25 相当于瞎猜）；{lean}",
    over: "你的把握比实际高 {pct} 个百分点",
    under: "你的实际表现比你说的好 {pct} 个百分点",
    even: "你的把握和结果相符",
    byConfidence: "  把握 {c}/5：{count} 次中 {verified} 次验证通过",
    listening: "收听：",
    pass: "  第 {pass} 遍：听了 {listened} / {duration}（{pct}%），用时 {spent}",
    marks: "标记：{n} 个（{perPass}）",
    noMarks: "标记：还没有（deeplisten mark <episode> --at hh:mm:ss 或 --term X）。",
  },
} as const;

type Key = keyof (typeof SAY)["en"];

function say(lang: TutorLanguage, key: Key, vars: Record<string, string | number> = {}): string {
  return SAY[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/**
 * `deeplisten progress`: where the learner stands on an episode, as the web's progress page shows
 * it: concepts by mastery (the ones to work on named), calibration (confidence given vs verdict,
 * Brier score), marks per pass, and what was listened to and the time spent in each pass.
 */
export function progressCommand(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { lang: { type: "string" } },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${PROGRESS_USAGE}`);
  const lang = tutorLanguage(values.lang);
  const episode = findOneEpisode(ctx, positionals[0] as string);
  const progress = episodeProgress(ctx.openLibrary(), episode.id) as EpisodeProgress;
  if (ctx.json) {
    ctx.stdout(JSON.stringify(progress));
    return 0;
  }
  for (const line of progressLines(progress, lang)) ctx.stdout(line);
  return 0;
}

/** The progress as lines for the terminal. */
export function progressLines(p: EpisodeProgress, lang: TutorLanguage): string[] {
  const lines = [say(lang, "header", { title: p.title, pass: p.pass })];
  if (!p.analysed) lines.push(say(lang, "notAnalysed", { id: p.episodeId }));
  const { counts, concepts } = p.mastery;
  lines.push(say(lang, "concepts", { ...counts, total: concepts.length }));
  for (const state of ["marked", "learning", "verified"] as const) {
    const names = concepts.filter((c) => c.state === state).map((c) => c.name);
    if (names.length === 0) continue;
    const shown = names.slice(0, NAMES_SHOWN).join(", ");
    const more = names.length > NAMES_SHOWN ? ` ${say(lang, "more", { n: names.length - NAMES_SHOWN })}` : "";
    lines.push(`  ${say(lang, state)}${lang === "zh" ? "：" : ": "}${shown}${more}`);
  }

  const cal = p.calibration;
  if (cal.brier === null) lines.push(say(lang, "noAttempts"));
  else {
    const lean = cal.overconfidence ?? 0;
    const pct = Math.round(Math.abs(lean) * 100);
    lines.push(
      say(lang, "calibration", {
        n: cal.points.length,
        brier: cal.brier.toFixed(2),
        lean: say(lang, pct < 5 ? "even" : lean > 0 ? "over" : "under", { pct }),
      }),
    );
    for (const b of cal.buckets) {
      if (b.count > 0)
        lines.push(say(lang, "byConfidence", { c: b.confidence, verified: b.verifiedCount, count: b.count }));
    }
  }

  lines.push(say(lang, "listening"));
  for (const pass of p.passes) {
    lines.push(
      say(lang, "pass", {
        pass: pass.pass,
        listened: formatTimecode(pass.listenedMs),
        duration: formatTimecode(p.durationMs),
        pct: Math.round(pass.coverage * 100),
        spent: formatTimecode(pass.timeMs),
      }),
    );
  }
  if (p.marks.length === 0) lines.push(say(lang, "noMarks"));
  else {
    const perPass = ([1, 2, 3] as const)
      .map((n) => [n, p.marks.filter((m) => m.pass === n).length] as const)
      .filter(([, count]) => count > 0)
      .map(([n, count]) => (lang === "zh" ? `第 ${n} 遍 ${count}` : `pass ${n}: ${count}`))
      .join(lang === "zh" ? "，" : ", ");
    lines.push(say(lang, "marks", { n: p.marks.length, perPass }));
  }
  return lines;
}
