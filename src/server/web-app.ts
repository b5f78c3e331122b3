import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";

/** Where `npm run build:web` puts the web app (dist/web beside src/). */
export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "web");

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".map": "application/json",
};

/** The page addresses of the app: each answers with the app's index.html (the app routes itself). */
const PAGE = /^\/(?:$|review\/?$|settings\/?$|episodes\/[^/]+(?:\/(?:concepts(?:\/[^/]+)?|clashes|map|progress))?\/?$)/;

/**
 * Serves the built web app: hashed assets (cached for good) and index.html for every page address.
 * When the app was never built, every page says how to build it.
 */
export function webAppRoutes(dist = WEB_DIST): Hono {
  const app = new Hono();
  app.get("/assets/*", (c) => {
    const file = normalize(join(dist, c.req.path));
    if (!file.startsWith(join(dist, "assets") + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return c.json({ error: `no such file: ${c.req.path}` }, 404);
    }
    c.header("content-type", TYPES[extname(file)] ?? "application/octet-stream");
    c.header("cache-control", "public, max-age=31536000, immutable");
    return c.body(readFileSync(file));
  });
  app.get("*", (c, next) => {
    if (!PAGE.test(c.req.path)) return next();
    const index = join(dist, "index.html");
    if (!existsSync(index)) {
      return c.html(
        "<!doctype html><meta charset=utf-8><title>deeplisten</title><p>The web app is not built yet: run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>",
        503,
      );
    }
    c.header("cache-control", "no-cache");
    return c.html(readFileSync(index, "utf8"));
  });
  return app;
}
