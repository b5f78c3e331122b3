import { describe, expect, it } from "vitest";
import { ImportError } from "../core/index.js";
import {
  looksLikeLexFridmanHtml,
  looksLikeLexFridmanMarkdown,
  parseLexFridmanHtml,
  parseLexFridmanMarkdown,
} from "./lexfridman.js";

const ctx = { fileName: "lex459.md" };
const yt = (t: number) => `https://youtube.com/watch?v=_1f-o0nqpEI&t=${t}`;

// The shape of the #459 scrape, texts shortened.
const MARKDOWN = `# #459 – DeepSeek, China, OpenAI | Lex Fridman Podcast
# Episode #459
# Source: https://lexfridman.com/deepseek-dylan-patel-nathan-lambert

# Transcript for DeepSeek, China, OpenAI, NVIDIA | Lex Fridman Podcast #459

This is a transcript of Lex Fridman Podcast #459 with Dylan Patel and Nathan Lambert. The timestamps in the transcript are clickable links that take you directly to that point in the main video. Here are some useful links: 

  * Go back to [this episode’s main page](https://lexfridman.com/deepseek-dylan-patel-nathan-lambert/)
  * Watch the [full YouTube version of the podcast](https://youtube.com/watch?v=_1f-o0nqpEI)

## Table of Contents

Here are the loose “chapters” in the conversation. Click link to jump approximately to that part in the transcript: 

  * 3:33 – DeepSeek-R1 and DeepSeek-V3
  * 1:09:16 – AGI timeline

Lex Fridman [(00:00:00)](${yt(0)}) The following is a conversation with Dylan Patel and Nathan Lambert.

[(00:01:08)](${yt(68)}) While it does get super technical, we try to make sure that it’s still accessible.

## DeepSeek-R1 and DeepSeek-V3

Lex Fridman [(00:03:33)](${yt(213)}) A lot of people are curious to understand China’s DeepSeek AI models.

Nathan Lambert [(00:03:50)](${yt(230)}) DeepSeek-V3 is a new [mixture of experts](https://en.wikipedia.org/wiki/Mixture_of_experts) model.

## AGI timeline

Dylan Patel [(01:09:20)](${yt(4160)}) Thanks for having us.

This entry was posted in [transcripts](https://lexfridman.com/category/transcripts/) on [February 3, 2025](https://lexfridman.com/x/ "3:02 pm") by [Lex Fridman](https://lexfridman.com/author/lex-fridman/ "View all posts by Lex Fridman"). 

##  About Lex Fridman 

Host of Lex Fridman Podcast. Research Scientist at MIT, working on human-AI interaction, robotics, and machine learning.

[ View all posts by Lex Fridman → ](https://lexfridman.com/author/lex-fridman/)
`;

describe("parseLexFridmanMarkdown", () => {
  const t = parseLexFridmanMarkdown(MARKDOWN, ctx);

  it("reads title, show, host, guests and the video", () => {
    expect(t.format).toBe("lexfridman");
    expect(t.title).toBe("DeepSeek, China, OpenAI, NVIDIA");
    expect(t.show).toBe("Lex Fridman Podcast");
    expect(t.people).toEqual([
      { name: "Lex Fridman", role: "host" },
      { name: "Dylan Patel", role: "guest" },
      { name: "Nathan Lambert", role: "guest" },
    ]);
    expect(t.videoUrl).toBe("https://youtube.com/watch?v=_1f-o0nqpEI");
  });

  it("imports speech only: paragraphs with speaker, time and line, continuations keeping the speaker", () => {
    expect(t.segments.map((s) => [s.speaker, s.startMs, s.sourceLine])).toEqual([
      ["Lex Fridman", 0, 19],
      ["Lex Fridman", 68_000, 21],
      ["Lex Fridman", 213_000, 25],
      ["Nathan Lambert", 230_000, 27],
      ["Dylan Patel", 4_160_000, 31],
    ]);
    expect(t.segments[1]?.text).toBe(
      "While it does get super technical, we try to make sure that it’s still accessible.",
    );
    expect(t.segments[3]?.text).toBe("DeepSeek-V3 is a new mixture of experts model.");
    const all = t.segments.map((s) => s.text).join("\n");
    for (const boilerplate of [
      "This is a transcript",
      "useful links",
      "Go back",
      "loose",
      "This entry",
      "Host of",
      "View all",
    ]) {
      expect(all).not.toContain(boilerplate);
    }
  });

  it("takes chapters from the Table of Contents, not twice from the matching headings", () => {
    expect(t.chapters).toEqual([
      { title: "DeepSeek-R1 and DeepSeek-V3", startMs: 213_000, source: "published" },
      { title: "AGI timeline", startMs: 4_156_000, source: "published" },
    ]);
  });

  it("takes chapters from `## ` headings when there is no Table of Contents", () => {
    const noToc = MARKDOWN.replace(/## Table of Contents[\s\S]*?(?=Lex Fridman \[)/, "");
    expect(parseLexFridmanMarkdown(noToc, ctx).chapters.map((c) => [c.title, c.startMs])).toEqual([
      ["DeepSeek-R1 and DeepSeek-V3", 213_000],
      ["AGI timeline", 4_160_000],
    ]);
  });

  it("maps first-name labels to the people the intro names, and adds speakers it does not name", () => {
    const cursor = parseLexFridmanMarkdown(
      `This is a transcript of Lex Fridman Podcast #447 with Cursor Team. The timestamps in the transcript are clickable.

Lex [(00:00:00)](https://youtube.com/watch?v=oFfVt3S51T4&t=0) The following is a conversation.

Michael [(00:01:10)](https://youtube.com/watch?v=oFfVt3S51T4&t=70) So the code editor is largely the place.
`,
      ctx,
    );
    expect(cursor.segments.map((s) => s.speaker)).toEqual(["Lex", "Michael"]);
    expect(cursor.people).toEqual([
      { name: "Lex Fridman", role: "host" },
      { name: "Cursor Team", role: "guest" },
      { name: "Michael", role: "guest" },
    ]);
  });

  it("names the line where timestamps run backwards", () => {
    const text = `Lex Fridman [(00:10:00)](${yt(600)}) One.\n\nNathan Lambert [(00:01:00)](${yt(60)}) Two.\n`;
    expect(() => parseLexFridmanMarkdown(text, ctx)).toThrow("timestamps run backwards at line 3");
  });

  it("fails with the expected shape when there are no timestamped paragraphs", () => {
    expect(() => parseLexFridmanMarkdown("# Transcript for Nothing\n\nJust text.\n", ctx)).toThrow(ImportError);
    expect(() => parseLexFridmanMarkdown("# Transcript for Nothing\n\nJust text.\n", ctx)).toThrow(
      "lex459.md:1: no transcript paragraphs found",
    );
  });
});

describe("looksLikeLexFridmanMarkdown", () => {
  it("recognises the scrape and not a `Speaker (hh:mm:ss)` file", () => {
    expect(looksLikeLexFridmanMarkdown(MARKDOWN)).toBe(true);
    expect(looksLikeLexFridmanMarkdown("Lex Fridman (00:00:00) Hi.\nNathan Lambert (00:00:05) Hello.\n")).toBe(false);
  });
});

// The knowledge-graph page's structure, cut down: a sidebar h1, the page h1, a chapter list
// (truncated on the real page), dialogue items with headings glued onto paragraph ends, a
// translation, and the footer items.
const HTML = `<!DOCTYPE html>
<html lang="zh-CN">
<head><title>AI SOTA 2026 - Lex Fridman 知识图谱</title><style>.dialogue-item { color: red; }</style></head>
<body>
<nav class="sidebar"><div class="sidebar-logo"><h1>Lex Fridman<br>知识图谱</h1></div></nav>
<main class="main">
<h1 style="font-size:28px">AI SOTA 2026</h1>
<div class="chapter-list">
<div class="chapter-item">
  <span class="chapter-time">0:00</span>
  <span class="chapter-title">Introduction<span class="zh-trans"> · 介绍</span></span>
</div>
<div class="chapter-item">
  <span class="chapter-time">1:57</span>
  <span class="chapter-title">China vs US: Who wins the AI race?<span class="zh-trans"> · 中国 vs 美国</span></span>
</div>
</div>
<div class="dialogue-box">
<div class="dialogue-item">
  <div class="dialogue-speaker" style="color:#94a3b8">
    Lex Fridman <span class="dialogue-time">(00:01:40)</span>
  </div>
  <div class="dialogue-en">And now, dear friends, here&#8217;s Sebastian Raschka and Nathan Lambert. China vs US: Who wins the AI race?</div>
  <div class="dialogue-zh">现在，亲爱的朋友们。</div>
</div>
<div class="dialogue-item">
  <div class="dialogue-speaker" style="color:#94a3b8">
    Lex Fridman <span class="dialogue-time">(00:01:57)</span>
  </div>
  <div class="dialogue-en">Who’s winning at the international level?</div>
</div>
<div class="dialogue-item">
  <div class="dialogue-speaker" style="color:#818cf8">
    Nathan Lambert <span class="dialogue-time">(03:31:13)</span>
  </div>
  <div class="dialogue-en">Personalization is essentially like— How AI will make money?</div>
</div>
<div class="dialogue-item">
  <div class="dialogue-speaker" style="color:#94a3b8">
    Lex Fridman <span class="dialogue-time">(03:32:02)</span>
  </div>
  <div class="dialogue-en">What do you think about 2026? Who’s going to win?</div>
</div>
<div class="dialogue-item">
  <div class="dialogue-speaker" style="color:#818cf8">
    Sebastian Raschka <span class="dialogue-time">(03:35:43)</span>
  </div>
  <div class="dialogue-en">It is scary because it’s a long-term bet. Big acquisitions in 2026</div>
</div>
<div class="dialogue-item">
  <div class="dialogue-speaker" style="color:#94a3b8">
    Lex Fridman <span class="dialogue-time">(03:36:29)</span>
  </div>
  <div class="dialogue-en">Thank you for listening. This entry was posted in transcripts on January 31, 2026 by</div>
</div>
<div class="dialogue-item">
  <div class="dialogue-speaker" style="color:#94a3b8">
    Lex Fridman
  </div>
  <div class="dialogue-en">.</div>
</div>
<div class="dialogue-item">
  <div class="dialogue-speaker" style="color:#94a3b8">
    Lex Fridman
  </div>
  <div class="dialogue-en">Host of Lex Fridman Podcast. View all posts by Lex Fridman →</div>
</div>
</div>
</main>
</body>
</html>
`;

describe("parseLexFridmanHtml", () => {
  const t = parseLexFridmanHtml(HTML, { fileName: "lex490.html" });

  it("reads the page title (not the sidebar's) and the people", () => {
    expect(t.format).toBe("lexfridman");
    expect(t.title).toBe("AI SOTA 2026");
    expect(t.show).toBe("Lex Fridman Podcast");
    expect(t.people).toEqual([
      { name: "Lex Fridman", role: "host" },
      { name: "Nathan Lambert", role: "guest" },
      { name: "Sebastian Raschka", role: "guest" },
    ]);
  });

  it("imports the English paragraphs with speaker, time and line; not translations or footer items", () => {
    expect(t.segments.map((s) => [s.speaker, s.startMs, s.sourceLine])).toEqual([
      ["Lex Fridman", 100_000, 21],
      ["Lex Fridman", 117_000, 28],
      ["Nathan Lambert", 12_673_000, 34],
      ["Lex Fridman", 12_722_000, 40],
      ["Sebastian Raschka", 12_943_000, 46],
      ["Lex Fridman", 12_989_000, 52],
    ]);
    expect(t.segments.map((s) => s.text)).toEqual([
      "And now, dear friends, here’s Sebastian Raschka and Nathan Lambert.",
      "Who’s winning at the international level?",
      "Personalization is essentially like—",
      "What do you think about 2026? Who’s going to win?",
      "It is scary because it’s a long-term bet.",
      "Thank you for listening.",
    ]);
  });

  it("recovers chapters from the list and from headings glued onto paragraph ends past the list", () => {
    expect(t.chapters).toEqual([
      { title: "Introduction", startMs: 0, source: "published" },
      { title: "China vs US: Who wins the AI race?", startMs: 117_000, source: "published" },
      { title: "How AI will make money?", startMs: 12_722_000, source: "published" },
      { title: "Big acquisitions in 2026", startMs: 12_989_000, source: "published" },
    ]);
  });

  it("names the line of a bad time and fails clearly on a page without dialogue", () => {
    expect(() => parseLexFridmanHtml(HTML.replace("(03:31:13)", "(03:71:13)"), { fileName: "p.html" })).toThrow(
      'p.html:34: "(03:71:13)" at line 34 is not a time code',
    );
    expect(() => parseLexFridmanHtml("<html><body><p>Hello</p></body></html>", { fileName: "p.html" })).toThrow(
      "no transcript paragraphs found",
    );
  });
});

describe("looksLikeLexFridmanHtml", () => {
  it("recognises the page, and neither markdown nor other HTML", () => {
    expect(looksLikeLexFridmanHtml(HTML)).toBe(true);
    expect(looksLikeLexFridmanHtml(MARKDOWN)).toBe(false);
    expect(looksLikeLexFridmanHtml("<html><body><cite>Alice</cite><time>0:01</time><p>Hi</p></body></html>")).toBe(
      false,
    );
  });
});
