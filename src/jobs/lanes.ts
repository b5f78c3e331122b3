import type { JobClaimFilter } from "../store/index.js";

/**
 * A lane runs one job at a time; lanes run side by side. A lane that names kinds takes only
 * those; the lane that names none takes every other kind.
 */
export interface JobLane {
  name: string;
  kinds?: readonly string[];
}

/**
 * Jobs that take minutes to hours (transcribing hours of audio, enriching every concept with a
 * model) get their own lane, so the short ones queued after them (an analysis) start at once.
 * The kinds are the library's job names ("transcribe", "enrichment"), written out here because
 * the library depends on the runner, not the other way round.
 */
export const JOB_LANES: readonly JobLane[] = [
  { name: "default" },
  { name: "long", kinds: ["transcribe", "enrichment"] },
];

/** The lane that runs jobs of this kind. */
export function laneOf(kind: string, lanes: readonly JobLane[] = JOB_LANES): string {
  const named = lanes.find((lane) => lane.kinds?.includes(kind));
  return (named ?? lanes.find((lane) => !lane.kinds))?.name ?? "default";
}

/** What a lane may claim from the queue. */
export function laneFilter(lane: JobLane, lanes: readonly JobLane[]): JobClaimFilter {
  if (lane.kinds) return { kinds: lane.kinds };
  return { exceptKinds: lanes.flatMap((other) => other.kinds ?? []) };
}
