import { app } from "@azure/functions";
import { getCatalog } from "../shared/index.ts";
import { buildOpenApi } from "../shared/contract/index.ts";
import { handle, json } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { settings } from "./lib/settings.ts";

/**
 * The server is the configured public URL, or "/" (relative to where the document was fetched):
 * never the request's Host, which a client chooses and a shared cache would keep for others.
 */
app.http("openapi", routeOf("openapi", handle(async () => {
  return json(200, buildOpenApi({ serverUrl: settings().publicUrl ?? "/", catalogVersion: getCatalog().version }), { "Cache-Control": "public, max-age=300" });
})));
