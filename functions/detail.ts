import { app } from "@azure/functions";
import { capChanges, descendantsOf, drillDown, getCatalog, reportingUnitFor, unitsValidIn, versionsFor } from "../shared/index.ts";
import { DETAIL_MAX_CHANGES, DetailQuery, HistoryParams, type DetailResponse } from "../shared/contract/index.ts";
import { assertUnitReaderOrSuccessor } from "./lib/cross-province.ts";
import { authenticate } from "./lib/auth.ts";
import { fail } from "./lib/errors.ts";
import { handle, json, parseParams, parseQuery } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { listSteps } from "./store/approvals.ts";
import { ready } from "./store/client.ts";
import { readUnit } from "./store/units.ts";
import { readHistory } from "./store/history.ts";
import { peopleNamed } from "./store/reference.ts";
import { requireRegistry } from "./lib/province-registry.ts";

app.http("detail", routeOf("detail", handle(async (req) => {
  const who = await authenticate(req);
  const { province, period, unit } = parseParams(HistoryParams, req);
  const { limit } = parseQuery(DetailQuery, req);
  const t = await ready();
  const registry = await requireRegistry(t, province);
  const units = unitsValidIn(registry, period);
  // The data of a unit below a reporting unit is that reporting unit's: its clerk may read it.
  const through = reportingUnitFor(units, unit);
  const holder = through && through.parent === province ? through : null;
  assertUnitReaderOrSuccessor(who, province, holder?.code ?? unit, registry);
  if (!holder) {
    throw fail.notFound(
      `${unit} is not a unit below province ${province} in period ${period}.`,
      `${unit} không phải là đơn vị thuộc tỉnh ${province} trong kỳ ${period}.`,
    );
  }
  const self = units.find((u) => u.code === unit)!;
  const [stored, entries, steps] = await Promise.all([
    readUnit(t, province, period, holder.code),
    readHistory(t, province, period, holder.code, { limit: limit + 1 }),
    listSteps(t, province, period, holder.code),
  ]);
  const catalog = getCatalog();
  const { total, rows } = drillDown(catalog, units, unit, stored?.values ?? {});
  const within = unit === holder.code ? null : new Set([unit, ...descendantsOf(units, unit).map((u) => u.code)]);
  const history = capChanges(versionsFor(entries.slice(0, limit), steps, within), DETAIL_MAX_CHANGES);
  // Names for the logins shown (one cached point read each): a sheet says who, not which account.
  const logins = new Set([stored?.lastUser, ...history.versions.flatMap((v) => [v.user, ...v.steps.map((x) => x.by)])].filter((x): x is string => !!x));
  const people = await peopleNamed(t, logins);
  const body: DetailResponse = {
    province, provinceName: units.find((u) => u.code === province)?.name ?? province, period,
    catalogVersion: catalog.version, computedAt: new Date().toISOString(),
    unit, name: self.name, level: self.level, reportingUnit: holder.code, reportingUnitName: holder.name,
    version: stored?.version ?? 0, lastSubmittedAt: stored?.lastSubmittedAt || null, lastUser: stored?.lastUser || null,
    total, rows, history: history.versions, historyTruncated: history.cut || entries.length > limit, people,
  };
  return json(200, body);
})));
