import { Hono } from "hono";
import type { RouteDeps } from "../route-deps.js";

/** `/api/episodes/:id/stances…` (being built). */
export function stanceRoutes(_deps: RouteDeps): Hono {
  return new Hono();
}
