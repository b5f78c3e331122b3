import { describe, expect, it } from "vitest";
import { ImportError, SPEECH_RATE_PER_MINUTE } from "../core/index.js";
import { looksLikeDiarizedMarkdown, parseDiarizedMarkdown } from "./diarized-markdown.js";

const ctx = { fileName: "lex459.md" };
const words = (n: number, w = "word") => Array.from({ length: n }, () => w).join(" ");
/** When the n-th word of an English / Chinese estimated timeline is spoken, in ms. */
const en = (n: number) => Math.round((n * 60_000) / SPEECH_RATE_PER_MINUTE.en);
const zhAt = (n: number) => Math.round((n * 60_000) / SPEECH_RATE_PER_MINUTE.zh);

describe("parseDiarizedMarkdown (English)", () => {
  const text = `
**Lex Fridman:** ${words(150)}

**Dylan Patel:** ${words(30)}

${words(15, "more")}
**Nathan Lambert:** ${words(5)}

> editor: https://x.com/mark_neurora, 2025-02-04
`;
  const t = parseDiarizedMarkdown(text, ctx);

  it("gives turns in order with estimated times and says they are estimated", () => {
    expect(t.format).toBe("diarized-markdown");
    expect(t.timingEstimated).toBe(true);
    expect(t.language).toBe("en");
    expect(t.segments.map((s) => [s.speaker, s.startMs, s.endMs, s.sourceLine])).toEqual([
      ["Lex Fridman", 0, en(150), 2],
      ["Dylan Patel", en(150), en(180), 4],
      ["Dylan Patel", en(180), en(195), 6],
      ["Nathan Lambert", en(195), en(200), 7],
    ]);
    expect(t.people).toEqual([
      { name: "Lex Fridman", role: "speaker" },
      { name: "Dylan Patel", role: "speaker" },
      { name: "Nathan Lambert", role: "speaker" },
    ]);
  });

  it("keeps a paragraph under a turn with its speaker and leaves editor notes out", () => {
    expect(t.segments[2]?.text).toBe(words(15, "more"));
    expect(t.segments.map((s) => s.text).join(" ")).not.toContain("editor");
  });
});

describe("parseDiarizedMarkdown (Chinese)", () => {
  // The shape of the Chinese #459 translation: an editor's introduction, a contents list in a code
  // block, images, `## **NN.** 章节` headings and full-width colons. 250 characters take a minute.
  const zh = (n: number) => "字".repeat(n);
  const text = `# Lex Fridman 播客：关于 DeepSeek（原稿）
## **00.** DeepSeek 导读

Lex Fridman（莱克斯 · 弗里德曼）是麻省理工学院的人工智能研究员。

\`\`\`toc
**假的：** 目录不是对话
\`\`\`

## **01.** 背景介绍


**Lex Frdiman：** ${zh(250)}

- Dylan 经营着 SemiAnalysis。
![image.png](https://poketto.oss-cn-hangzhou.aliyuncs.com/202502031705972.png)

## **02.** DeepSeek-R1 and DeepSeek-V3

**Nathan Lambert：** ${zh(125)}
**Lex Frdiman：** **OpenAI o3-mini** 确实是一个[伟大的](https://example.com)模型。

> editor: 南川，2025-02-04
`;
  const t = parseDiarizedMarkdown(text, { fileName: "zh.md" });

  it("reads turns with full-width colons and keeps the source's speaker labels", () => {
    expect(t.title).toBe("Lex Fridman 播客：关于 DeepSeek（原稿）");
    expect(t.language).toBe("zh");
    expect(t.segments.map((s) => [s.speaker, s.sourceLine])).toEqual([
      ["Lex Frdiman", 13],
      ["Lex Frdiman", 15],
      ["Nathan Lambert", 20],
      ["Lex Frdiman", 21],
    ]);
    expect(t.segments[1]?.text).toBe("Dylan 经营着 SemiAnalysis。");
    expect(t.segments[3]?.text).toBe("OpenAI o3-mini 确实是一个伟大的模型。");
  });

  it("estimates Chinese at the Chinese speaking rate", () => {
    expect(t.segments[0]?.endMs).toBe(zhAt(250));
    // "Dylan 经营着 SemiAnalysis。" counts 5 (two Latin words, three characters).
    expect(t.segments[2]?.startMs).toBe(zhAt(255));
    expect(t.segments[2]?.endMs).toBe(zhAt(380));
  });

  it("makes `## **NN.** title` headings chapters at their first segment, skipping ones without speech", () => {
    expect(t.chapters).toEqual([
      { title: "背景介绍", startMs: 0, source: "published" },
      { title: "DeepSeek-R1 and DeepSeek-V3", startMs: zhAt(255), source: "published" },
    ]);
  });

  it("leaves the introduction, the contents block, images and editor notes out of the speech", () => {
    const all = t.segments.map((s) => s.text).join("\n");
    for (const notSpeech of ["麻省理工", "目录", "image.png", "editor", "南川"]) expect(all).not.toContain(notSpeech);
  });
});

describe("parseDiarizedMarkdown errors", () => {
  it("says what it expected when no turn is labelled", () => {
    let error: unknown;
    try {
      parseDiarizedMarkdown("\n\n# Notes\n\nSome prose without speakers.\n", ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).line).toBe(3);
    expect((error as ImportError).reason).toContain("no speaker turns found");
  });
});

describe("looksLikeDiarizedMarkdown", () => {
  it("recognises recurring bold speaker labels, not a newsletter's bold metadata", () => {
    expect(looksLikeDiarizedMarkdown("**A:** one\n\n**B:** two\n\n**A:** three\n")).toBe(true);
    expect(looksLikeDiarizedMarkdown("**Lex Frdiman：** 你好。\n**Nathan Lambert：** 你好。\n")).toBe(true);
    const newsletter = `# Title\n\n**From:** "Latent.Space"\n**Date:** Mon\n**Source:** [View](https://x)\n\n${"Alessio [00:00:00]: Hey.\n".repeat(20)}`;
    expect(looksLikeDiarizedMarkdown(newsletter)).toBe(false);
    expect(looksLikeDiarizedMarkdown("Just **bold** prose.\nAnd more.\n")).toBe(false);
  });
});
