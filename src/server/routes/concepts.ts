import { Hono } from "hono";
import type { RouteDeps } from "../route-deps.js";

/** `/api/episodes/:id/concepts…` (being built). */
export function conceptRoutes(_deps: RouteDeps): Hono {
  return new Hono();
}
