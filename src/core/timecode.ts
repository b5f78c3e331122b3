/**
 * Time codes as they appear in real transcripts: `hh:mm:ss.mmm`, `mm:ss.mmm` (Whisper VTT under an
 * hour), `h:mm:ss.mmm` (one-digit hours, Lexicap), `hh:mm:ss,mmm` (SRT), `hh:mm:ss` and `m:ss`
 * (tables of contents). Returns null for anything else so callers can report the line.
 */
const TIMECODE = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/;

export function parseTimecode(text: string): number | null {
  const m = TIMECODE.exec(text.trim());
  if (!m) return null;
  const hours = m[1] ? Number(m[1]) : 0;
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  if (minutes >= 60 || seconds >= 60) {
    // `75:12.000` is how some Whisper exports write hours: accept minutes past 60 only without hours.
    if (m[1] || seconds >= 60) return null;
  }
  const fraction = m[4] ? Number(m[4].padEnd(3, "0")) : 0;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction;
}

/** `01:08:18` for display and for the `[hh:mm:ss]` citations the tutor writes. */
export function formatTimecode(ms: number, withMillis = false): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const base = `${pad(h)}:${pad(m)}:${pad(s)}`;
  return withMillis ? `${base}.${String(Math.max(0, Math.floor(ms)) % 1000).padStart(3, "0")}` : base;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
