import { app } from "@azure/functions";
import { PeriodParams, RollupQuery } from "../shared/contract/index.ts";
import { assertProvinceReader } from "./lib/access.ts";
import { authenticate } from "./lib/auth.ts";
import { provinceRollup } from "./lib/province-rollup.ts";
import { handle, json, parseParams, parseQuery } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { readOrgUnits } from "./store/reference.ts";
import { noRegistry } from "./lib/province-registry.ts";

app.http("rollup", routeOf("rollup", handle(async (req) => {
  const who = await authenticate(req);
  const { province, period } = parseParams(PeriodParams, req);
  const { approved } = parseQuery(RollupQuery, req);
  const t = await ready();
  const registry = await readOrgUnits(t, province);
  if (!registry) throw noRegistry(province);
  assertProvinceReader(who, province, registry);
  return json(200, await provinceRollup(t, province, period, registry, { approvedOnly: approved === "only" }));
})));
