import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { readEnv } from "../../config/env.js";
import { ANALYSIS_JOB, offerSampleOnce } from "../../library/index.js";
import { createApp } from "../../server/app.js";
import { enqueueJob, getEpisode } from "../../store/index.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../usage-error.js";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * `deeplisten serve` (and `start`, which also imports the bundled sample on a library's first run):
 * the web app and JSON API on 127.0.0.1:4747. Another address requires a token.
 */
export async function serveCommand(
  ctx: CliContext,
  args: string[],
  options: { offerSample: boolean },
): Promise<number> {
  const env = readEnv();
  const { values } = parseArgs({
    args,
    options: { port: { type: "string" }, host: { type: "string" } },
  });
  const port = values.port === undefined ? (env.DEEPLISTEN_PORT ?? 4747) : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port takes a port number, not ${values.port}`);
  const host = values.host ?? env.DEEPLISTEN_HOST ?? "127.0.0.1";
  const token = LOOPBACK.has(host)
    ? env.DEEPLISTEN_TOKEN
    : (env.DEEPLISTEN_TOKEN ?? randomBytes(18).toString("base64url"));

  const store = ctx.openLibrary();
  if (options.offerSample) {
    const sampleId = await offerSampleOnce(store);
    if (sampleId) {
      ctx.stderr(`First run: imported the sample episode "${getEpisode(store, sampleId)?.title}" (${sampleId}).`);
      // The job loop the app starts picks this up: the sample is analysed in the background.
      enqueueJob(store, ANALYSIS_JOB, sampleId);
    }
  }
  const app = createApp({ store, token, home: ctx.home });
  await new Promise<void>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      const shownHost = host.includes(":") ? `[${host}]` : host;
      const url = `http://${shownHost}:${info.port}/${token ? `?token=${token}` : ""}`;
      ctx.stderr(`deeplisten library: ${ctx.home}`);
      ctx.stdout(ctx.json ? JSON.stringify({ url, home: ctx.home }) : `deeplisten is running at ${url}`);
      resolve();
    });
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new UsageError(`port ${port} on ${host} is in use: is deeplisten already running? Try --port ${port + 1}`)
          : error,
      );
    });
    const stop = () => {
      server.close();
      store.db.close();
      process.exit(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return new Promise<number>(() => {}); // serve until stopped
}
