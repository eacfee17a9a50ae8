import type { Lang } from "../shared/index.ts";
import { completeUnit, fetchApprovals, fetchMe, type Server } from "./api-client.ts";
import { CliError } from "./errors.ts";

/**
 * The clerk's "complete" step: marks the unit's version stored now as complete, so the province
 * can approve it. The province comes from the clerk's own assignment (GET /api/me), so a clerk
 * cannot mark another unit by naming it; the version is the one the server lists now.
 */
export async function runComplete(opts: { server: Server; unit: string; period: string; lang: Lang }): Promise<{ code: number; lines: string[] }> {
  const vi = opts.lang === "vi";
  const me = await fetchMe(opts.server);
  const mine = me.assignments.find((a) => a.role === "clerk" && a.unit === opts.unit);
  if (!mine?.province) {
    throw new CliError(`Tài khoản này không phải cán bộ phụ trách đơn vị ${opts.unit}: chỉ cán bộ của đơn vị được đánh dấu hoàn thành.`,
      `This account is not a clerk of ${opts.unit}: only the unit's clerk may mark it complete.`);
  }
  const list = await fetchApprovals(opts.server, mine.province, opts.period);
  const u = list.units.find((x) => x.unit === opts.unit);
  const name = mine.unitName ?? opts.unit;
  if (!u || u.dataVersion < 1) {
    return { code: 1, lines: [vi ? `${name} chưa có số liệu kỳ ${opts.period}: hãy gửi báo cáo trước khi đánh dấu hoàn thành.` : `${name} has no data for ${opts.period}: submit the report before marking it complete.`] };
  }
  if (u.state === "complete" && u.version === u.dataVersion) {
    return { code: 0, lines: [vi ? `${name} đã được đánh dấu hoàn thành (phiên bản ${u.version}); không có gì thay đổi.` : `${name} is already marked complete (version ${u.version}); nothing changed.`] };
  }
  const r = await completeUnit(opts.server, mine.province, opts.period, { unit: opts.unit, version: u.dataVersion });
  if (r.kind === "done") {
    return { code: 0, lines: [vi ? `Đã đánh dấu hoàn thành ${name}, kỳ ${opts.period} (phiên bản ${u.dataVersion}); chờ tỉnh duyệt.` : `Marked ${name} complete for ${opts.period} (version ${u.dataVersion}); awaiting the province's approval.`] };
  }
  if (r.kind === "needs") return { code: 1, lines: [vi ? r.message.vi : r.message.en, ...r.needComment.map((n) => `  ${n.label} (${n.indicator})`)] };
  return { code: 1, lines: [vi ? r.message.vi : r.message.en, ...r.refused.map((x) => `  ${name}: ${x.reason}, ${vi ? "trạng thái" : "state"} ${x.state}`)] };
}
