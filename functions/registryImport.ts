import { app } from "@azure/functions";
import { ProvinceParams, RegistryImportRequest } from "../shared/contract/index.ts";
import { assertProvinceStaff } from "./lib/access.ts";
import { authenticate } from "./lib/auth.ts";
import { handle, json, parseParams, readBody } from "./lib/http.ts";
import { importProvinceRegistry } from "./lib/registry-admin.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";

/** A registry is larger than a submission: up to 20,000 units (a province's communes and their cells). */
const MAX_REGISTRY_BYTES = 8 * 1_048_576;

app.http("registryImport", routeOf("registryImport", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  assertProvinceStaff(who, province);
  const body = await readBody(req, RegistryImportRequest, MAX_REGISTRY_BYTES);
  return json(200, await importProvinceRegistry(await ready(), who, province, body.units, { keepStranded: body.keepStranded === true }));
})));
