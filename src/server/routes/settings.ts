import { Hono } from "hono";
import type { RouteDeps } from "../route-deps.js";

/** `/api/settings…` (being built). */
export function settingsRoutes(_deps: RouteDeps): Hono {
  return new Hono();
}
