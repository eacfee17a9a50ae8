import { app } from "@azure/functions";
import { ConsolidationRequest } from "../shared/contract/index.ts";
import { authenticate, requireRole } from "./lib/auth.ts";
import { consolidate } from "./lib/consolidation.ts";
import { fail } from "./lib/errors.ts";
import { handle, json, readBody } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { readOrgUnits } from "./store/reference.ts";

app.http("consolidate", routeOf("consolidate", handle(async (req) => {
  const who = await authenticate(req);
  requireRole(who, ["job"]);
  const body = await readBody(req, ConsolidationRequest, 4096);
  const t = await ready();
  if (body.province && !(await readOrgUnits(t, body.province))) throw fail.notFound(`Province ${body.province} has no registry.`, `Tỉnh ${body.province} chưa có danh mục đơn vị.`);
  return json(200, await consolidate(t, { period: body.period, scorecards: body.scorecards ?? false, ...(body.province ? { province: body.province } : {}) }));
})));
