import { Hono } from "hono";
import { z } from "zod";
import {
  loadThread,
  MAX_QUESTION_CHARS,
  runTutorTurn,
  TutorRequestError,
  tutorTokensOfEpisode,
} from "../../library/tutor-chat/index.js";
import { readModelChoice } from "../../llm/index.js";
import { getEpisode } from "../../store/index.js";
import { threadToMarkdown } from "../../tutor/chat/index.js";
import type { TutorModeJson, TutorStreamEvent, TutorThreadResponse } from "../contract/index.js";
import { readJsonBody } from "../read-json-body.js";
import type { RouteDeps } from "../route-deps.js";

const AskBody = z.object({
  question: z.string().trim().min(1, "type a question").max(MAX_QUESTION_CHARS),
  language: z.enum(["en", "zh"]).default("en"),
});

/**
 * `/api/episodes/:id/concepts/:conceptId/tutor`: the concept's tutor thread (GET), one streamed
 * turn (POST, Server-Sent Events), and the thread as Markdown (`tutor.md`). The model is read from
 * the settings on every request, so a change on the settings page applies to the next question.
 */
export function tutorRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const { store } = deps;

  /** The concept's id and name when both the episode and the concept exist. */
  const find = (episodeId: string, conceptParam: string) => {
    if (!getEpisode(store, episodeId)) return { error: `no episode ${episodeId} in this library` } as const;
    const conceptId = Number(conceptParam);
    const concept = Number.isInteger(conceptId)
      ? (store.db.prepare("SELECT id, name FROM concept WHERE id = ?").get(conceptId) as
          | { id: number; name: string }
          | undefined)
      : undefined;
    if (!concept) return { error: `no concept ${conceptParam} in this library` } as const;
    return { concept } as const;
  };

  app.get("/:id/concepts/:conceptId/tutor", (c) => {
    const episodeId = c.req.param("id");
    const found = find(episodeId, c.req.param("conceptId"));
    if ("error" in found) return c.json({ error: found.error }, 404);
    const body: TutorThreadResponse = {
      conceptId: found.concept.id,
      conceptName: found.concept.name,
      messages: loadThread(store, found.concept.id, episodeId),
      mode: tutorMode(deps.home),
      episodeTokens: tutorTokensOfEpisode(store, episodeId),
    };
    return c.json(body);
  });

  app.get("/:id/concepts/:conceptId/tutor.md", (c) => {
    const episodeId = c.req.param("id");
    const found = find(episodeId, c.req.param("conceptId"));
    if ("error" in found) return c.json({ error: found.error }, 404);
    const language = (c.req.query("lang") ?? "en").toLowerCase().startsWith("zh") ? "zh" : "en";
    const markdown = threadToMarkdown({
      conceptName: found.concept.name,
      episodeTitle: getEpisode(store, episodeId)?.title ?? episodeId,
      messages: loadThread(store, found.concept.id, episodeId),
      language,
      exportedAt: store.now(),
    });
    const fileName = `tutor-${found.concept.name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || found.concept.id}.md`;
    return c.body(markdown, 200, {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="tutor.md"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
  });

  app.post("/:id/concepts/:conceptId/tutor", async (c) => {
    const episodeId = c.req.param("id");
    const found = find(episodeId, c.req.param("conceptId"));
    if ("error" in found) return c.json({ error: found.error }, 404);
    const parsed = await readJsonBody(c, AskBody);
    if (!parsed.ok) return c.json({ error: `the question ${parsed.error}` }, 400);
    const { question, language } = parsed.value;
    const choice = readModelChoice(process.env, deps.home);
    const encoder = new TextEncoder();
    let open = true;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (event: TutorStreamEvent) => {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
          } catch {
            open = false;
          }
        };
        // The turn runs to the end even when the page goes away: the answer is kept in the thread.
        void runTutorTurn({
          store,
          home: deps.home,
          episodeId,
          conceptId: found.concept.id,
          question,
          language,
          config: choice.config,
          ...(choice.problem ? { configProblem: choice.problem } : {}),
          onDelta: (text) => send({ type: "delta", text }),
        })
          .then((turn) => send({ type: "done", turn }))
          .catch((error: unknown) => {
            if (!(error instanceof TutorRequestError)) console.error(error);
            send({
              type: "error",
              message:
                error instanceof TutorRequestError
                  ? error.message
                  : "the tutor failed on the server; see its terminal for details",
            });
          })
          .finally(() => {
            if (!open) return;
            open = false;
            try {
              controller.close();
            } catch {
              // Already closed by the reader.
            }
          });
      },
      cancel() {
        open = false;
      },
    });
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        "x-accel-buffering": "no",
      },
    });
  });
  return app;
}

/** Who answers: the configured model, or the offline tutor and why. */
function tutorMode(home: string): TutorModeJson {
  const choice = readModelChoice(process.env, home);
  if (!choice.config)
    return { online: false, provider: null, label: null, model: null, problem: choice.problem ?? null };
  return {
    online: true,
    provider: choice.config.provider.id,
    label: choice.config.provider.label,
    model: choice.config.model,
    problem: null,
  };
}
