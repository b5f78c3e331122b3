import { describe, expect, it } from "vitest";
import { errorOf } from "../../test/helpers/import-error.js";
import {
  looksLikeFeed,
  parseFeed,
  parseItunesDuration,
  pickPreferredTranscript,
  transcriptLinkKind,
} from "./rss-feed.js";

const ctx = { fileName: "feed.xml" };

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>Deep &amp; Wide</title>
    <link>https://example.com/show</link>
    <language>en-US</language>
    <image><url>https://example.com/art.jpg</url><title>Deep &amp; Wide</title></image>
    <description><![CDATA[<p>Show notes with <b>HTML</b> & stray ampersands</p>]]></description>
    <podcast:person role="host" href="https://example.com/ana">Ana Host</podcast:person>
    <item>
      <title>Episode 2: Mixture of Experts</title>
      <guid isPermaLink="false">ep-2</guid>
      <pubDate>Fri, 09 Oct 2020 04:30:38 GMT</pubDate>
      <link>https://example.com/ep2</link>
      <enclosure url="https://example.com/ep2.mp3" length="43200000" type="audio/mpeg"/>
      <itunes:duration>1:02:03</itunes:duration>
      <podcast:transcript url="https://example.com/ep2.srt" type="application/srt"/>
      <podcast:transcript url="https://example.com/ep2.json" type="application/json" language="en" rel="captions"/>
      <podcast:chapters url="https://example.com/ep2-chapters.json" type="application/json"/>
      <podcast:person role="Guest" group="Cast" img="https://example.com/bo.jpg">Bo Guest</podcast:person>
      <podcast:person href="https://a.example.com/ana">Ana Host</podcast:person>
      <podcast:person href="https://b.example.com/ana">Ana Host</podcast:person>
    </item>
    <item>
      <title>Episode 1: Attention</title>
      <itunes:duration>45:30</itunes:duration>
      <podcast:transcript url="https://example.com/ep1.html" type="text/html"/>
    </item>
    <item>
      <itunes:duration>3600</itunes:duration>
    </item>
  </channel>
</rss>`;

describe("parseFeed", () => {
  it("reads the channel and each item's audio, duration, links and people", () => {
    const feed = parseFeed(FEED, ctx);
    expect(feed.title).toBe("Deep & Wide");
    expect(feed.link).toBe("https://example.com/show");
    expect(feed.language).toBe("en-US");
    expect(feed.image).toBe("https://example.com/art.jpg");
    expect(feed.items).toHaveLength(3);
    expect(feed.items[0]).toEqual({
      index: 1,
      guid: "ep-2",
      title: "Episode 2: Mixture of Experts",
      published: "2020-10-09T04:30:38.000Z",
      link: "https://example.com/ep2",
      audio: { url: "https://example.com/ep2.mp3", type: "audio/mpeg", length: 43200000 },
      durationMs: 3723000,
      transcripts: [
        { url: "https://example.com/ep2.srt", type: "application/srt" },
        { url: "https://example.com/ep2.json", type: "application/json", language: "en", rel: "captions" },
      ],
      chapters: { url: "https://example.com/ep2-chapters.json", type: "application/json" },
      // Roles are lower-cased; no role means host (the spec's default); one person listed twice is kept once.
      persons: [
        { name: "Bo Guest", role: "guest", group: "cast", img: "https://example.com/bo.jpg" },
        { name: "Ana Host", role: "host", group: "cast", href: "https://a.example.com/ana" },
      ],
    });
  });

  it("gives items without people the channel's, and items without a title a numbered one", () => {
    const [, second, third] = parseFeed(FEED, ctx).items;
    expect(second?.persons).toEqual([
      { name: "Ana Host", role: "host", group: "cast", href: "https://example.com/ana" },
    ]);
    expect(second?.durationMs).toBe(2730000);
    expect(second?.chapters).toBeUndefined();
    expect(third?.title).toBe("Episode 3");
    expect(third?.durationMs).toBe(3600000);
    expect(third?.transcripts).toEqual([]);
  });

  it("follows the feed's own prefix for the Podcasting 2.0 namespace", () => {
    const xml = `<rss version="2.0" xmlns:pc="https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md">
<channel><title>T</title><item><title>A</title><pc:transcript url="https://x/a.vtt" type="text/vtt"/></item></channel></rss>`;
    expect(parseFeed(xml, ctx).items[0]?.transcripts).toEqual([{ url: "https://x/a.vtt", type: "text/vtt" }]);
  });

  it("reports malformed XML with its line", () => {
    const xml = "<rss>\n<channel>\n<title>Broken</titl>\n</channel>\n</rss>";
    const e = errorOf(() => parseFeed(xml, ctx));
    expect(e.line).toBe(3);
    expect(e.message).toBe(
      "feed.xml:3: the feed is not well-formed XML at line 3, column 14: Expected closing tag 'title' (opened in line 3, col 1) instead of closing tag 'titl'. Podcast apps reject it too; ask the publisher or download it again",
    );
  });

  it("says a truncated feed looks cut off", () => {
    const e = errorOf(() => parseFeed("<rss>\n<channel>\n<title>T</title>\n<item><title>A</title></item>", ctx));
    expect(e.reason).toBe("the feed ends before <rss>, <channel> are closed; it looks cut off, so download it again");
  });

  it("rejects XML that is not an RSS feed", () => {
    expect(
      errorOf(() => parseFeed('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', ctx)).reason,
    ).toBe(
      "this XML is not a podcast RSS feed: its root is <feed>, expected <rss> with a <channel>; use the feed's URL as the podcast app shows it",
    );
  });
});

describe("parseItunesDuration", () => {
  it("reads hh:mm:ss, mm:ss and seconds", () => {
    expect(parseItunesDuration("01:02:03")).toBe(3723000);
    expect(parseItunesDuration("75:12")).toBe(4512000);
    expect(parseItunesDuration("4209")).toBe(4209000);
    expect(parseItunesDuration("4209.5")).toBe(4209500);
  });

  it("leaves out what it cannot read", () => {
    expect(parseItunesDuration("about an hour")).toBeUndefined();
    expect(parseItunesDuration("0")).toBeUndefined();
    expect(parseItunesDuration("")).toBeUndefined();
    expect(parseItunesDuration(undefined)).toBeUndefined();
  });
});

describe("pickPreferredTranscript", () => {
  const link = (url: string, type: string) => ({ url, type });

  it("prefers VTT, then JSON, then SRT, then HTML, then plain text", () => {
    const all = [
      link("https://x/t.txt", "text/plain"),
      link("https://x/t.html", "text/html"),
      link("https://x/t.srt", "application/x-subrip"),
      link("https://x/t.json", "application/json"),
      link("https://x/t.vtt", "text/vtt"),
    ];
    expect(pickPreferredTranscript(all)?.url).toBe("https://x/t.vtt");
    expect(pickPreferredTranscript(all.slice(0, 4))?.url).toBe("https://x/t.json");
    expect(pickPreferredTranscript(all.slice(0, 3))?.url).toBe("https://x/t.srt");
    expect(pickPreferredTranscript(all.slice(0, 2))?.url).toBe("https://x/t.html");
    expect(pickPreferredTranscript(all.slice(0, 1))?.url).toBe("https://x/t.txt");
    expect(pickPreferredTranscript([])).toBeUndefined();
  });

  it("accepts the non-standard SRT types real feeds use", () => {
    for (const type of ["application/srt", "application/x-subrip", "text/srt", "text/x-srt"]) {
      expect(transcriptLinkKind(link("https://x/captions", type))).toBe("srt");
    }
    expect(
      pickPreferredTranscript([link("https://x/a", "text/html"), link("https://x/b", "application/srt")])?.url,
    ).toBe("https://x/b");
  });

  it("judges by the URL's extension when the type is generic or missing", () => {
    expect(transcriptLinkKind(link("https://x/ep.vtt?download=1", "text/plain"))).toBe("vtt");
    expect(transcriptLinkKind(link("https://x/ep.srt", "application/octet-stream"))).toBe("srt");
    expect(transcriptLinkKind(link("https://x/ep.json", ""))).toBe("json");
    expect(transcriptLinkKind(link("https://x/ep", "text/vtt; charset=utf-8"))).toBe("vtt");
    expect(transcriptLinkKind(link("https://x/ep.pdf", "application/pdf"))).toBeNull();
    expect(
      pickPreferredTranscript([link("https://x/ep.srt", "application/srt"), link("https://x/ep.vtt", "text/plain")])
        ?.url,
    ).toBe("https://x/ep.vtt");
  });

  it("never picks a link of unknown kind, and keeps the feed's order within a kind", () => {
    expect(pickPreferredTranscript([link("https://x/ep.pdf", "application/pdf")])).toBeUndefined();
    expect(
      pickPreferredTranscript([link("https://x/es.vtt", "text/vtt"), link("https://x/en.vtt", "text/vtt")])?.url,
    ).toBe("https://x/es.vtt");
  });
});

describe("looksLikeFeed", () => {
  it("recognises RSS and nothing else", () => {
    expect(looksLikeFeed(FEED)).toBe(true);
    expect(looksLikeFeed("<rss version='2.0'>\n<channel><title>x</title></channel></rss>")).toBe(true);
    expect(looksLikeFeed("<html><body><p>rss feeds explained</p></body></html>")).toBe(false);
    expect(looksLikeFeed('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')).toBe(false);
  });
});
