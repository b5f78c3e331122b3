import { Hono } from "hono";
import type { RouteDeps } from "../route-deps.js";

/** `/api/episodes/:id/map…` (being built). */
export function mapRoutes(_deps: RouteDeps): Hono {
  return new Hono();
}
