import { Hono } from "hono";
import type { RouteDeps } from "../route-deps.js";

/** `/api/episodes/:id/concepts/:conceptId/tutor…` (being built). */
export function tutorRoutes(_deps: RouteDeps): Hono {
  return new Hono();
}
