import { DomUtils, parseDocument } from "htmlparser2";
import { Transformer } from "markmap-lib";
import { describe, expect, it } from "vitest";
import { fixtureData, HOSTILE, shown } from "../../test/helpers/export-fixture.js";
import { wikilinkTargets as wikilinks } from "../../test/helpers/export-readers.js";
import { notableConcepts } from "./notable.js";
import { CONCEPTS_FOLDER, episodeToObsidian, type VaultFile } from "./obsidian.js";

// markmap-lib parses YAML front matter with the `yaml` package and Markdown with markdown-it.
const transformer = new Transformer();

function frontMatter(file: VaultFile): Record<string, unknown> {
  expect(file.content.startsWith("---\n")).toBe(true);
  return transformer.transform(file.content).frontmatter as Record<string, unknown>;
}

describe("episodeToObsidian", () => {
  const data = fixtureData();
  const files = episodeToObsidian(data);
  const names = new Set(files.map((f) => (f.path.split("/").at(-1) as string).replace(/\.md$/, "")));
  const conceptNote = (i: number) => files[i + 1] as VaultFile;

  it("writes one note per concept in Concepts/ and one for the episode, with safe unique file names", () => {
    expect(files).toHaveLength(1 + data.concepts.length);
    expect(files[0]?.path).not.toContain("/");
    for (const f of files.slice(1)) expect(f.path.startsWith(`${CONCEPTS_FOLDER}/`)).toBe(true);
    for (const f of files) {
      expect(f.path).toMatch(/\.md$/);
      expect(f.path.split("/").at(-1)).not.toMatch(/[\\:*?"<>|#^[\]\p{Cc}]/u);
    }
    expect(names.size).toBe(files.length);
  });

  it("gives each concept note YAML front matter with aliases, tags and mastery", () => {
    const moe = frontMatter(conceptNote(0));
    expect(moe.aliases).toEqual(["MoE", "混合专家"]);
    expect(moe.tags).toEqual(["deeplisten/concept", "deeplisten/term", "deeplisten/mastery/verified"]);
    expect(moe.mastery).toBe("verified");
    expect(moe.first_said).toBe("00:02:43");
    expect(moe.verified).toBe("2026-01-02");
    // The hostile name cannot be a file name as it is: it becomes an alias, read back exactly.
    const hostile = frontMatter(conceptNote(2));
    const asAlias = (text: string) => shown(text.replace(/[[\]|#^]/g, " "));
    expect(hostile.aliases).toEqual([asAlias(`Hostile ${HOSTILE}`), asAlias(`alias ${HOSTILE}`)]);
    expect((hostile.aliases as string[])[0]).toContain("<img src=x onerror=alert(1)>");
    expect(hostile.mastery).toBe("learning");
  });

  it("links related concepts both ways, and every wikilink points at a note of the vault", () => {
    const moeLinks = wikilinks(conceptNote(0).content);
    expect(moeLinks).toContain("Router");
    expect(wikilinks(conceptNote(1).content)).toContain("Mixture of Experts");
    for (const f of files) for (const target of wikilinks(f.content)) expect(names).toContain(target);
  });

  it("shows the pack definition, the verified explanation and moments linked to the video", () => {
    const html = transformer.md.render(conceptNote(0).content.replace(/^---[\s\S]*?\n---\n/, ""));
    const doc = parseDocument(html, { decodeEntities: true });
    const text = DomUtils.textContent(doc);
    expect(text).toContain("Sparse experts with a router.");
    expect(text).toContain("Many expert FFNs");
    const hrefs = DomUtils.getElementsByTagName("a", doc, true).map((a) => a.attribs.href);
    expect(hrefs).toContain("https://www.youtube.com/watch?v=abc123&t=163s");
  });

  it("keeps transcript text as text in every note", () => {
    for (const f of files) {
      const body = f.content.replace(/^---[\s\S]*?\n---\n/, "");
      const doc = parseDocument(transformer.md.render(body), { decodeEntities: true });
      expect(DomUtils.getElementsByTagName("img", doc, true)).toHaveLength(0);
      expect(DomUtils.getElementsByTagName("script", doc, true)).toHaveLength(0);
      // No tag, comment, highlight or maths from the transcript: each would need an unescaped mark.
      expect(body).not.toMatch(/(?<!\\)#tag|(?<!\\)%%|(?<!\\)==|(?<!\\)\$x/);
    }
  });

  it("draws the map in the episode note with concepts linked to their notes", () => {
    const episode = files[0] as VaultFile;
    expect(frontMatter(episode).tags).toEqual(["deeplisten/episode"]);
    expect(episode.content).toContain("## Mind map");
    expect(episode.content).toContain("  - [[Mixture of Experts]]");
  });

  it("leaves out untouched concepts no pack knows past the best-ranked ones", () => {
    const many = {
      ...data,
      concepts: Array.from({ length: 60 }, (_, i) => ({
        ...(data.concepts[2] as (typeof data.concepts)[0]),
        id: 100 + i,
        key: `k${i}`,
        name: `term ${i}`,
        mastery: "new" as const,
      })),
    };
    expect(notableConcepts(many.concepts)).toHaveLength(40);
    expect(episodeToObsidian(many)).toHaveLength(41);
  });
});
