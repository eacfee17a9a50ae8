import { app } from "@azure/functions";
import { ConsolidationRequest } from "../shared/contract/index.ts";
import { authenticate, requireRole } from "./lib/auth.ts";
import { consolidate } from "./lib/consolidation.ts";
import { handle, json, readBody } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { requireRegistry } from "./lib/province-registry.ts";

app.http("consolidate", routeOf("consolidate", handle(async (req) => {
  const who = await authenticate(req);
  requireRole(who, ["job"]);
  const body = await readBody(req, ConsolidationRequest, 4096);
  const t = await ready();
  if (body.province) await requireRegistry(t, body.province);
  return json(200, await consolidate(t, { period: body.period, scorecards: body.scorecards ?? false, ...(body.province ? { province: body.province } : {}) }));
})));
