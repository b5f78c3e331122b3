/**
 * Calibration: how well the confidence a learner gives before explaining a concept predicts whether
 * the explanation is then verified. Pure: attempts in, figures out (no store, no clock).
 *
 * A confidence of 1..5 is read as a forecast (confidence - 1) / 4 that the verdict will be
 * "verified": 1 = "I am sure I cannot" (0), 3 = "even odds" (0.5), 5 = "I am sure I can" (1).
 * The Brier score is the mean of (forecast - outcome)^2: 0 is perfect, 0.25 is what always saying
 * "even odds" earns, 1 is always certain and always wrong.
 */

/** The verdicts of the grader; `unknown-concept` means it had nothing to check against. */
export type CalibrationVerdict = "verified" | "partial" | "misconception" | "unknown-concept";

/** What calibration reads of an explanation attempt. */
export interface CalibrationAttempt {
  id?: number;
  conceptId?: number;
  /** 1 (sure I cannot explain it) to 5 (sure I can). */
  confidence: number;
  verdict: CalibrationVerdict;
  /** ISO time of the attempt. */
  createdAt: string;
  context?: "tutor" | "review" | "pass3";
}

/** One graded attempt: the confidence given, as a forecast, and whether it was verified. */
export interface CalibrationPoint {
  /** 1-based position among the graded attempts, oldest first. */
  index: number;
  attemptId: number | null;
  conceptId: number | null;
  confidence: number;
  forecast: number;
  verified: boolean;
  createdAt: string;
  context: "tutor" | "review" | "pass3";
  /** The Brier score of every graded attempt up to and including this one. */
  runningBrier: number;
}

/** The attempts given one confidence level and how often they were verified. */
export interface CalibrationBucket {
  confidence: number;
  forecast: number;
  count: number;
  verifiedCount: number;
  /** verifiedCount / count; null when nothing was given at this confidence. */
  verifiedRate: number | null;
}

/** The attempts of one week (Monday 00:00 UTC onwards). */
export interface CalibrationWeek {
  /** `YYYY-MM-DD` of the week's Monday (UTC). */
  weekStart: string;
  count: number;
  brier: number;
  /** Mean forecast: how likely, on average, the learner said they were to be verified. */
  meanForecast: number;
  verifiedRate: number;
}

export interface Calibration {
  points: CalibrationPoint[];
  /** One per confidence level 1..5, always five. */
  buckets: CalibrationBucket[];
  /** Null when no attempt was graded. */
  brier: number | null;
  /** Mean forecast minus the verified rate: > 0 over-confident, < 0 under-confident; null when empty. */
  overconfidence: number | null;
  weeks: CalibrationWeek[];
  /** Attempts left out because the grader had nothing to check them against. */
  ungraded: number;
}

/** The forecast a confidence rating stands for: 1 -> 0, 3 -> 0.5, 5 -> 1. */
export function confidenceForecast(confidence: number): number {
  const clamped = Math.min(5, Math.max(1, confidence));
  return (clamped - 1) / 4;
}

/** The Brier score of forecasts against outcomes; null for none. */
export function brierScore(pairs: readonly { forecast: number; verified: boolean }[]): number | null {
  if (pairs.length === 0) return null;
  let sum = 0;
  for (const p of pairs) sum += (p.forecast - (p.verified ? 1 : 0)) ** 2;
  return sum / pairs.length;
}

/** `YYYY-MM-DD` of the Monday (UTC) of the week an ISO time falls in. */
export function weekStartOf(iso: string): string {
  const d = new Date(iso);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
  return new Date(monday).toISOString().slice(0, 10);
}

/**
 * The calibration of a learner's attempts: every point, the accuracy per confidence level, the
 * Brier score overall, running and per week. Attempts the grader could not check are counted apart,
 * not as failures: they say nothing about the learner.
 */
export function computeCalibration(attempts: readonly CalibrationAttempt[]): Calibration {
  const graded = attempts
    .filter((a) => a.verdict !== "unknown-concept")
    .map((a, order) => ({ a, order }))
    // Oldest first; ties keep the order given (ids grow with time).
    .sort((x, y) => x.a.createdAt.localeCompare(y.a.createdAt) || x.order - y.order)
    .map(({ a }) => a);

  let squared = 0;
  const points: CalibrationPoint[] = graded.map((a, i) => {
    const forecast = confidenceForecast(a.confidence);
    const verified = a.verdict === "verified";
    squared += (forecast - (verified ? 1 : 0)) ** 2;
    return {
      index: i + 1,
      attemptId: a.id ?? null,
      conceptId: a.conceptId ?? null,
      confidence: Math.round(Math.min(5, Math.max(1, a.confidence))),
      forecast,
      verified,
      createdAt: a.createdAt,
      context: a.context ?? "tutor",
      runningBrier: squared / (i + 1),
    };
  });

  const buckets: CalibrationBucket[] = [1, 2, 3, 4, 5].map((confidence) => {
    const inBucket = points.filter((p) => p.confidence === confidence);
    const verifiedCount = inBucket.filter((p) => p.verified).length;
    return {
      confidence,
      forecast: confidenceForecast(confidence),
      count: inBucket.length,
      verifiedCount,
      verifiedRate: inBucket.length ? verifiedCount / inBucket.length : null,
    };
  });

  const byWeek = new Map<string, CalibrationPoint[]>();
  for (const p of points) {
    const week = weekStartOf(p.createdAt);
    const list = byWeek.get(week) ?? [];
    list.push(p);
    byWeek.set(week, list);
  }
  const weeks: CalibrationWeek[] = [...byWeek.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekStart, list]) => ({
      weekStart,
      count: list.length,
      brier: brierScore(list) ?? 0,
      meanForecast: mean(list.map((p) => p.forecast)),
      verifiedRate: list.filter((p) => p.verified).length / list.length,
    }));

  const brier = brierScore(points);
  return {
    points,
    buckets,
    brier,
    overconfidence:
      points.length === 0
        ? null
        : mean(points.map((p) => p.forecast)) - points.filter((p) => p.verified).length / points.length,
    weeks,
    ungraded: attempts.length - graded.length,
  };
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
}
