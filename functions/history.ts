import { app } from "@azure/functions";
import { HistoryParams, HistoryQuery, type HistoryResponse } from "../shared/contract/index.ts";
import { assertUnitReaderOrSuccessor } from "./lib/cross-province.ts";
import { authenticate } from "./lib/auth.ts";
import { handle, json, parseParams, parseQuery } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { readUnit } from "./store/units.ts";
import { readHistory } from "./store/history.ts";
import { peopleNamed } from "./store/reference.ts";
import { unitsValidIn } from "../shared/index.ts";
import { requireRegistry } from "./lib/province-registry.ts";

app.http("history", routeOf("history", handle(async (req) => {
  const who = await authenticate(req);
  const { province, period, unit } = parseParams(HistoryParams, req);
  const { limit } = parseQuery(HistoryQuery, req);
  const t = await ready();
  const registry = await requireRegistry(t, province);
  assertUnitReaderOrSuccessor(who, province, unit, registry);
  const [current, entries] = await Promise.all([readUnit(t, province, period, unit), readHistory(t, province, period, unit, { limit })]);
  // Names for the codes and logins shown (a CSV for readers says which unit and who, as the detail sheet does).
  const byCode = new Map(unitsValidIn(registry, period).map((u) => [u.code, u.name]));
  const names: Record<string, string> = {};
  for (const code of new Set([unit, ...entries.flatMap((e) => e.changes.map((c) => c.unit))])) {
    const name = byCode.get(code);
    if (name) names[code] = name;
  }
  const people = await peopleNamed(t, entries.map((e) => e.user));
  const body: HistoryResponse = { province, period, unit, district: unit, currentVersion: current?.version ?? 0, entries, names, people };
  return json(200, body);
})));
