import { formatTimecode } from "../../core/index.js";
import type { TutorLanguage } from "../lesson.js";
import type { ThreadMessage } from "./types.js";

const LABELS = {
  en: {
    title: "Tutor thread: {concept}",
    episode: "Episode",
    exported: "Exported",
    learner: "You",
    tutor: "Tutor",
    offline: "offline tutor",
    cached: "from the cache",
    moments: "Moments cited",
    empty: "No questions yet.",
  },
  zh: {
    title: "导师对话：{concept}",
    episode: "节目",
    exported: "导出时间",
    learner: "你",
    tutor: "导师",
    offline: "离线导师",
    cached: "来自缓存",
    moments: "引用的片段",
    empty: "还没有提问。",
  },
} as const;

/**
 * A concept's tutor thread as Markdown, for the learner's notes (Obsidian and friends): every turn,
 * who answered, and the moments each answer cited with their times. Pure.
 */
export function threadToMarkdown(input: {
  conceptName: string;
  episodeTitle: string;
  messages: ThreadMessage[];
  language: TutorLanguage;
  exportedAt: Date;
}): string {
  const l = LABELS[input.language];
  const out: string[] = [
    `# ${l.title.replace("{concept}", oneLine(input.conceptName))}`,
    "",
    `- ${l.episode}: ${oneLine(input.episodeTitle)}`,
    `- ${l.exported}: ${input.exportedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
  ];
  if (input.messages.length === 0) out.push(l.empty, "");
  for (const m of input.messages) {
    if (m.role === "user") {
      out.push(`## ${l.learner}`, "", m.content.trim(), "");
      continue;
    }
    const who =
      m.provider === "offline" || m.provider === null
        ? l.offline
        : `${m.provider}${m.model ? ` · ${m.model}` : ""}${m.cached ? ` · ${l.cached}` : ""}`;
    out.push(`## ${l.tutor} (${who})`, "", m.content.trim(), "");
    if (m.citations.length > 0) {
      out.push(`${l.moments}: ${m.citations.map((c) => `[${formatTimecode(c.startMs)}]`).join(", ")}`, "");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
