import { describe, expect, it } from "vitest";
import { errorOf } from "../../test/helpers/import-error.js";
import { looksLikeHtmlTranscript, parseHtmlTranscript } from "./html-transcript.js";

const ctx = { fileName: "transcript.html" };

/** The spec's snippet, with an entity and a name written "Alban :" as in the spec. */
const SNIPPET = `<cite>Kevin:</cite>
<time>0:00</time>
<p>
  We have an update planned where we would like to give the ability to upload an
  artwork file for these videos
</p>
<cite>Alban :</cite>
<time>0:09</time>
<p>You&#39;re triggering Tom right now with a hey, here&#39;s a cool feature.</p>
`;

describe("parseHtmlTranscript", () => {
  it("reads speaker, time and paragraph as one segment each", () => {
    const t = parseHtmlTranscript(SNIPPET, ctx);
    expect(t.format).toBe("html-transcript");
    expect(t.language).toBe("en");
    expect(t.timingEstimated).toBeUndefined();
    expect(t.segments).toEqual([
      {
        startMs: 0,
        endMs: 9000,
        speaker: "Kevin",
        text: "We have an update planned where we would like to give the ability to upload an artwork file for these videos",
        sourceLine: 1,
      },
      {
        startMs: 9000,
        // The last paragraph has no next time: it lasts as long as its 12 words take at 2.5 words a second.
        endMs: 9000 + 4800,
        speaker: "Alban",
        text: "You're triggering Tom right now with a hey, here's a cool feature.",
        sourceLine: 7,
      },
    ]);
  });

  it("drops scripts, styles and navigation, and takes the page title and language", () => {
    const page = `<!doctype html><html lang="zh-CN"><head><title>第35期 文字稿</title>
<style>p { color: red }</style><script>var p = "<p>not text</p>";</script></head>
<body><nav><p>首页 | 节目 | 关于</p></nav>
<cite>主持人：</cite><time>1:02:03</time><p>欢迎回来，今天我们聊混合专家模型。</p>
<cite>嘉宾：</cite><time>1:02:10</time><p>谢谢邀请，很高兴再来。</p>
</body></html>`;
    const t = parseHtmlTranscript(page, ctx);
    expect(t.title).toBe("第35期 文字稿");
    expect(t.language).toBe("zh");
    expect(t.segments.map((s) => [s.speaker, s.startMs, s.text])).toEqual([
      ["主持人", 3723000, "欢迎回来，今天我们聊混合专家模型。"],
      ["嘉宾", 3730000, "谢谢邀请，很高兴再来。"],
    ]);
  });

  it("keeps the speaker for later paragraphs of a turn and estimates times that are missing", () => {
    const html = `<cite>Sarah:</cite><time>0:10</time><p>one two three four five six seven eight nine ten</p>
<p>one two three four five six seven eight nine ten</p>
<p>one two three four five six seven eight nine ten</p>
<cite>Travis:</cite><time>0:40</time><p>Next turn.</p>`;
    const t = parseHtmlTranscript(html, ctx);
    expect(t.timingEstimated).toBe(true);
    // Three paragraphs of equal length share 0:10 to 0:40 equally.
    expect(t.segments.map((s) => [s.speaker, s.startMs, s.endMs, s.sourceLine])).toEqual([
      ["Sarah", 10000, 20000, 1],
      ["Sarah", 20000, 30000, 2],
      ["Sarah", 30000, 40000, 3],
      ["Travis", 40000, 40800, 4],
    ]);
  });

  it("places a transcript with no times at all at speaking rate, without speakers", () => {
    const t = parseHtmlTranscript("<p>one two three four five</p><p>six seven eight nine ten</p>", ctx);
    expect(t.timingEstimated).toBe(true);
    expect(t.segments.map((s) => [s.speaker, s.startMs, s.endMs])).toEqual([
      [null, 0, 2000],
      [null, 2000, 4000],
    ]);
  });

  it("reports a time it cannot read at its line", () => {
    const e = errorOf(() => parseHtmlTranscript("<cite>A:</cite>\n<time>soon</time>\n<p>text</p>", ctx));
    expect(e.message).toBe(
      "transcript.html:2: <time>soon</time> is not a time; expected h:mm:ss or m:ss, such as 1:02:03 or 4:05",
    );
  });

  it("reports times that run backwards", () => {
    const html = "<cite>A:</cite><time>5:00</time><p>first</p>\n<cite>B:</cite><time>3:00</time><p>second</p>";
    const e = errorOf(() => parseHtmlTranscript(html, ctx));
    expect(e.line).toBe(2);
    expect(e.reason).toBe(
      "timestamps run backwards at the paragraph on line 2: it starts at 00:03:00, before the paragraph on line 1 (00:05:00); the file may join two recordings",
    );
  });

  it("reports a page without paragraphs", () => {
    expect(errorOf(() => parseHtmlTranscript("<html><body><div>nothing here</div></body></html>", ctx)).reason).toBe(
      "found no <p> paragraphs of transcript text; an HTML transcript looks like <cite>Name:</cite> <time>0:00</time> <p>what they said</p>",
    );
  });
});

describe("looksLikeHtmlTranscript", () => {
  it("recognises cite-then-time or cite-then-paragraph turns", () => {
    expect(looksLikeHtmlTranscript(SNIPPET)).toBe(true);
    expect(looksLikeHtmlTranscript("<cite>A:</cite> <p>x</p><cite>B:</cite> <p>y</p>")).toBe(true);
  });

  it("does not take an article that quotes one source", () => {
    expect(looksLikeHtmlTranscript("<html><p>As <cite>The Times</cite> wrote, ...</p></html>")).toBe(false);
    expect(looksLikeHtmlTranscript("<blockquote>q</blockquote><cite>Someone</cite>\n<p>more prose</p>")).toBe(false);
  });
});
