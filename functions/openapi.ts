import { app } from "@azure/functions";
import { getCatalog } from "../shared/index.ts";
import { buildOpenApi } from "../shared/contract/index.ts";
import { handle, json } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";

app.http("openapi", routeOf("openapi", handle(async (req) => {
  const origin = new URL(req.url).origin;
  return json(200, buildOpenApi({ serverUrl: origin, catalogVersion: getCatalog().version }), { "Cache-Control": "public, max-age=300" });
})));
