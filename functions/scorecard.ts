import { app } from "@azure/functions";
import { PeriodParams } from "../shared/contract/index.ts";
import { assertProvinceStaffOrSuccessor } from "./lib/cross-province.ts";
import { authenticate } from "./lib/auth.ts";
import { handle, json, parseParams } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { provinceScorecard } from "./lib/scorecard.ts";
import { ready } from "./store/client.ts";
import { requireRegistry } from "./lib/province-registry.ts";

/** On demand (the pane's "Chất lượng số liệu"); the nightly job stores the same computation. */
app.http("scorecard", routeOf("scorecard", handle(async (req) => {
  const who = await authenticate(req);
  const { province, period } = parseParams(PeriodParams, req);
  if (who.assignment.role !== "job") assertProvinceStaffOrSuccessor(who, province);
  const t = await ready();
  const registry = await requireRegistry(t, province);
  return json(200, await provinceScorecard(t, province, period, registry));
})));
