import { app } from "@azure/functions";
import { HistoryParams, HistoryQuery, type HistoryResponse } from "../shared/contract/index.ts";
import { assertUnitReaderOrSuccessor } from "./lib/cross-province.ts";
import { authenticate } from "./lib/auth.ts";
import { handle, json, parseParams, parseQuery } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { readUnit } from "./store/units.ts";
import { readHistory } from "./store/history.ts";
import { requireRegistry } from "./lib/province-registry.ts";

app.http("history", routeOf("history", handle(async (req) => {
  const who = await authenticate(req);
  const { province, period, unit } = parseParams(HistoryParams, req);
  const { limit } = parseQuery(HistoryQuery, req);
  const t = await ready();
  const registry = await requireRegistry(t, province);
  assertUnitReaderOrSuccessor(who, province, unit, registry);
  const [current, entries] = await Promise.all([readUnit(t, province, period, unit), readHistory(t, province, period, unit, { limit })]);
  const body: HistoryResponse = { province, period, unit, district: unit, currentVersion: current?.version ?? 0, entries };
  return json(200, body);
})));
