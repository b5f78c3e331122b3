import { Hono } from "hono";
import type { RouteDeps } from "../route-deps.js";

/** `/api/review…` (being built). */
export function reviewRoutes(_deps: RouteDeps): Hono {
  return new Hono();
}
