import { basename } from "node:path";
import { formFingerprint, formHeaders, getCatalog, lifespan, shareableMapping, reportingUnitFor, unitsValidIn, type Lang, type OrgUnit, type SavedMapping, type SheetRead, type Target } from "../shared/index.ts";
import { buildSubmission, fingerprint, Period, SubmissionMode, SubmissionRequest } from "../shared/contract/index.ts";
import { fetchSharedMapping, offerMapping, refused, submit, type Server } from "./api-client.ts";
import { checkWorkbook } from "./check.ts";
import { CliError } from "./errors.ts";

export interface SubmitOptions {
  file: string;
  server: Server;
  period: string | undefined;
  /** The reporting unit (`--unit`, or `--district` from older scripts). */
  unit?: string;
  base?: string;
  mode?: string;
  sheet?: string;
  mapping?: SavedMapping;
  registry: OrgUnit[];
  targets: Target[];
  lang: Lang;
}

export interface SubmitOutcome { code: 0 | 1; lines: string[]; json: unknown }

/**
 * Validates a workbook as the add-in does and, when it has no errors, submits its communes'
 * values. Refusals (errors in the data, a conflict, the server's own validation) exit 1 with
 * what to do; nothing is sent when the workbook has errors.
 */
export async function submitWorkbook(wb: Parameters<typeof checkWorkbook>[0], o: SubmitOptions): Promise<SubmitOutcome> {
  const vi = o.lang === "vi";
  const period = Period.safeParse(o.period);
  if (!period.success) throw new CliError("Thiếu hoặc sai --period (ví dụ 2024, 2024-06, 2024-Q2, 2024-H1).", "Missing or invalid --period (e.g. 2024, 2024-06, 2024-Q2, 2024-H1).");
  const mode = SubmissionMode.safeParse(o.mode ?? "merge");
  if (!mode.success) throw new CliError(`--mode chỉ nhận "merge" hoặc "replace".`, `--mode takes "merge" or "replace".`);
  let baseVersion: number | null = null;
  if (o.base !== undefined) {
    if (!/^\d{1,9}$/.test(o.base)) throw new CliError("--base phải là số phiên bản (số nguyên không âm).", "--base must be a version number (a non-negative integer).");
    baseVersion = Number(o.base);
  }

  let checked = checkWorkbook(wb, { sheet: o.sheet, mapping: o.mapping, registry: o.registry, targets: o.targets, lang: o.lang, period: period.data });
  if (checked.sheets.length !== 1) throw new CliError("Bảng tính có nhiều trang số liệu; chọn một trang bằng --sheet.", "The workbook has several data sheets; pick one with --sheet.");
  let read = checked.sheets[0]!;
  // The province's mapping for this form, learned from a unit that confirmed it, unless the clerk gave one.
  const notes: string[] = [];
  const form = formFingerprint(read);
  const province = reportingUnit(unitsValidIn(o.registry, period.data), o.unit, read)?.parent ?? null;
  if (!o.mapping && province) {
    const shared = await fetchSharedMapping(o.server, province, form);
    if (shared && Object.keys(shared.mapping).length) {
      checked = checkWorkbook(wb, { sheet: read.sheet, mapping: shared.mapping, registry: o.registry, targets: o.targets, lang: o.lang, period: period.data });
      read = checked.sheets[0]!;
      notes.push(vi ? `Dùng ánh xạ cột chung của tỉnh cho biểu này (${shared.source === "province" ? "do tỉnh đặt" : `học từ ${shared.unit ?? shared.by}`}).` : `Using the province's shared column mapping for this form (${shared.source === "province" ? "set by the province" : `learned from ${shared.unit ?? shared.by}`}).`);
    }
  }
  // Whose data this is comes first: rows none of which are the clerk's units are not "errors to fix".
  const units = unitsValidIn(o.registry, period.data);
  const unit = reportingUnit(units, o.unit, read);
  if (!unit?.parent) {
    const other = o.unit ? o.registry.find((u) => u.code === o.unit) : undefined;
    if (o.unit && !other) throw new CliError(`Không có đơn vị mã "${o.unit}" trong danh mục đơn vị đã tải (của tỉnh tài khoản được phân công, hoặc --province / --registry); kiểm tra lại --unit.`, `No unit with code "${o.unit}" in the registry loaded (the account's province, or --province / --registry); check --unit.`);
    if (other) throw new CliError(`${other.name} (${other.code}) không phải đơn vị báo cáo trực thuộc tỉnh trong kỳ ${period.data} (đơn vị này tồn tại ${lifespan(other, "vi")}).`, `${other.name} (${other.code}) is not a reporting unit under a province in period ${period.data} (it existed ${lifespan(other, "en")}).`);
    throw new CliError("Không xác định được đơn vị báo cáo của bảng tính; ghi rõ bằng --unit <mã đơn vị>.", "Cannot tell the workbook's reporting unit; give it with --unit <unit code>.");
  }
  if (checked.summary.errors > 0) {
    const errors = checked.issues.filter((i) => i.severity === "error");
    return {
      code: 1,
      lines: [vi ? `Chưa gửi: bảng tính còn ${errors.length} lỗi. Sửa rồi gửi lại (xem "htct validate").` : `Not sent: the workbook has ${errors.length} errors. Fix them and submit again (see "htct validate").`,
        ...errors.slice(0, 20).map((i) => `  ✖ ${i.cells[0] ? `${i.sheet}!${i.cells[0]} ` : ""}${i.message}`)],
      json: { sent: false, issues: errors },
    };
  }
  const draft = buildSubmission(read, { province: unit.parent, unit: unit.code, period: period.data }, { baseVersion, catalogVersion: getCatalog().version, workbook: basename(o.file) });
  const parsed = SubmissionRequest.safeParse({ ...draft, mode: mode.data, source: { ...draft.source, fingerprint: await fingerprint(draft.units) } });
  if (!parsed.success) throw new CliError(`Không lập được báo cáo để gửi: ${parsed.error.issues[0]?.message ?? ""}`, `Cannot build the submission: ${parsed.error.issues[0]?.message ?? ""}`);

  const answer = await submit(o.server, parsed.data);
  if (answer.kind === "accepted") {
    const s = answer.body.summary;
    // The clerk's confirmed mapping goes to the province with the submission, for the next unit using this form.
    if (o.mapping && Object.keys(o.mapping).length) {
      const kept = await offerMapping(o.server, unit.parent, form, { mapping: shareableMapping(read, o.mapping), headers: formHeaders(read).slice(0, 400).map((h) => h.slice(0, 300)), kind: read.kind === "none" ? "units" : read.kind, sheet: read.sheet.slice(0, 100) });
      if (kept === "pending") notes.push(vi ? "Ánh xạ cột của bạn đã được gửi để cán bộ tỉnh xem xét; các đơn vị khác chỉ dùng khi tỉnh chấp nhận." : "Your column mapping was sent to the province's staff for review; other units use it only once the province accepts it.");
      else if (kept === "rejected") notes.push(vi ? "Ánh xạ cột này đã bị tỉnh từ chối trước đây; bạn vẫn dùng được trên máy mình." : "The province rejected this column mapping earlier; you can still use it on your own computer.");
    }
    return {
      code: 0,
      lines: [...notes, answer.body.unchanged
        ? (vi ? `Không có gì thay đổi: số liệu ${unit.name}, kỳ ${period.data} giống phiên bản ${answer.body.version} đang lưu (${s.unchanged} giá trị); không tạo phiên bản mới, trạng thái duyệt giữ nguyên.`
          : `Nothing changed: ${unit.name}, period ${period.data} is the same as the stored version ${answer.body.version} (${s.unchanged} values); no new version, the approval state stands.`)
        : vi
        ? `Đã gửi ${unit.name}, kỳ ${period.data}: phiên bản ${answer.body.version}; ${s.created} giá trị mới, ${s.updated} cập nhật, ${s.unchanged} không đổi, ${s.deleted} xóa.`
        : `Sent ${unit.name}, period ${period.data}: version ${answer.body.version}; ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.deleted} deleted.`],
      json: { sent: true, ...answer.body },
    };
  }
  if (answer.kind === "conflict") {
    const b = answer.body;
    return {
      code: 1,
      lines: [vi ? `Xung đột: ${b.conflicts.length} giá trị đã được người khác sửa từ phiên bản ${baseVersion ?? 0} (hiện là phiên bản ${b.currentVersion}). Không có gì được ghi.` : `Conflict: ${b.conflicts.length} values were changed by someone else since version ${baseVersion ?? 0} (now ${b.currentVersion}). Nothing was written.`,
        ...b.conflicts.slice(0, 20).map((c) => `  ${c.unit} ${c.indicator}: ${vi ? "ban đầu" : "base"} ${c.base ?? "—"}, ${vi ? "của bạn" : "mine"} ${c.mine ?? "—"}, ${vi ? "trên máy chủ" : "theirs"} ${c.theirs ?? "—"}`),
        vi ? `Xem lại trong Excel (thẻ Gửi) hoặc gửi lại với --base ${b.currentVersion} để ghi đè bằng số của bạn.` : `Review in Excel (Gửi tab) or resubmit with --base ${b.currentVersion} to overwrite with yours.`],
      json: { sent: false, ...b },
    };
  }
  // A locked period or approved unit: the server's own words, as for any refusal.
  if (answer.kind === "locked") throw refused(423, answer.body);
  return {
    code: 1,
    lines: [vi ? "Máy chủ không nhận: số liệu chưa hợp lệ." : "The server refused: the data is not valid.", ...answer.body.issues.slice(0, 20).map((i) => `  ✖ ${i.unit ?? ""} ${i.message}`)],
    json: { sent: false, ...answer.body },
  };
}

/**
 * The unit a workbook reports for, in the period's units: the one named, else the sheet's scope
 * (a district over its communes, a commune over its cells) when that is directly under a
 * province, else the one unit of a one-unit form. Null when it cannot be told.
 */
function reportingUnit(units: readonly OrgUnit[], named: string | undefined, read: SheetRead): OrgUnit | null {
  const isReporting = (u: OrgUnit | undefined) => !!u && !!u.parent && units.some((p) => p.code === u.parent && !p.parent);
  if (named) { const u = units.find((x) => x.code === named); return isReporting(u) ? u! : null; }
  const scoped = units.find((x) => x.code === read.scope);
  if (isReporting(scoped)) return scoped!;
  const rows = [...new Set(read.table.rows.filter((r) => !r.isTotal && r.unitId).map((r) => reportingUnitFor(units, r.unitId!)?.code))];
  return rows.length === 1 && rows[0] ? units.find((x) => x.code === rows[0]) ?? null : null;
}
