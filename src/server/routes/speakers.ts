import { Hono } from "hono";
import type { RouteDeps } from "../route-deps.js";

/** `/api/episodes/:id/speakers…` (being built). */
export function speakerRoutes(_deps: RouteDeps): Hono {
  return new Hono();
}
