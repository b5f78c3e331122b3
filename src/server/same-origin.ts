import type { MiddlewareHandler } from "hono";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests another site's page could send to this local server: an Origin
 * that is not this server's, or a body that is not JSON (an HTML form can post text/plain or
 * url-encoded bodies across sites without a preflight; it cannot post application/json or octet-stream).
 */
export function sameOriginWrites(): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    if (origin && origin !== "null") {
      let originHost = "";
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = "";
      }
      if (originHost !== host) {
        return c.json({ error: `requests from ${origin} may not change this library` }, 403);
      }
    } else if (origin === "null") {
      return c.json({ error: "requests from an opaque origin may not change this library" }, 403);
    }
    const type = c.req.header("content-type") ?? "";
    // application/octet-stream (uploads) is not a type a cross-site form or simple request can send.
    if (
      c.req.header("content-length") !== "0" &&
      type &&
      !type.startsWith("application/json") &&
      !type.startsWith("application/octet-stream")
    ) {
      return c.json({ error: "send JSON (Content-Type: application/json)" }, 415);
    }
    return next();
  };
}
