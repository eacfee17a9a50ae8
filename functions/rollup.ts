import { app } from "@azure/functions";
import { PeriodParams, RollupQuery } from "../shared/contract/index.ts";
import { assertProvinceReaderOrSuccessor } from "./lib/cross-province.ts";
import { authenticate } from "./lib/auth.ts";
import { provinceRollup } from "./lib/province-rollup.ts";
import { handle, json, parseParams, parseQuery } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { requireRegistry } from "./lib/province-registry.ts";
import { pastRollupOf } from "./lib/reconstructed-rollup.ts";
import { fail } from "./lib/errors.ts";

app.http("rollup", routeOf("rollup", handle(async (req) => {
  const who = await authenticate(req);
  const { province, period } = parseParams(PeriodParams, req);
  const { approved } = parseQuery(RollupQuery, req);
  const t = await ready();
  const registry = await requireRegistry(t, province);
  assertProvinceReaderOrSuccessor(who, province, registry);
  // A period before the province existed: its predecessors' figures rebuilt in today's units.
  const past = await pastRollupOf(t, registry, province, period, who);
  if (past && approved === "only") {
    throw fail.badRequest(
      `Period ${period} is rebuilt from the predecessors of ${province}; approved data only applies to the province's own periods.`,
      `Số liệu kỳ ${period} của ${province} được tính lại từ các đơn vị trước sắp xếp; chế độ "chỉ tính số liệu đã duyệt" chỉ áp dụng cho các kỳ của chính tỉnh.`,
    );
  }
  if (past) return json(200, past);
  return json(200, await provinceRollup(t, province, period, registry, { approvedOnly: approved === "only" }));
})));
