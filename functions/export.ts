import { app } from "@azure/functions";
import { ExportRequest, PeriodParams } from "../shared/contract/index.ts";
import { ExportEmptyError, ExportUnmappedError, exportRollup } from "../shared/export/dhis2-export.ts";
import { assertProvinceStaffOrSuccessor } from "./lib/cross-province.ts";
import { authenticate } from "./lib/auth.ts";
import { provinceRollup } from "./lib/province-rollup.ts";
import { ApiError } from "./lib/errors.ts";
import { handle, readBody, parseParams } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { requireRegistry } from "./lib/province-registry.ts";

/** A mapping for the whole catalog and a large province stays well under this. */
const MAX_EXPORT_BODY = 1024 * 1024;

app.http("export", routeOf("export", handle(async (req) => {
  const who = await authenticate(req);
  const { province, period } = parseParams(PeriodParams, req);
  // An export only reads: a successor province's staff export the ended province's past.
  if (who.assignment.role !== "job") assertProvinceStaffOrSuccessor(who, province);
  const { format, mapping, includeAggregates } = await readBody(req, ExportRequest, MAX_EXPORT_BODY);
  const t = await ready();
  const registry = await requireRegistry(t, province);
  const rollup = await provinceRollup(t, province, period, registry);
  try {
    const out = exportRollup(rollup, mapping, format, { includeAggregates });
    return {
      status: 200, body: out.body,
      headers: {
        "Content-Type": out.contentType, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
        "Content-Disposition": `attachment; filename="htct-${province}-${period}.${format === "adx" ? "xml" : "csv"}"`,
      },
    };
  } catch (e) {
    if (e instanceof ExportEmptyError) {
      throw new ApiError(422, "nothing_to_export", { vi: new ExportEmptyError(province, period, "vi").message, en: e.message });
    }
    if (!(e instanceof ExportUnmappedError)) throw e;
    const vi = new ExportUnmappedError(e.unmapped, "vi").message;
    throw new ApiError(422, "unmapped", { vi: `Bảng ánh xạ DHIS2 chưa đủ:\n${vi}`, en: `The DHIS2 mapping is incomplete:\n${e.message}` }, { unmapped: e.unmapped });
  }
})));
