import { describe, expect, it } from "vitest";
import { ImportError } from "../core/index.js";
import { looksLikeNameBracketTimestamp, parseNameBracketTimestamp } from "./name-bracket-timestamp.js";

const ctx = { fileName: "latent.md" };

// The shape of the Latent Space newsletter copy, cut down.
const FIXTURE = `---
id: 19dd1307ba2e7ab0
newsletter: latent-space
newsletter_name: "Latent.Space"
subject: "Physical AI that Moves the World — Qasar Younis & Peter Ludwig, Applied Intuition"
---

# Physical AI that Moves the World — Qasar Younis & Peter Ludwig, Applied Intuition

**From:** "Latent.Space" <swyx@substack.com>
**Source:** [View original](https://www.latent.space/p/appliedintuition)

View this post on the web at https://www.latent.space/p/appliedintuition

We discuss:
Applied Intuition’s mission: building physical AI for a safer world
Qasar Younis:
X: https://x.com/qasar
Timestamps
00:00:00 Introduction: Applied Intuition and Physical AI
00:01:37 Physical AI vs. Screen AI
Transcript
Introduction: Applied Intuition and Physical AI
Alessio [00:00:00]: Hey everyone, welcome to the Latent Space Podcast.
Swyx [00:00:10]: And today we’re very honored to have the founders of Applied Intuition.
Peter [00:00:33]: Oh, sure. Yeah, I’m Peter Ludwig.
Physical AI vs. Screen AI
Qasar [00:01:38]: Yeah. And I think in the broader AI landscape, a lot of the focus has been on [large language models](https://example.com/llm).
and everything fits in a screen.
Peter [01:12:11]: Thank you. [outro music]

Unsubscribe https://substack.com/redirect/2/eyJlIjoiaHR0cHM6Ly93d3cubGF0ZW50
`;

describe("parseNameBracketTimestamp", () => {
  const t = parseNameBracketTimestamp(FIXTURE, ctx);

  it("reads title and show from the front matter and lists the speakers", () => {
    expect(t.format).toBe("name-bracket-timestamp");
    expect(t.title).toBe("Physical AI that Moves the World — Qasar Younis & Peter Ludwig, Applied Intuition");
    expect(t.show).toBe("Latent.Space");
    expect(t.people?.map((p) => p.name)).toEqual(["Alessio", "Swyx", "Peter", "Qasar"]);
  });

  it("imports the turns only, with speaker, time and line; newsletter text before and after is dropped", () => {
    expect(t.segments.map((s) => [s.speaker, s.startMs, s.sourceLine])).toEqual([
      ["Alessio", 0, 24],
      ["Swyx", 10_000, 25],
      ["Peter", 33_000, 26],
      ["Qasar", 98_000, 28],
      ["Peter", 4_331_000, 30],
    ]);
    const all = t.segments.map((s) => s.text).join("\n");
    for (const boilerplate of ["View this post", "We discuss", "x.com", "Unsubscribe", "substack", "Timestamps"]) {
      expect(all).not.toContain(boilerplate);
    }
  });

  it("keeps link text, and joins a wrapped line to its turn but never a chapter title line", () => {
    expect(t.segments[3]?.text).toBe(
      "Yeah. And I think in the broader AI landscape, a lot of the focus has been on large language models. and everything fits in a screen.",
    );
    expect(t.segments[2]?.text).toBe("Oh, sure. Yeah, I’m Peter Ludwig.");
  });

  it("turns the Timestamps list into published chapters", () => {
    expect(t.chapters).toEqual([
      { title: "Introduction: Applied Intuition and Physical AI", startMs: 0, source: "published" },
      { title: "Physical AI vs. Screen AI", startMs: 97_000, source: "published" },
    ]);
  });

  it("takes a single timed line in show notes for what it is, not a chapter list", () => {
    const notes = parseNameBracketTimestamp("We start at\n2:30 pm sharp on Tuesday\n\nAna [00:00:01]: Hi.\n", ctx);
    expect(notes.chapters).toEqual([]);
  });

  it("names the line where timestamps run backwards, and says what it expected when there are no turns", () => {
    expect(() => parseNameBracketTimestamp("Ana [00:10:00]: One.\nBen [00:00:30]: Two.\n", ctx)).toThrow(
      "latent.md:2: timestamps run backwards at line 2: 00:00:30 comes after 00:10:00 (line 1)",
    );
    let error: unknown;
    try {
      parseNameBracketTimestamp("---\ntitle: x\n---\nJust a newsletter.\n", ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).reason).toBe(
      "no transcript turns found: expected lines like `Name [hh:mm:ss]: text`",
    );
  });
});

describe("looksLikeNameBracketTimestamp", () => {
  it("recognises turns inside newsletter text, and not the neighbouring formats", () => {
    expect(looksLikeNameBracketTimestamp(FIXTURE)).toBe(true);
    expect(looksLikeNameBracketTimestamp("Lex Fridman (00:00:00) Hi.\nNathan Lambert (00:00:05) Hello.\n")).toBe(false);
    expect(looksLikeNameBracketTimestamp("**Lex Fridman:** Hi.\n\n**Nathan Lambert:** Hello.\n")).toBe(false);
    expect(looksLikeNameBracketTimestamp("- [00:01:37] Physical AI\n- [00:02:51] The Origin Story\n")).toBe(false);
  });
});
