import { app } from "@azure/functions";
import { handle } from "./lib/http.ts";
import { changeLock } from "./lib/lock.ts";
import { routeOf } from "./lib/route.ts";

app.http("unlockPeriod", routeOf("unlockPeriod", handle((req) => changeLock(req, false))));
