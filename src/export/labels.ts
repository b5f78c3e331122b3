import { formatTimecode, type MasteryState } from "../core/index.js";

/** How a mastery state reads in notes. */
export const MASTERY_LABEL: Record<MasteryState, string> = {
  new: "new",
  marked: "marked",
  learning: "learning",
  verified: "verified ✓",
};

/** `1 h 05 min` style durations for the notes' header line. */
export function durationLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** `2026-01-02` from an ISO time. */
export function dayLabel(iso: string): string {
  return iso.slice(0, 10);
}

/** The timecode without brackets, for front matter and tables. */
export function plainTimecode(ms: number): string {
  return formatTimecode(ms);
}
