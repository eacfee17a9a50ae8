import { FormFingerprint, MappingOfferId, UnitCode } from "../shared/contract/index.ts";
import { getCatalog, type Lang, type SavedMapping } from "../shared/index.ts";
import { listMappingOffers, listMappings, offerMapping, reviewMappingOffer, type Server } from "./api-client.ts";
import { CliError } from "./errors.ts";

/**
 * `htct mappings`: the column mappings a province shares, for its staff to see and correct.
 * Without --form it lists them and the clerks' offers waiting for review; --accept / --reject ID
 * decides an offer; with --form and --mapping it sets the province's own mapping for that form
 * (kept over any clerk's offer), starting from the headers the form was seen with.
 */
export async function mappingsCommand(server: Server, o: { province?: string; form?: string; mapping?: SavedMapping; accept?: string; reject?: string; json?: boolean; lang: Lang }): Promise<{ code: 0 | 1; lines: string[]; json: unknown }> {
  const vi = o.lang === "vi";
  const province = UnitCode.safeParse(o.province);
  if (!province.success) throw new CliError("Thiếu hoặc sai --province <mã tỉnh>.", "Missing or invalid --province <province code>.");
  const catalog = getCatalog();
  const label = (v: SavedMapping[string]) => (v === null ? (vi ? "(bỏ qua)" : "(ignored)") : typeof v === "string" ? catalog.byCode.get(v)?.label[o.lang] ?? v : `${v.part} / ${v.whole}`);
  if (o.accept !== undefined || o.reject !== undefined) {
    if (o.accept !== undefined && o.reject !== undefined) throw new CliError("Chỉ dùng một trong --accept và --reject.", "Use only one of --accept and --reject.");
    if (o.form !== undefined || o.mapping) throw new CliError("--accept/--reject không dùng cùng --form hay --mapping.", "--accept/--reject do not go with --form or --mapping.");
    const id = MappingOfferId.safeParse(o.accept ?? o.reject);
    if (!id.success) throw new CliError("Mã đề xuất phải dạng o và 16 chữ số hệ 16 (xem htct mappings).", "An offer id is o and 16 hexadecimal digits (see htct mappings).");
    const decision = o.accept !== undefined ? "accept" : "reject";
    const r = await reviewMappingOffer(server, province.data, id.data, decision);
    return { code: 0, json: r, lines: [decision === "accept"
      ? (vi ? `Đã chấp nhận đề xuất ${id.data}: từ nay các đơn vị của tỉnh dùng ánh xạ này cho biểu ${r.offer.fingerprint}.` : `Accepted offer ${id.data}: the province's units now use this mapping for form ${r.offer.fingerprint}.`)
      : (vi ? `Đã từ chối đề xuất ${id.data}; ánh xạ này không được dùng chung.` : `Rejected offer ${id.data}; this mapping is not shared.`)] };
  }
  const list = await listMappings(server, province.data);
  if (o.form === undefined) {
    if (o.mapping) throw new CliError("--mapping cần --form <mã biểu> để biết ánh xạ của biểu nào.", "--mapping needs --form <fingerprint> to know which form it is for.");
    const offers = (await listMappingOffers(server, province.data)).offers.filter((x) => x.state === "pending");
    const pending = offers.length
      ? [vi ? `Đề xuất chờ duyệt (${offers.length}); duyệt bằng --accept MÃ hoặc --reject MÃ:` : `Offers awaiting review (${offers.length}); decide with --accept ID or --reject ID:`,
        ...offers.flatMap((x) => [
          `${x.id}  ${vi ? "biểu" : "form"} ${x.fingerprint}  ${x.kind}${x.sheet ? ` "${x.sheet}"` : ""}  ${vi ? `do ${x.unit ?? x.by} đề xuất` : `offered by ${x.unit ?? x.by}`}, ${x.at}, ${vi ? `${x.units.length} đơn vị` : `${x.units.length} unit${x.units.length === 1 ? "" : "s"}`}`,
          ...Object.entries(x.mapping).map(([h, v]) => `    "${h}" → ${label(v)}`),
        ])]
      : [];
    const lines = [...pending, ...(list.mappings.length
      ? list.mappings.flatMap((m) => [
        `${m.fingerprint}  ${m.kind}${m.sheet ? ` "${m.sheet}"` : ""}  ${m.source === "province" ? (vi ? "do tỉnh đặt" : "set by the province") : (vi ? `học từ ${m.unit ?? m.by}` : `learned from ${m.unit ?? m.by}`)}, ${m.at}, ${vi ? `${m.units.length} đơn vị đã dùng` : `used by ${m.units.length} unit${m.units.length === 1 ? "" : "s"}`}`,
        ...Object.entries(m.mapping).map(([h, v]) => `    "${h}" → ${label(v)}`),
      ])
      : [vi ? `Tỉnh ${province.data} chưa có ánh xạ cột chung nào.` : `Province ${province.data} has no shared column mappings yet.`])];
    return { code: 0, lines, json: { ...list, offers } };
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
  return { code: kept === "accepted" ? 0 : 1, lines: [kept === "accepted" ? (vi ? `Đã đặt ánh xạ của tỉnh cho biểu ${form.data}.` : `Set the province's mapping for form ${form.data}.`) : (vi ? "Ánh xạ không được thay: chỉ cán bộ tỉnh đặt được ánh xạ của tỉnh; ánh xạ của bạn được gửi để tỉnh xem xét." : "Not replaced: only province staff set the province's mapping; yours was sent for the province's review.")], json: { accepted: kept === "accepted" } };
}
