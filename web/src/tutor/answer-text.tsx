import type { ReactNode } from "react";
import type { TutorCitationJson } from "../../../src/server/contract/index.js";

/** `[01:08:18]`, `[8:05]`, `【01:08:18】`, and the first time of a range: as the server reads them. */
const TIME = /[[【]\s*((?:\d{1,2}:)?\d{1,2}:\d{2})(?:\s*[-–—~]\s*(?:\d{1,2}:)?\d{1,2}:\d{2})?\s*[\]】]/gu;

function toMs(text: string): number {
  const parts = text.split(":").map(Number);
  const [h, m, s] = parts.length === 3 ? parts : [0, ...parts];
  return (((h ?? 0) * 60 + (m ?? 0)) * 60 + (s ?? 0)) * 1000;
}

/**
 * A tutor answer as React nodes: paragraphs and list items, **bold**, and every cited time that
 * matches one of the turn's citations as a button that plays that moment. Times that match no
 * citation (a model inventing one, or a turn still streaming) stay plain text: never a link to
 * nowhere. No HTML is interpreted: the answer is text.
 */
export function AnswerText({
  text,
  citations,
  onSeek,
  playLabel,
}: {
  text: string;
  citations: TutorCitationJson[];
  onSeek: (ms: number) => void;
  playLabel: (time: string) => string;
}) {
  // Runs of lines: list items (bullets or numbers) become lists, other lines paragraphs, so a
  // heading line followed by items ("**What the episode says**" then "- [00:07:10] …") reads right.
  const runs: { kind: "ul" | "ol" | "p" | "hr"; lines: string[]; at: number }[] = [];
  let at = 0;
  for (const block of text.split(/\n{2,}/)) {
    for (const line of block.split("\n")) {
      const kind = /^\s*[-*•]\s+/.test(line)
        ? "ul"
        : /^\s*\d+[.)]\s+/.test(line)
          ? "ol"
          : /^-{3,}$/.test(line.trim())
            ? "hr"
            : "p";
      const last = runs.at(-1);
      if (last && last.kind === kind && kind !== "hr" && (kind !== "p" || last.lines.length > 0)) last.lines.push(line);
      else runs.push({ kind, lines: [line], at });
      at += line.length + 1;
    }
    // A blank line ends a paragraph (and a list).
    runs.push({ kind: "p", lines: [], at });
  }
  const show = (line: string) => inline(line, citations, onSeek, playLabel);
  return (
    <>
      {runs.map((run) => {
        if (run.lines.length === 0) return null;
        const key = `${run.kind}${run.at}`;
        if (run.kind === "hr") return <hr key={key} />;
        if (run.kind === "ul" || run.kind === "ol") {
          const items = run.lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of a run never reorder
            <li key={i}>{show(l.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, ""))}</li>
          ));
          return run.kind === "ol" ? (
            <ol key={key} className="tutor-list" start={Number(/\d+/.exec(run.lines[0] ?? "1")?.[0] ?? 1)}>
              {items}
            </ol>
          ) : (
            <ul key={key} className="tutor-list">
              {items}
            </ul>
          );
        }
        return (
          <p key={key}>
            {run.lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <span key={i}>
                {i > 0 ? <br /> : null}
                {show(l)}
              </span>
            ))}
          </p>
        );
      })}
    </>
  );
}

function inline(
  line: string,
  citations: TutorCitationJson[],
  onSeek: (ms: number) => void,
  playLabel: (time: string) => string,
): ReactNode[] {
  const out: ReactNode[] = [];
  // Bold first, then times inside each piece.
  const pieces = line.split(/(\*\*[^*]+\*\*)/g);
  // Keys are character offsets in the line: stable for a finished answer, and growing while streaming.
  let offset = 0;
  for (const piece of pieces) {
    const start = offset;
    offset += piece.length;
    const bold = /^\*\*([^*]+)\*\*$/.exec(piece);
    const content = bold ? (bold[1] as string) : piece;
    const nodes: ReactNode[] = [];
    let last = 0;
    for (const match of content.matchAll(TIME)) {
      const at = match.index ?? 0;
      if (at > last) nodes.push(content.slice(last, at));
      const label = match[1] as string;
      const ms = toMs(label);
      const citation = citations.find((c) => Math.abs(Math.floor(c.startMs / 1000) * 1000 - ms) <= 2000);
      nodes.push(
        citation ? (
          <button
            key={`t${start + at}`}
            type="button"
            className="time-link tutor-cite"
            onClick={() => onSeek(citation.startMs)}
            aria-label={playLabel(label)}
          >
            [{label}]
          </button>
        ) : (
          match[0]
        ),
      );
      last = at + match[0].length;
    }
    if (last < content.length) nodes.push(content.slice(last));
    out.push(bold ? <strong key={`b${start}`}>{nodes}</strong> : <span key={`s${start}`}>{nodes}</span>);
  }
  return out;
}
