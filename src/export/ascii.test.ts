import { describe, expect, it } from "vitest";
import { FIXTURE_TREE, titleTree } from "../../test/helpers/export-fixture.js";
import { parseAsciiTree as parseAscii } from "../../test/helpers/export-readers.js";
import { mapToAscii } from "./ascii.js";

describe("mapToAscii", () => {
  it("draws the tree with box-drawing lines that read back as the map", () => {
    const text = mapToAscii(FIXTURE_TREE);
    expect(parseAscii(text)).toEqual(titleTree(FIXTURE_TREE));
  });

  it("draws the expected shape", () => {
    const text = mapToAscii({
      title: "Root",
      children: [
        { title: "A", children: [{ title: "A1", children: [] }] },
        { title: "B", children: [{ title: "B1", children: [] }] },
      ],
    });
    expect(text).toBe("Root\n├── A\n│   └── A1\n└── B\n    └── B1\n");
  });

  it("keeps control characters out of the terminal", () => {
    expect(mapToAscii({ title: "a\u001b[31mred\u0007", children: [] })).toBe("a [31mred\n");
  });
});
