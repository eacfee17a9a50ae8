import { FormFingerprint, UnitCode } from "../shared/contract/index.ts";
import { getCatalog, type Lang, type SavedMapping } from "../shared/index.ts";
import { listMappings, offerMapping, type Server } from "./api-client.ts";
import { CliError } from "./errors.ts";

/**
 * `htct mappings`: the column mappings a province shares, for its staff to see and correct.
 * Without --form it lists them; with --form and --mapping it sets the province's own mapping
 * for that form (kept over any clerk's offer), starting from the headers the form was seen with.
 */
export async function mappingsCommand(server: Server, o: { province?: string; form?: string; mapping?: SavedMapping; json?: boolean; lang: Lang }): Promise<{ code: 0 | 1; lines: string[]; json: unknown }> {
  const vi = o.lang === "vi";
  const province = UnitCode.safeParse(o.province);
  if (!province.success) throw new CliError("Thiếu hoặc sai --province <mã tỉnh>.", "Missing or invalid --province <province code>.");
  const catalog = getCatalog();
  const label = (v: SavedMapping[string]) => (v === null ? (vi ? "(bỏ qua)" : "(ignored)") : typeof v === "string" ? catalog.byCode.get(v)?.label[o.lang] ?? v : `${v.part} / ${v.whole}`);
  const list = await listMappings(server, province.data);
  if (o.form === undefined) {
    if (o.mapping) throw new CliError("--mapping cần --form <mã biểu> để biết ánh xạ của biểu nào.", "--mapping needs --form <fingerprint> to know which form it is for.");
    const lines = list.mappings.length
      ? list.mappings.flatMap((m) => [
        `${m.fingerprint}  ${m.kind}${m.sheet ? ` "${m.sheet}"` : ""}  ${m.source === "province" ? (vi ? "do tỉnh đặt" : "set by the province") : (vi ? `học từ ${m.unit ?? m.by}` : `learned from ${m.unit ?? m.by}`)}, ${m.at}, ${vi ? `${m.units.length} đơn vị đã dùng` : `used by ${m.units.length} unit${m.units.length === 1 ? "" : "s"}`}`,
        ...Object.entries(m.mapping).map(([h, v]) => `    "${h}" → ${label(v)}`),
      ])
      : [vi ? `Tỉnh ${province.data} chưa có ánh xạ cột chung nào.` : `Province ${province.data} has no shared column mappings yet.`];
    return { code: 0, lines, json: list };
  }
  const form = FormFingerprint.safeParse(o.form);
  if (!form.success) throw new CliError("--form phải là mã biểu dạng f và 16 chữ số hệ 16 (xem htct mappings).", "--form must be a form fingerprint, f and 16 hexadecimal digits (see htct mappings).");
  if (!o.mapping) throw new CliError("Thiếu --mapping <tệp.json> (tiêu đề cột → mã chỉ tiêu).", "Missing --mapping <file.json> (header text → indicator code).");
  const known = list.mappings.find((m) => m.fingerprint === form.data);
  if (!known) throw new CliError(`Chưa thấy biểu ${form.data} ở tỉnh ${province.data}; ánh xạ được đặt cho biểu đã có đơn vị gửi.`, `Form ${form.data} has not been seen in ${province.data}; mappings are set for forms a unit has sent.`);
  const unknown = Object.values(o.mapping).flatMap((v) => (v === null ? [] : typeof v === "string" ? [v] : [v.part, v.whole])).filter((c) => !catalog.byCode.has(c));
  if (unknown.length) throw new CliError(`Mã chỉ tiêu không có trong danh mục: ${unknown.slice(0, 10).join(", ")}.`, `Indicator codes not in the catalog: ${unknown.slice(0, 10).join(", ")}.`);
  const kept = await offerMapping(server, province.data, form.data, { mapping: o.mapping, headers: known.headers, kind: known.kind === "transposed" || known.kind === "form" ? known.kind : "units", sheet: known.sheet ?? undefined });
  if (kept === null) throw new CliError("Máy chủ không nhận ánh xạ (cần quyền cán bộ tỉnh).", "The server did not take the mapping (province staff only).");
  return { code: kept ? 0 : 1, lines: [kept ? (vi ? `Đã đặt ánh xạ của tỉnh cho biểu ${form.data}.` : `Set the province's mapping for form ${form.data}.`) : (vi ? "Ánh xạ không được thay: chỉ cán bộ tỉnh đặt được ánh xạ của tỉnh." : "Not replaced: only province staff set the province's mapping.")], json: { accepted: kept } };
}
