import { Hono } from "hono";
import type { RouteDeps } from "../route-deps.js";

/** `/api/episodes/:id/progress…` (being built). */
export function progressRoutes(_deps: RouteDeps): Hono {
  return new Hono();
}
