import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import { PeriodParams, type PeriodLockResponse } from "../../shared/contract/index.ts";
import { reportingUnitsOf, unitsValidIn } from "../../shared/index.ts";
import { ready } from "../store/client.ts";
import { setLock } from "../store/periods.ts";
import { assertProvinceStaff } from "./access.ts";
import { authenticate } from "./auth.ts";
import { json, parseParams } from "./http.ts";
import { requireRegistry } from "./province-registry.ts";

/** Lock and unlock differ only in the flag; both are idempotent (locking a locked period is fine). */
export async function changeLock(req: HttpRequest, locked: boolean): Promise<HttpResponseInit> {
  const who = await authenticate(req);
  const { province, period } = parseParams(PeriodParams, req);
  assertProvinceStaff(who, province);
  const t = await ready();
  const registry = await requireRegistry(t, province);
  // Every reporting unit of the period (districts before July 2025, communes since) gets the flag.
  const unitCodes = reportingUnitsOf(unitsValidIn(registry, period), province).map((u) => u.code);
  const meta = await setLock(t, province, period, locked, who.user, unitCodes);
  const body: PeriodLockResponse = { province, period, locked: meta.locked, lockedBy: meta.lockedBy, lockedAt: meta.lockedAt };
  return json(200, body);
}
