import { app } from "@azure/functions";
import { ProvinceParams } from "../shared/contract/index.ts";
import { assertProvinceStaff } from "./lib/access.ts";
import { provinceAssignments } from "./lib/assignments.ts";
import { authenticate } from "./lib/auth.ts";
import { handle, json, parseParams } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { listAssignmentRows, readOrgUnits } from "./store/reference.ts";
import { noRegistry } from "./lib/province-registry.ts";

/** The clerks of the province's units (and its staff), for the status sheet: the province's own staff only. */
app.http("assignments", routeOf("assignments", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  // Who may ask comes before whether the province exists, so no one learns of another's.
  assertProvinceStaff(who, province);
  const t = await ready();
  const registry = await readOrgUnits(t, province);
  if (!registry) throw noRegistry(province);
  return json(200, provinceAssignments(province, registry, await listAssignmentRows(t)));
})));
