import { app } from "@azure/functions";
import { getCatalog } from "../shared/index.ts";
import type { HealthResponse } from "../shared/contract/index.ts";
import { handle, json } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { one } from "./store/query.ts";

/** Reads one row: answers 200 only when the table really answers (503 + Retry-After otherwise). */
app.http("health", routeOf("health", handle(async () => {
  const t = await ready();
  await one(t, "HEALTH", "probe");
  const body: HealthResponse = { status: "ok", storage: "ok", catalogVersion: getCatalog().version, time: new Date().toISOString() };
  return json(200, body);
})));
