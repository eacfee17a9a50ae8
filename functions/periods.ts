import { app } from "@azure/functions";
import { ProvinceParams, type PeriodsResponse } from "../shared/contract/index.ts";
import { deadlineFor } from "../shared/index.ts";
import { assertProvinceReaderOrSuccessor } from "./lib/cross-province.ts";
import { authenticate } from "./lib/auth.ts";
import { handle, json, parseParams } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { listMeta } from "./store/periods.ts";
import { readCalendar } from "./store/reference.ts";
import { requireRegistry } from "./lib/province-registry.ts";

app.http("periods", routeOf("periods", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  const t = await ready();
  const registry = await requireRegistry(t, province);
  // A province formed in the reorganisation reads its predecessors' past too (read only).
  assertProvinceReaderOrSuccessor(who, province, registry);
  const calendar = await readCalendar(t, province);
  const periods = (await listMeta(t, province))
    .map((m) => ({ period: m.period, locked: m.locked, lockedBy: m.lockedBy, lockedAt: m.lockedAt, dueAt: deadlineFor(calendar, m.period, "province", { province }).at.toISOString(), ...(m.pending ? { lockPending: m.pending } : {}) }))
    .sort((a, b) => b.period.localeCompare(a.period));
  const body: PeriodsResponse = { province, periods };
  return json(200, body);
})));
