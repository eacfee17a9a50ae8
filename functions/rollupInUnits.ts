import { app } from "@azure/functions";
import { InUnitsParams } from "../shared/contract/index.ts";
import { assertProvinceReaderOrSuccessor } from "./lib/cross-province.ts";
import { authenticate } from "./lib/auth.ts";
import { handle, json, parseParams } from "./lib/http.ts";
import { rollupInUnitsOf } from "./lib/reconstructed-rollup.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { requireRegistry } from "./lib/province-registry.ts";

/** 2024's figures in 2026's communes, for trends across the reorganisation. */
app.http("rollupInUnits", routeOf("rollupInUnits", handle(async (req) => {
  const who = await authenticate(req);
  const { province, period, units } = parseParams(InUnitsParams, req);
  const t = await ready();
  const registry = await requireRegistry(t, province);
  assertProvinceReaderOrSuccessor(who, province, registry);
  return json(200, await rollupInUnitsOf(t, registry, province, period, units, who));
})));
