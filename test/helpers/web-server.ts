import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "../../src/server/app.js";
import type { Store } from "../../src/store/index.js";

/** The real app (API + built web app) on a free loopback port, for browser tests. */
export async function startWebServer(
  store: Store,
  home: string,
): Promise<{ url: string; app: ReturnType<typeof createApp>; close: () => Promise<void> }> {
  const app = createApp({ store, home });
  let server: ReturnType<typeof serve> | undefined;
  const url = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve(`http://127.0.0.1:${info.port}`);
    });
  });
  return {
    url,
    app,
    close: async () => {
      await app.jobsIdle();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
    },
  };
}
