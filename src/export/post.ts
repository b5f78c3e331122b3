import { formatTimecode } from "../core/index.js";
import { mapToAscii } from "./ascii.js";
import { dayLabel, durationLabel } from "./labels.js";
import { escapeMarkdown, markdownLink, markdownMoment } from "./markdown-text.js";
import { momentUrl, safeUrl } from "./moments.js";
import type { PostExtras, PostQuotePlace } from "./post-types.js";
import type { EpisodeExportData, ExportConcept, MapNode } from "./types.js";
import { yamlString, yamlStringList } from "./yaml-text.js";

/** How deep a branch section lists the map under its heading. */
const BRANCH_DEPTH = 3;

const TEXT = {
  en: {
    titleSuffix: "what I learned, and can now explain",
    description: (title: string, verified: number, speakers: string) =>
      `What I learned from “${title}”${speakers ? ` with ${speakers}` : ""}: ${verified} concept(s) explained in my own words and checked, the speakers' positions side by side, what changed in my thinking, and a learning path.`,
    checkTitle: (n: number) => `**Check before publishing: ${n} quote(s) are not verified against the transcript.**`,
    wrongSpeaker: (quote: string, credited: string, correct: string, at: string) =>
      `${quote}: credited to ${credited}, but the transcript has ${correct} saying it at ${at}.`,
    notFound: (quote: string, credited: string | null, similarity: string) =>
      `${quote}: ${credited ? `credited to ${credited}, ` : ""}not found in the transcript (closest passage ${similarity}).`,
    checkFoot:
      'This list goes away once each quote is fixed, or accepted as it stands (the Accept button on the clashes or review page, or `deeplisten attribute <episode> --accept "<quote>"`).',
    places: {
      synthesis: (topic: string) => `my take on ${topic}`,
      insight: "an insight",
      mark: (at: string) => `the note of my mark at ${at}`,
      map: (title: string) => `map node: ${title}`,
    },
    acceptedNotFound: "(paraphrase)",
    acceptedWrong: (name: string) => `(in the transcript: ${name})`,
    why: "Why this episode, and who is speaking",
    intro: (title: string, show: string, duration: string, speakers: string) =>
      `${title} (${show ? `${show}, ` : ""}${duration}) is a conversation between ${speakers}.`,
    introNoSpeakers: (title: string, show: string, duration: string) =>
      `${title} (${show ? `${show}, ` : ""}${duration}).`,
    studied: (names: string) => `I studied it to really understand ${names}.`,
    watch: "Watch it",
    method: "How I studied it",
    methodIntro:
      "Three passes over the episode: listen and mark every moment I did not really understand; question a tutor until I could explain each concept in my own words, each explanation checked; listen again for where the speakers' views clash; then verify everything without help.",
    pass: "Pass",
    what: "What I did",
    time: "Listening time",
    pass1: "1. Listen and mark",
    tutor: "Tutor and explain-back",
    pass2: "2. Listen for the clashes",
    pass3: "3. Verify without help",
    marks: (n: number) => `${n} mark(s)`,
    explanations: (n: number) => `${n} explanation(s) checked`,
    topics: (n: number) => `${n} topic(s) in the stance table`,
    pass3Done: (n: number, r: number) => `${n} explanation(s) without help, ${r} spaced review(s)`,
    total: (t: string) => `Total listening time: ${t}.`,
    map: "The map",
    mapMine: "My mind map of the episode:",
    mapDraft: "The episode's structure (I have not drawn my own map yet):",
    concepts: "Concepts I can explain",
    conceptsIntro: (v: number, n: number) =>
      `${v} of ${n} verified: each explanation below is mine, checked against the concept's key points.`,
    concept: "Concept",
    explanation: "My explanation",
    status: "Status",
    firstSaid: "First said",
    verified: "verified ✓",
    notVerified: (state: string) => `not verified yet (${state})`,
    positions: "Where the speakers stand",
    topic: "Topic",
    myTake: "My take",
    changed: "What changed in my thinking",
    path: "Learning path",
    pathIntro: "In the order I would learn them again, prerequisites first:",
    background: "background, not in the episode",
    footer: (day: string) =>
      `*Written on ${day} with deeplisten, from my own verified explanations rather than a summary of the episode.*`,
    states: { new: "new", marked: "marked", learning: "learning", verified: "verified" },
  },
  zh: {
    titleSuffix: "我学到并能讲清楚的东西",
    description: (title: string, verified: number, speakers: string) =>
      `我从《${title}》${speakers ? `（${speakers}）` : ""}学到的：${verified} 个概念用自己的话解释并通过检查，嘉宾观点对照，我的想法有什么变化，以及学习路径。`,
    checkTitle: (n: number) => `**发布前请核对：有 ${n} 条引语没有在文字稿中得到证实。**`,
    wrongSpeaker: (quote: string, credited: string, correct: string, at: string) =>
      `${quote}：记在 ${credited} 名下，但文字稿中说这句话的是 ${correct}（${at}）。`,
    notFound: (quote: string, credited: string | null, similarity: string) =>
      `${quote}：${credited ? `记在 ${credited} 名下，但` : ""}文字稿中找不到（最接近的段落相似度 ${similarity}）。`,
    checkFoot:
      '每条引语改正或确认保留后（在观点交锋页或复习页点“接受”，或运行 `deeplisten attribute <episode> --accept "<引语>"`），这个列表就会消失。',
    places: {
      synthesis: (topic: string) => `我对 ${topic} 的看法`,
      insight: "一条感想",
      mark: (at: string) => `${at} 处标记的笔记`,
      map: (title: string) => `导图节点：${title}`,
    },
    acceptedNotFound: "（意译）",
    acceptedWrong: (name: string) => `（文字稿中为 ${name}）`,
    why: "为什么是这一期，谁在说话",
    intro: (title: string, show: string, duration: string, speakers: string) =>
      `《${title}》（${show ? `${show}，` : ""}${duration}）是 ${speakers} 之间的对话。`,
    introNoSpeakers: (title: string, show: string, duration: string) =>
      `《${title}》（${show ? `${show}，` : ""}${duration}）。`,
    studied: (names: string) => `我学习它，是为了真正弄懂 ${names}。`,
    watch: "观看视频",
    method: "我是怎么学的",
    methodIntro:
      "把节目听三遍：第一遍标记每个没真正听懂的地方；然后向导师提问，直到能用自己的话解释每个概念，每次解释都经过检查；第二遍专听嘉宾观点交锋之处；最后不看任何资料验证一遍。",
    pass: "阶段",
    what: "做了什么",
    time: "收听时间",
    pass1: "1. 听并标记",
    tutor: "导师与复述",
    pass2: "2. 听观点交锋",
    pass3: "3. 不看资料验证",
    marks: (n: number) => `${n} 处标记`,
    explanations: (n: number) => `${n} 次解释经过检查`,
    topics: (n: number) => `观点对照表中 ${n} 个话题`,
    pass3Done: (n: number, r: number) => `${n} 次无提示解释，${r} 次间隔复习`,
    total: (t: string) => `总收听时间：${t}。`,
    map: "思维导图",
    mapMine: "我画的这期节目的思维导图：",
    mapDraft: "节目的结构（我还没有画自己的导图）：",
    concepts: "我能讲清楚的概念",
    conceptsIntro: (v: number, n: number) =>
      `${n} 个中已验证 ${v} 个：下面每条解释都是我自己写的，并对照概念要点检查过。`,
    concept: "概念",
    explanation: "我的解释",
    status: "状态",
    firstSaid: "首次出现",
    verified: "已验证 ✓",
    notVerified: (state: string) => `尚未验证（${state}）`,
    positions: "嘉宾观点对照",
    topic: "话题",
    myTake: "我的看法",
    changed: "我的想法有什么变化",
    path: "学习路径",
    pathIntro: "如果重新学一遍，我会按这个顺序，先学前置知识：",
    background: "背景知识，节目中未讨论",
    footer: (day: string) => `*${day} 用 deeplisten 写成，内容来自我自己验证过的解释，而不是节目摘要。*`,
    states: { new: "未开始", marked: "已标记", learning: "学习中", verified: "已验证" },
  },
} as const;

/**
 * The write-up: a Markdown blog post in the learner's language, built from their own work. Front
 * matter with a description; at the very top, every quote the transcript does not back as
 * credited (until it is fixed); why this episode and who speaks; the method and the time spent per
 * pass; the learner's map as an ASCII tree and one section per branch; their verified explanations;
 * the speakers' positions side by side with quotes linked to the video's moment; what changed in
 * their thinking; a learning path. Pure; every transcript or learner text is escaped.
 */
export function episodeToPost(data: EpisodeExportData, extras: PostExtras): string {
  const lang = data.language;
  const t = TEXT[lang];
  const { episode } = data;
  const link = (ms: number) => momentUrl(episode.videoUrl, ms);
  const moment = (ms: number) => markdownMoment(ms, link(ms));
  const byKey = new Map(data.concepts.map((c) => [c.key, c]));
  const learned = data.concepts.filter((c) => c.mastery !== "new" || c.bestExplanation);
  const verified = learned.filter((c) => c.bestExplanation);
  const speakers = joinNames(episode.speakers, lang);
  const out: string[] = [];

  out.push(
    "---",
    `title: ${yamlString(`${episode.title}: ${t.titleSuffix}`)}`,
    `description: ${yamlString(t.description(episode.title, verified.length, speakers))}`,
    `date: ${yamlString(dayLabel(data.exportedAt))}`,
    `lang: ${yamlString(lang === "zh" ? "zh-CN" : "en")}`,
    `tags: ${yamlStringList(["deeplisten", ...learned.slice(0, 6).map((c) => c.name)])}`,
  );
  const video = episode.videoUrl ? safeUrl(episode.videoUrl) : null;
  if (video) out.push(`source: ${yamlString(video)}`);
  out.push("---", "");

  if (extras.quoteProblems.length) {
    out.push(`> ${t.checkTitle(extras.quoteProblems.length)}`, ">");
    for (const p of extras.quoteProblems) {
      const place = placeLabel(p.place, t);
      const quote = `“${escapeMarkdown(p.quote)}”${lang === "zh" ? `（${place}）` : ` (${place})`}`;
      const credited = p.speaker ? escapeMarkdown(p.speaker) : null;
      out.push(
        `> - ${
          p.verdict === "wrong-speaker" && credited
            ? t.wrongSpeaker(quote, credited, escapeMarkdown(p.correctSpeaker ?? "?"), moment(p.startMs ?? 0))
            : t.notFound(quote, credited, p.similarity.toFixed(2))
        }`,
      );
    }
    out.push(">", `> ${t.checkFoot}`, "");
  }

  out.push(`# ${escapeMarkdown(episode.title)}`, "");

  out.push(`## ${t.why}`, "");
  const title = escapeMarkdown(episode.title);
  const show = episode.show ? escapeMarkdown(episode.show) : "";
  const duration = postDuration(episode.durationMs, lang);
  const intro = episode.speakers.length
    ? t.intro(title, show, duration, escapeMarkdown(speakers))
    : t.introNoSpeakers(title, show, duration);
  // Chinese sentences follow each other without a space.
  const gap = lang === "zh" ? "" : " ";
  const studied = learned.length
    ? `${gap}${t.studied(
        escapeMarkdown(
          joinNames(
            learned.slice(0, 8).map((c) => c.name),
            lang,
          ),
        ),
      )}`
    : "";
  out.push(
    `${intro}${studied}${video ? `${gap}${markdownLink(t.watch, video)}${lang === "zh" ? "。" : "."}` : ""}`,
    "",
  );

  out.push(`## ${t.method}`, "", t.methodIntro, "");
  out.push(`| ${t.pass} | ${t.what} | ${t.time} |`, "| --- | --- | --- |");
  const time = (ms: number) => (ms > 0 ? postDuration(ms, lang) : "—");
  const c = extras.counts;
  out.push(`| ${t.pass1} | ${t.marks(c.marks)} | ${time(extras.timeSpentMs[1])} |`);
  out.push(`| ${t.tutor} | ${t.explanations(c.tutorAttempts)} | — |`);
  out.push(`| ${t.pass2} | ${t.topics(c.stanceTopics)} | ${time(extras.timeSpentMs[2])} |`);
  out.push(`| ${t.pass3} | ${t.pass3Done(c.pass3Attempts, c.reviews)} | ${time(extras.timeSpentMs[3])} |`);
  const total = extras.timeSpentMs[1] + extras.timeSpentMs[2] + extras.timeSpentMs[3];
  out.push("", t.total(postDuration(total, lang)), "");

  if (extras.map) {
    out.push(`## ${t.map}`, "", extras.mapIsLearners ? t.mapMine : t.mapDraft, "", "```text");
    // A fence inside a title would end the code block early.
    out.push(mapToAscii(extras.map).replace(/`{3,}/g, "ʼʼʼ").trimEnd(), "```", "");
    for (const branch of extras.map.children) {
      out.push(`## ${escapeMarkdown(branch.title) || "…"}`, "");
      if (branch.note) out.push(escapeMarkdown(branch.note), "");
      const lines = branchLines(branch, 0, { moment, byKey, lang });
      if (lines.length) out.push(...lines, "");
    }
  }

  if (learned.length) {
    out.push(`## ${t.concepts}`, "", t.conceptsIntro(verified.length, learned.length), "");
    out.push(`| ${t.concept} | ${t.explanation} | ${t.status} | ${t.firstSaid} |`, "| --- | --- | --- | --- |");
    for (const concept of learned) {
      const mine = concept.bestExplanation;
      out.push(
        `| ${escapeMarkdown(concept.name)} | ${mine ? escapeMarkdown(mine.text) : "—"} | ${
          mine ? t.verified : t.notVerified(t.states[concept.mastery])
        } | ${moment(concept.firstMs)} |`,
      );
    }
    out.push("");
  }

  if (extras.stances.length) {
    const columns = [
      ...new Set([...episode.speakers, ...extras.stances.flatMap((s) => s.cells.map((c) => c.speaker))]),
    ].filter((name) => extras.stances.some((s) => s.cells.some((c) => c.speaker === name && (c.position || c.quote))));
    out.push(`## ${t.positions}`, "");
    out.push(`| ${t.topic} | ${columns.map(escapeMarkdown).join(" | ")} | ${t.myTake} |`);
    out.push(`| ${["---", ...columns.map(() => "---"), "---"].join(" | ")} |`);
    for (const topic of extras.stances) {
      const cells = columns.map((name) => {
        const cell = topic.cells.find((x) => x.speaker === name);
        if (!cell) return "";
        const parts = [cell.position ? escapeMarkdown(cell.position) : ""];
        if (cell.quote) {
          const accepted = cell.accepted
            ? `${lang === "zh" ? "" : " "}${cell.accepted.verdict === "wrong-speaker" && cell.accepted.correctSpeaker ? t.acceptedWrong(escapeMarkdown(cell.accepted.correctSpeaker)) : t.acceptedNotFound}`
            : "";
          parts.push(
            `“${escapeMarkdown(cell.quote)}”${accepted}${cell.startMs !== null ? ` ${moment(cell.startMs)}` : ""}`,
          );
        }
        return parts.filter(Boolean).join("<br>");
      });
      out.push(`| ${escapeMarkdown(topic.title)} | ${cells.join(" | ")} | ${escapeMarkdown(topic.synthesis)} |`);
    }
    out.push("");
  }

  if (extras.insights.length) {
    out.push(`## ${t.changed}`, "");
    for (const insight of extras.insights) {
      const links = [
        ...insight.concepts.map((n) => `*${escapeMarkdown(n)}*`),
        ...insight.moments.map((ms) => moment(ms)),
      ];
      out.push(`- ${escapeMarkdown(insight.text)}${links.length ? ` (${links.join(", ")})` : ""}`);
    }
    out.push("");
  }

  if (extras.learningPath.length) {
    out.push(`## ${t.path}`, "", t.pathIntro, "");
    extras.learningPath.forEach((step, i) => {
      const note = step.inEpisode ? (step.mastery === "verified" ? ` ${t.verified}` : "") : ` *(${t.background})*`;
      out.push(`${i + 1}. ${escapeMarkdown(step.name)}${note}`);
    });
    out.push("");
  }

  out.push("---", "", t.footer(dayLabel(data.exportedAt)), "");
  return out.join("\n");
}

/** The extras of a post made from the notes' data alone: the map it has, no stances, insights or checks. */
export function notesOnlyPostExtras(data: EpisodeExportData): PostExtras {
  return {
    map: data.map,
    mapIsLearners: false,
    timeSpentMs: { 1: 0, 2: 0, 3: 0 },
    counts: { marks: data.marks.length, tutorAttempts: 0, pass3Attempts: 0, reviews: 0, stanceTopics: 0 },
    stances: [],
    insights: [],
    quoteProblems: [],
    learningPath: [],
  };
}

/** A branch of the map as nested bullets: titles, moments, and the learner's verified explanation of a concept node. */
function branchLines(
  node: MapNode,
  depth: number,
  o: { moment: (ms: number) => string; byKey: Map<string, ExportConcept>; lang: "en" | "zh" },
): string[] {
  const lines: string[] = [];
  for (const child of node.children) {
    const indent = "  ".repeat(depth);
    const concept = child.conceptKey ? o.byKey.get(child.conceptKey) : undefined;
    const mine = concept?.bestExplanation ? `: ${escapeMarkdown(concept.bestExplanation.text)}` : "";
    // A moment node's title starts with its own timecode (the draft's): the linked time replaces it.
    const stamp = child.startMs !== undefined ? formatTimecode(child.startMs) : null;
    if (stamp && child.title.startsWith(`${stamp} `)) {
      lines.push(
        `${indent}- ${o.moment(child.startMs as number)} ${escapeMarkdown(child.title.slice(stamp.length + 1))}`,
      );
    } else {
      const at = child.startMs !== undefined ? ` ${o.moment(child.startMs)}` : "";
      const name = concept?.bestExplanation ? `**${escapeMarkdown(child.title)}**` : escapeMarkdown(child.title);
      lines.push(`${indent}- ${name}${at}${mine}`);
    }
    if (child.note) lines.push(`${indent}  ${escapeMarkdown(child.note)}`);
    if (depth + 1 < BRANCH_DEPTH) lines.push(...branchLines(child, depth + 1, o));
  }
  return lines;
}

/** Where a flagged quote is, in the post's language: a stance quote by its topic as before. */
function placeLabel(place: PostQuotePlace, t: (typeof TEXT)[keyof typeof TEXT]): string {
  switch (place.kind) {
    case "stance":
      return escapeMarkdown(place.topic);
    case "synthesis":
      return t.places.synthesis(escapeMarkdown(place.topic));
    case "insight":
      return t.places.insight;
    case "mark":
      return t.places.mark(formatTimecode(place.startMs));
    case "map":
      return t.places.map(escapeMarkdown(place.title));
  }
}

/** `1 h 05 min` / `1 小时 5 分钟`. */
function postDuration(ms: number, lang: "en" | "zh"): string {
  if (lang === "en") return durationLabel(ms);
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} 分钟` : `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分钟`;
}

/** "A, B and C" / "A、B 和 C". */
function joinNames(names: readonly string[], lang: "en" | "zh"): string {
  if (names.length <= 1) return names[0] ?? "";
  const head = names.slice(0, -1).join(lang === "zh" ? "、" : ", ");
  return `${head}${lang === "zh" ? " 和 " : " and "}${names.at(-1)}`;
}
