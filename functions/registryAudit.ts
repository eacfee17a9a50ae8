import { app } from "@azure/functions";
import { ProvinceParams, type RegistryAuditResponse } from "../shared/contract/index.ts";
import { assertProvinceStaff } from "./lib/access.ts";
import { authenticate } from "./lib/auth.ts";
import { handle, json, parseParams } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { readRegistryAudit } from "./store/registry-audit.ts";

app.http("registryAudit", routeOf("registryAudit", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  assertProvinceStaff(who, province);
  const body: RegistryAuditResponse = { province, entries: await readRegistryAudit(await ready(), province) };
  return json(200, body);
})));
