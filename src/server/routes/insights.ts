import { Hono } from "hono";
import type { RouteDeps } from "../route-deps.js";

/** `/api/episodes/:id/insights…` (being built). */
export function insightRoutes(_deps: RouteDeps): Hono {
  return new Hono();
}
