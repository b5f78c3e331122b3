import { type Context, Hono } from "hono";
import { z } from "zod";
import { suggestSpeakerLabels } from "../../attribution/index.js";
import { ANALYSIS_JOB } from "../../library/index.js";
import {
  enqueueJob,
  getEpisode,
  getSegments,
  isEpisodeAnalysed,
  listSpeakerChanges,
  listSpeakers,
  type RelabelSelection,
  relabelSegments,
  renameSpeaker,
  type SpeakerChange,
  SpeakerChangeError,
  undoLastSpeakerChange,
} from "../../store/index.js";
import type {
  SpeakerChangeJson,
  SpeakerChangeResponse,
  SpeakerSuggestionsResponse,
  SpeakersResponse,
} from "../contract/index.js";
import { readJsonBody } from "../read-json-body.js";
import type { RouteDeps } from "../route-deps.js";

const Name = z.string().trim().min(1).max(200);
const RelabelBody = z.object({
  segmentId: z.number().int(),
  scope: z.enum(["paragraph", "turn", "until-change"]),
  to: Name,
});
const RenameBody = z.object({ from: Name, to: Name });
const MergeBody = z.object({ from: Name, into: Name });

/**
 * `/api/episodes/:id/speakers…`: the learner's corrections of who said what. Relabel a paragraph,
 * a whole turn or everything up to the next speaker change; rename a speaker everywhere; merge two;
 * undo the last correction. Each answer carries the speakers after the change; the web app then
 * fetches the episode again for the relabelled transcript.
 */
export function speakerRoutes(deps: RouteDeps): Hono {
  const { store } = deps;
  const app = new Hono();

  app.get("/:id/speakers", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const body: SpeakersResponse = {
      speakers: listSpeakers(store, id),
      changes: listSpeakerChanges(store, id).map(changeJson),
    };
    return c.json(body);
  });

  app.get("/:id/speakers/suggestions", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const host = listSpeakers(store, id).find((s) => s.role === "host")?.name ?? null;
    const body: SpeakerSuggestionsResponse = {
      suggestions: suggestSpeakerLabels({ segments: getSegments(store, id), host }),
    };
    return c.json(body);
  });

  app.post("/:id/speakers/relabel", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, RelabelBody);
    if (!parsed.ok) return c.json({ error: `a relabel ${parsed.error}` }, 400);
    const { segmentId, scope, to } = parsed.value;
    const selection: RelabelSelection =
      scope === "paragraph"
        ? { segmentIds: [segmentId] }
        : { fromSegmentId: segmentId, scope: scope === "turn" ? "turn" : "until-next-change" };
    return answer(c, deps, id, () => relabelSegments(store, id, selection, to));
  });

  app.post("/:id/speakers/rename", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, RenameBody);
    if (!parsed.ok) return c.json({ error: `a rename ${parsed.error}` }, 400);
    return answer(c, deps, id, () => renameSpeaker(store, id, parsed.value.from, parsed.value.to));
  });

  app.post("/:id/speakers/merge", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, MergeBody);
    if (!parsed.ok) return c.json({ error: `a merge ${parsed.error}` }, 400);
    const { from, into } = parsed.value;
    const names = listSpeakers(store, id).map((s) => s.name);
    if (!names.includes(into)) {
      return c.json({ error: `no speaker "${into}" to merge into (speakers: ${names.join(", ") || "none"})` }, 400);
    }
    if (from === into) return c.json({ error: "a speaker cannot be merged into itself" }, 400);
    return answer(c, deps, id, () => renameSpeaker(store, id, from, into));
  });

  app.post("/:id/speakers/undo", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    return answer(c, deps, id, () => undoLastSpeakerChange(store, id));
  });

  return app;
}

/**
 * Makes a change and answers with it. An analysed episode is analysed again (in the background) so
 * its clash moments and speaker-dependent results follow the correction.
 */
function answer(c: Context, deps: RouteDeps, episodeId: string, change: () => SpeakerChange | null): Response {
  const { store } = deps;
  let made: SpeakerChange | null;
  try {
    made = change();
  } catch (error) {
    if (error instanceof SpeakerChangeError) return c.json({ error: error.message }, 400);
    throw error;
  }
  if (made && isEpisodeAnalysed(store, episodeId)) {
    enqueueJob(store, ANALYSIS_JOB, episodeId);
    deps.kickJobs();
  }
  const body: SpeakerChangeResponse = {
    change: made ? changeJson(made) : null,
    speakers: listSpeakers(store, episodeId),
  };
  return c.json(body);
}

function changeJson(change: SpeakerChange): SpeakerChangeJson {
  return {
    id: change.id,
    kind: change.kind,
    summary: change.summary,
    segmentIds: change.segmentIds,
    createdAt: change.createdAt,
    undoneAt: change.undoneAt,
  };
}
