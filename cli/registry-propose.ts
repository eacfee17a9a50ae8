import { basename } from "node:path";
import type { RegistryProposal } from "../shared/contract/index.ts";
import type { Lang, OrgUnit, SavedMapping } from "../shared/index.ts";
import { proposableUnits } from "../shared/registry/proposable.ts";
import { apiClient, fetchMe, refused, type Server } from "./api-client.ts";
import { checkWorkbook } from "./check.ts";
import { loadTargets } from "./context.ts";
import { CliError } from "./errors.ts";
import { serverRegistry } from "./server-registry.ts";
import type { XlsxBook } from "../shared/xlsx/read.ts";

export interface ProposeResult { code: 0 | 1; lines: string[]; json: unknown }

/**
 * `htct registry propose FILE.xlsx --server URL`: the rows of the clerk's sheets that name no unit
 * of the server's registry and say what they are (Chi bộ …, Thôn …, Tổ dân phố …) are sent as one
 * proposal under the clerk's unit (or --unit), for the province's staff to accept. Rows that do
 * not say what they are are listed, not sent.
 */
export async function proposeRegistry(wb: XlsxBook, o: { server: Server; file: string; unit?: string; sheet?: string; period?: string; mapping?: SavedMapping; lang: Lang }): Promise<ProposeResult> {
  const vi = o.lang === "vi";
  const me = await fetchMe(o.server);
  const mine = me.assignments[0];
  if (!mine?.province) throw new CliError("Tài khoản chưa được phân công đơn vị nào.", "The account has no assignment.");
  const parent = o.unit ?? mine.unit;
  if (!parent) throw new CliError("Ghi --unit MÃ: đơn vị mà các chi bộ, thôn trực thuộc.", "Give --unit CODE: the unit the party cells or villages sit under.");
  const registry: OrgUnit[] = await serverRegistry(o.server, mine.province);
  const read = checkWorkbook(wb, { sheet: o.sheet, mapping: o.mapping, registry, targets: loadTargets(), lang: o.lang, period: o.period });
  const found = read.sheets.map((s) => ({ sheet: s.sheet, ...proposableUnits(s.units) }));
  const names = new Map(found.flatMap((f) => f.units).map((u) => [u.name.toLocaleLowerCase("vi"), u] as const));
  const unclear = found.flatMap((f) => f.unclear.map((u) => ({ sheet: f.sheet, ...u })));
  const unclearLines = unclear.map((u) => vi ? `  ? ${u.sheet}!dòng ${u.row}: "${u.name}" không có trong danh mục và không rõ là chi bộ, thôn hay tổ dân phố; không đề xuất.` : `  ? ${u.sheet}!row ${u.row}: "${u.name}" is not in the registry and does not say whether it is a party cell, village or residential group; not proposed.`);
  if (!names.size) {
    return { code: unclear.length ? 1 : 0, json: { proposal: null, unclear }, lines: [vi ? "Không có chi bộ, thôn nào mới để đề xuất." : "No new party cells or villages to propose.", ...unclearLines] };
  }
  const body = { parent, units: [...names.values()], source: { workbook: basename(o.file).slice(0, 200), sheet: (o.sheet ?? read.sheets[0]?.sheet ?? "").slice(0, 100) } };
  const r = await apiClient(o.server, (api) => api.call("registryPropose", { params: { province: mine.province! }, body }));
  if (!r.ok || r.status !== 200) throw refused(r.status, r.ok ? null : r.error ?? null);
  const p: RegistryProposal = r.body;
  const state = { pending: vi ? "chờ tỉnh duyệt" : "waiting for the province's review", accepted: vi ? "tỉnh đã chấp nhận" : "accepted by the province", rejected: vi ? "tỉnh đã từ chối" : "rejected by the province" }[p.state];
  return {
    code: 0, json: { proposal: p, unclear },
    lines: [
      vi ? `Đã gửi đề xuất ${p.id} (${state}): ${p.units.length} đơn vị thuộc ${parent}:` : `Proposal ${p.id} sent (${state}): ${p.units.length} unit(s) under ${parent}:`,
      ...p.units.map((u) => `  + ${u.name} → ${u.code}`),
      ...unclearLines,
    ],
  };
}
