import { app } from "@azure/functions";
import { authenticate } from "./lib/auth.ts";
import { handle, json } from "./lib/http.ts";
import { describe } from "./lib/me.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";

/** Who the caller is and what they are assigned to: the pane's reporting-unit field starts from this. */
app.http("me", routeOf("me", handle(async (req) => {
  const who = await authenticate(req);
  return json(200, await describe(await ready(), who));
})));
