import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { FIXTURE_TREE, fixtureData, titleTree } from "../../test/helpers/export-fixture.js";
import { type FreeMindNode, freeMindTitles, parseFreeMind } from "../../test/helpers/export-readers.js";
import { mapToFreeMind } from "./freemind.js";
import { mapOptionsFor } from "./map-options.js";

function allNodes(n: FreeMindNode): FreeMindNode[] {
  return [n, ...(n.node ?? []).flatMap(allNodes)];
}

describe("mapToFreeMind", () => {
  const mm = mapToFreeMind({ ...FIXTURE_TREE, note: `a note ${FIXTURE_TREE.title}` }, mapOptionsFor(fixtureData()));
  const doc = parseFreeMind(mm);
  const root = doc.nodes[0] as FreeMindNode;

  it("writes a .mm file that an XML parser reads back as the map", () => {
    expect(mm.startsWith('<map version="1.0.1">')).toBe(true);
    expect(XMLValidator.validate(mm)).toBe(true);
    expect(doc.nodes).toHaveLength(1);
    expect(freeMindTitles(root)).toEqual(titleTree(FIXTURE_TREE));
  });

  it("is pure ASCII, with Chinese and emoji as character references", () => {
    expect(/^\p{ASCII}*$/u.test(mm)).toBe(true);
    expect(mm).toContain("&#28151;&#21512;&#19987;&#23478; &#128512;");
  });

  it("gives unique ids, balances the first level and links moments", () => {
    const nodes = allNodes(root);
    expect(new Set(nodes.map((n) => n.ID)).size).toBe(nodes.length);
    expect((root.node ?? []).map((n) => n.POSITION)).toEqual(["right", "left"]);
    const moment = nodes.find((n) => n.TEXT.startsWith("00:02:43"));
    expect(moment?.LINK).toBe("https://www.youtube.com/watch?v=abc123&t=163s");
  });

  it("keeps the note as a rich-content note and escapes every text", () => {
    expect(mm).toContain('<richcontent TYPE="NOTE">');
    expect(mm).not.toContain("<img");
    expect(mm).not.toContain("]]>");
  });
});
