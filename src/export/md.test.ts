import { DomUtils, parseDocument } from "htmlparser2";
import { Transformer } from "markmap-lib";
import { describe, expect, it } from "vitest";
import { fixtureData, HOSTILE, shown } from "../../test/helpers/export-fixture.js";
import { escapeMarkdown } from "./markdown-text.js";
import { episodeToMarkdown } from "./md.js";

// markmap-lib's markdown-it (CommonMark, raw HTML allowed, GFM tables, KaTeX maths) renders the notes
// the way a permissive Markdown viewer would.
const markdown = new Transformer().md;

function render(text: string) {
  return parseDocument(markdown.render(text), { decodeEntities: true });
}

describe("episodeToMarkdown", () => {
  const data = fixtureData();
  const text = episodeToMarkdown(data);
  const doc = render(text);
  const byTag = (tag: string) => DomUtils.getElementsByTagName(tag, doc, true);

  it("renders headings for the episode and its sections", () => {
    expect(DomUtils.textContent(byTag("h1"))).toBe(shown(data.episode.title));
    expect(byTag("h2").map((h) => DomUtils.textContent(h))).toEqual([
      "Chapters",
      "Concepts",
      "Definitions",
      "Clash moments",
      "My marks",
    ]);
  });

  it("renders the concepts table with one row per concept and six cells in each", () => {
    const rows = byTag("tr");
    expect(rows).toHaveLength(1 + data.concepts.length);
    const cells = rows.map((r) => r.children.filter((c) => c.type === "tag").map((c) => DomUtils.textContent(c)));
    for (const row of cells) expect(row).toHaveLength(6);
    expect(cells[1]?.slice(1, 4)).toEqual(["Mixture of Experts", "MoE, 混合专家", "verified ✓"]);
    expect(cells[1]?.[4]).toContain("Many expert FFNs");
    expect(cells[3]?.[1]).toBe(shown(`Hostile ${HOSTILE}`));
  });

  it("links moments to the video at that second, as [hh:mm:ss]", () => {
    const links = byTag("a").map((a) => ({ text: DomUtils.textContent(a), href: a.attribs.href }));
    expect(links).toContainEqual({ text: "[00:02:43]", href: "https://www.youtube.com/watch?v=abc123&t=163s" });
    expect(links).toContainEqual({ text: "[01:02:03]", href: "https://www.youtube.com/watch?v=abc123&t=3723s" });
  });

  it("writes timecodes as plain text when there is no video", () => {
    const plain = render(episodeToMarkdown(fixtureData(null)));
    expect(DomUtils.getElementsByTagName("a", plain, true)).toHaveLength(0);
    expect(DomUtils.textContent(plain)).toContain("[00:02:43] pass 1");
  });

  it("shows transcript text as typed: no HTML, maths, emphasis or link comes through", () => {
    expect(byTag("img")).toHaveLength(0);
    expect(byTag("script")).toHaveLength(0);
    expect(markdown.render(text)).not.toContain("katex");
    const clash = byTag("li").find((li) => DomUtils.textContent(li).includes("I disagree"));
    expect(DomUtils.textContent(clash ?? [])).toContain(`“I disagree: ${shown(HOSTILE)}”`);
    expect(DomUtils.getElementsByTagName("em", clash ?? [], true).map((e) => DomUtils.textContent(e))).toEqual([
      `topic ${shown(HOSTILE)}`,
    ]);
  });

  it("escapes every inline construct and reads back as the same text", () => {
    const rendered = render(`x ${escapeMarkdown(HOSTILE)}`);
    expect(DomUtils.textContent(rendered).trim()).toBe(`x ${shown(HOSTILE)}`);
  });
});
