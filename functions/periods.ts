import { app } from "@azure/functions";
import { ProvinceParams, type PeriodInfo, type PeriodsResponse } from "../shared/contract/index.ts";
import { deadlineFor } from "../shared/index.ts";
import { assertProvinceReaderOrSuccessor, readablePredecessors } from "./lib/cross-province.ts";
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
  // Its own periods, then (for its staff) each predecessor's, marked as that province's.
  const sources = [{ province, predecessor: undefined as PeriodInfo["predecessor"] }, ...readablePredecessors(who, province).map((p) => ({ province: p.province, predecessor: p }))];
  const lists = await Promise.all(sources.map(async ({ province: p, predecessor }) => {
    const [calendar, metas] = await Promise.all([readCalendar(t, p), listMeta(t, p)]);
    return metas.map((m): PeriodInfo => ({
      period: m.period, locked: m.locked, lockedBy: m.lockedBy, lockedAt: m.lockedAt,
      dueAt: deadlineFor(calendar, m.period, "province", { province: p }).at.toISOString(),
      ...(m.pending ? { lockPending: m.pending } : {}), ...(predecessor ? { predecessor } : {}),
    }));
  }));
  // Newest first; within a period the province's own, then its predecessors by code.
  const periods = lists.flat().sort((a, b) => b.period.localeCompare(a.period) || (a.predecessor?.province ?? "").localeCompare(b.predecessor?.province ?? ""));
  const body: PeriodsResponse = { province, periods };
  return json(200, body);
})));
