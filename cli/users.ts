import type ExcelJS from "exceljs";
import { AssignmentPut, UnitCode, UserId, readPeopleSheet, type AssignmentsResponse, type PersonProblem } from "../shared/contract/index.ts";
import { provinceOfUnit, type Lang } from "../shared/index.ts";
import { fetchAssignments, fetchOrgUnits, importAssignments, putAssignment, revokeAssignment, type Server } from "./api-client.ts";
import { CliError } from "./errors.ts";
import { worksheetGrid } from "./xlsx-grid.ts";

export interface UsersResult { code: 0 | 1; lines: string[]; json: unknown }

export function provinceOption(raw: string | undefined): string {
  const p = UnitCode.safeParse(raw);
  if (!p.success) throw new CliError("Thiếu hoặc sai --province <mã tỉnh>.", "Missing or invalid --province <province code>.");
  return p.data;
}

function userOption(raw: string | undefined): string {
  const u = UserId.safeParse(raw);
  if (!u.success) throw new CliError("Thiếu hoặc sai --user <tài khoản đăng nhập: mã đối tượng Entra hoặc UPN>.", "Missing or invalid --user <the sign-in identity: Entra object id or UPN>.");
  return u.data;
}

/** One line per person: id, role, unit, name or e-mail. */
export function listLines(r: AssignmentsResponse, lang: Lang): string[] {
  const vi = lang === "vi";
  if (!r.assignments.length) return [vi ? `Tỉnh ${r.province} chưa có người dùng nào.` : `Province ${r.province} has no users.`];
  const role = (x: string) => (x === "province" ? (vi ? "cán bộ tỉnh" : "province staff") : (vi ? "cán bộ đơn vị" : "clerk"));
  return [
    vi ? `Người dùng của tỉnh ${r.province} (${r.assignments.length}):` : `Users of province ${r.province} (${r.assignments.length}):`,
    ...r.assignments.map((a) => `  ${a.user}\t${role(a.role)}${a.levels?.length ? (vi ? ` (cấp duyệt ${a.levels.join(", ")})` : ` (approval level ${a.levels.join(", ")})`) : ""}\t${a.unit}${a.unitName ? ` (${a.unitName})` : ""}\t${[a.name, a.email].filter(Boolean).join(" · ") || "—"}`),
  ];
}

export async function listUsers(server: Server, province: string, lang: Lang): Promise<UsersResult> {
  const r = await fetchAssignments(server, province);
  return { code: 0, lines: listLines(r, lang), json: r };
}

/** `--levels 1,2`: the approval levels a province staff member may act at (shared/approval/levels.ts). */
function levelsOption(raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const parts = raw.split(",").map((s) => s.trim());
  if (!parts.every((p) => /^[1-5]$/.test(p)) || new Set(parts).size !== parts.length) throw new CliError(`--levels nhận các cấp duyệt từ 1 đến 5, cách nhau bằng dấu phẩy (ví dụ 1,2), không phải "${raw.slice(0, 20)}".`, `--levels takes approval levels 1 to 5 separated by commas (e.g. 1,2), not "${raw.slice(0, 20)}".`);
  return parts.map(Number);
}

export async function addUser(server: Server, province: string, o: { user?: string; role?: string; unit?: string; name?: string; email?: string; levels?: string }, lang: Lang): Promise<UsersResult> {
  const user = userOption(o.user);
  const levels = levelsOption(o.levels);
  const body = AssignmentPut.safeParse({ role: o.role, unit: o.unit, ...(o.name !== undefined ? { name: o.name } : {}), ...(o.email !== undefined ? { email: o.email } : {}), ...(levels ? { levels } : {}) });
  if (!body.success) {
    const field = String(body.error.issues[0]?.path[0] ?? "");
    const said: Record<string, [string, string]> = {
      role: ["--role phải là clerk (cán bộ đơn vị) hoặc province (cán bộ tỉnh).", "--role must be clerk or province."],
      unit: ["Thiếu hoặc sai --unit <mã đơn vị>.", "Missing or invalid --unit <unit code>."],
      name: ["--name: 1–100 ký tự, không có ký tự điều khiển, không bắt đầu bằng = + - @.", "--name: 1–100 characters, no control characters, not starting with = + - @."],
      email: ["--email không phải địa chỉ thư điện tử hợp lệ.", "--email is not a valid e-mail address."],
    };
    const [vi, en] = said[field] ?? ["Tham số không hợp lệ.", "Invalid options."];
    throw new CliError(vi, en);
  }
  const r = await putAssignment(server, province, user, body.data);
  const a = r.assignment!;
  const lv = a.levels?.length ? (lang === "vi" ? `, cấp duyệt ${a.levels.join(", ")}` : `, approval level ${a.levels.join(", ")}`) : "";
  return { code: 0, json: r, lines: [lang === "vi" ? `Đã phân công ${user}: ${a.role === "province" ? "cán bộ tỉnh" : "cán bộ đơn vị"} ${a.unit}${a.unitName ? ` (${a.unitName})` : ""}${lv}.` : `Assigned ${user}: ${a.role} of ${a.unit}${a.unitName ? ` (${a.unitName})` : ""}${lv}.`] };
}

export async function revokeUser(server: Server, province: string, rawUser: string | undefined, lang: Lang): Promise<UsersResult> {
  const user = userOption(rawUser);
  await revokeAssignment(server, province, user);
  return { code: 0, json: { province, user, revoked: true }, lines: [lang === "vi" ? `Đã thu hồi phân công của ${user} trong tỉnh ${province}.` : `Revoked ${user}'s assignment in province ${province}.`] };
}

/**
 * A sheet of people: every row checked here, and every clerk's unit against the province's
 * registry on the server, before anything is sent; then sent as one import, which the server
 * writes all or nothing. One bad row and nothing is written.
 */
export async function importUsers(server: Server, province: string, wb: ExcelJS.Workbook, sheet: string | undefined, lang: Lang): Promise<UsersResult> {
  const vi = lang === "vi";
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets.find((s) => s.state === "visible" && s.actualRowCount > 0);
  if (!ws) throw new CliError(sheet ? `Không có trang tính "${sheet}".` : "Bảng tính không có trang tính nào có dữ liệu.", sheet ? `No sheet named "${sheet}".` : "The workbook has no sheet with data.");
  const { people, problems } = readPeopleSheet(worksheetGrid(ws).values);
  const all: PersonProblem[] = [...problems];
  if (people.some((p) => p.put.role === "clerk")) {
    const { units } = await fetchOrgUnits(server, province);
    for (const p of people) {
      if (p.put.role === "clerk" && (provinceOfUnit(units, p.put.unit)?.code !== province || p.put.unit === province)) all.push({ row: p.row, field: "unit", message: { vi: `Dòng ${p.row}: đơn vị ${p.put.unit} không có trong danh mục của tỉnh ${province}.`, en: `Row ${p.row}: unit ${p.put.unit} is not in province ${province}'s registry.` } });
    }
  }
  for (const p of people) {
    if (p.put.role === "province" && p.put.unit !== province) all.push({ row: p.row, field: "unit", message: { vi: `Dòng ${p.row}: cán bộ tỉnh được phân công cho chính tỉnh ${province}.`, en: `Row ${p.row}: province staff are assigned to the province itself (${province}).` } });
  }
  if (all.length) {
    all.sort((a, b) => a.row - b.row);
    return { code: 1, json: { province, written: 0, problems: all }, lines: [vi ? `Chưa ghi ai: ${all.length} lỗi trên trang "${ws.name}". Sửa rồi chạy lại.` : `No one written: ${all.length} problems on sheet "${ws.name}". Fix them and run again.`, ...all.map((p) => `  ✖ ${p.message[lang]}`)] };
  }
  // One request, all or nothing: the server checks every row again (rights, people assigned
  // elsewhere) and names each one it refuses, with nothing written.
  const r = await importAssignments(server, province, people.map((p) => ({ row: p.row, user: p.user, ...p.put })));
  if (!r.ok) {
    const named = r.refused.problems;
    const more = r.refused.problemCount - named.length;
    return {
      code: 1, json: { province, written: 0, problems: named, problemCount: r.refused.problemCount },
      lines: [
        vi ? `Chưa ghi ai: máy chủ từ chối ${r.refused.problemCount} dòng trên trang "${ws.name}". Sửa rồi chạy lại.` : `No one written: the server refused ${r.refused.problemCount} rows on sheet "${ws.name}". Fix them and run again.`,
        ...named.map((p) => `  ✖ ${p.message[lang]}`),
        ...(more > 0 ? [vi ? `  … và ${more} dòng nữa.` : `  … and ${more} more rows.`] : []),
      ],
    };
  }
  const { written, unchanged } = r.body;
  return { code: 0, json: { province, written, unchanged, problems: [] }, lines: [vi ? `Đã phân công ${written} người từ trang "${ws.name}"${unchanged ? `; ${unchanged} người đã được phân công đúng như vậy từ trước` : ""}.` : `Assigned ${written} people from sheet "${ws.name}"${unchanged ? `; ${unchanged} were already assigned so` : ""}.`] };
}
