import { app } from "@azure/functions";
import { handle } from "./lib/http.ts";
import { changeLock } from "./lib/lock.ts";
import { routeOf } from "./lib/route.ts";

app.http("lockPeriod", routeOf("lockPeriod", handle((req) => changeLock(req, true))));
