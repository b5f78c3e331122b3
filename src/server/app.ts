import { Hono } from "hono";
import { ImportError } from "../core/index.js";
import { startJobLoop } from "../jobs/job-loop.js";
import { libraryJobHandlers } from "../library/index.js";
import { explainStorageError, type Store } from "../store/index.js";
import type { ApiErrorBody } from "./contract/index.js";
import { analysisRoutes } from "./routes/analysis.js";
import { asrSettingsRoutes } from "./routes/asr-settings.js";
import { audioRoutes } from "./routes/audio.js";
import { conceptRoutes } from "./routes/concepts.js";
import { enrichmentRoutes } from "./routes/enrichment.js";
import { episodeRoutes } from "./routes/episodes.js";
import { insightRoutes } from "./routes/insights.js";
import { jobRoutes } from "./routes/jobs.js";
import { listeningRoutes } from "./routes/listening.js";
import { mapRoutes } from "./routes/map.js";
import { markRoutes } from "./routes/marks.js";
import { progressRoutes } from "./routes/progress.js";
import { quoteRoutes } from "./routes/quotes.js";
import { reviewRoutes } from "./routes/review.js";
import { settingsRoutes } from "./routes/settings.js";
import { speakerRoutes } from "./routes/speakers.js";
import { stanceRoutes } from "./routes/stances.js";
import { tutorRoutes } from "./routes/tutor.js";
import { sameOriginWrites } from "./same-origin.js";
import { webAppRoutes } from "./web-app.js";

export interface AppOptions {
  store: Store;
  /** The library folder (for the learner's own packs). */
  home: string;
  /** When set, every /api/ request must carry it (servers bound beyond loopback). */
  token?: string;
  /** The built web app to serve (tests may point elsewhere); default dist/web. */
  webDist?: string;
}

/**
 * The HTTP app: the JSON API under /api and the web page. Routes are thin: they call the store
 * and the library services and shape JSON.
 */
export function createApp(options: AppOptions): Hono & { jobsIdle: () => Promise<void> } {
  const app = new Hono();
  const jobs = startJobLoop(options.store, libraryJobHandlers(options.store, options.home));
  app.use("/api/*", sameOriginWrites());
  if (options.token) {
    const expected = `Bearer ${options.token}`;
    app.use("/api/*", async (c, next) => {
      const cookie = c.req.header("cookie") ?? "";
      const fromCookie = cookie.split(/;\s*/).some((kv) => kv === `deeplisten_token=${options.token}`);
      if (c.req.header("authorization") !== expected && !fromCookie) {
        return c.json(
          { error: "this server needs its token: open the link it printed, or send Authorization: Bearer <token>" },
          401,
        );
      }
      await next();
    });
    app.use("*", async (c, next) => {
      // Opening the printed link (/?token=...) sets the cookie the page's API calls carry.
      if (c.req.query("token") === options.token) {
        c.header("set-cookie", `deeplisten_token=${options.token}; HttpOnly; SameSite=Strict; Path=/`);
      }
      await next();
    });
  }
  app.route("/api/episodes", episodeRoutes(options.store, jobs.kick));
  app.route("/api/episodes", analysisRoutes(options.store, jobs.kick));
  app.route("/api/jobs", jobRoutes(options.store));
  app.route("/api/episodes", audioRoutes(options.store));
  app.route("/api/episodes", markRoutes(options.store));
  app.route("/api/episodes", listeningRoutes(options.store));
  const deps = { store: options.store, home: options.home, kickJobs: jobs.kick };
  app.route("/api/episodes", conceptRoutes(deps));
  app.route("/api/episodes", tutorRoutes(deps));
  app.route("/api/episodes", enrichmentRoutes(deps));
  app.route("/api/episodes", stanceRoutes(deps));
  app.route("/api/episodes", mapRoutes(deps));
  app.route("/api/episodes", progressRoutes(deps));
  app.route("/api/episodes", speakerRoutes(deps));
  app.route("/api/episodes", insightRoutes(deps));
  app.route("/api/episodes", quoteRoutes(deps));
  app.route("/api/settings", settingsRoutes(deps));
  app.route("/api/settings", asrSettingsRoutes(deps));
  app.route("/api/review", reviewRoutes(deps));
  app.get("/api/health", (c) => c.json({ ok: true }));
  app.route("/", webAppRoutes(options.webDist));
  app.onError((error, c) => {
    if (error instanceof ImportError) {
      const body: ApiErrorBody = {
        error: error.message,
        importProblem: { file: error.file ?? null, line: error.line ?? null, reason: error.reason },
      };
      return c.json(body, 400);
    }
    const storage = explainStorageError(error, options.home);
    if (storage) return c.json({ error: storage }, 507);
    console.error(error);
    return c.json({ error: "something went wrong on the server; see its terminal for details" }, 500);
  });
  app.notFound((c) => c.json({ error: `no such page: ${c.req.path}` }, 404));
  return Object.assign(app, { jobsIdle: jobs.idle });
}
