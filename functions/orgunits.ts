import { app } from "@azure/functions";
import { ProvinceParams, type OrgUnitsResponse } from "../shared/contract/index.ts";
import { authenticate } from "./lib/auth.ts";
import { handle, json, parseParams } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { readOrgUnits } from "./store/reference.ts";
import { noRegistry } from "./lib/province-registry.ts";

/** Any assigned user may read a registry: names of units are not confidential, data is. */
app.http("orgunits", routeOf("orgunits", handle(async (req) => {
  await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  const units = await readOrgUnits(await ready(), province);
  if (!units) throw noRegistry(province);
  const body: OrgUnitsResponse = { province, units };
  return json(200, body);
})));
