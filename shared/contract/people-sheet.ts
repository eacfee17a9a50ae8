import { AssignmentPut, UserId } from "./assignments.ts";
import type { Message } from "./errors.ts";

/**
 * A sheet of people (one a row: user id, role, unit, name, e-mail) read into assignments, every
 * bad row named so the whole sheet can be refused before anything is sent.
 */
export interface PersonRow { row: number; user: string; put: AssignmentPut }
export interface PersonProblem { row: number; field: string; message: Message }
export interface PeopleSheet { people: PersonRow[]; problems: PersonProblem[] }

/** A province has a few thousand clerks at most; a longer sheet is not a people sheet. */
export const MAX_PEOPLE_ROWS = 5000;

const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase().replace(/\s+/g, " ").trim();

/** Header words by column, folded (no tone marks, lower case), as staff write them. */
const HEADERS: Record<"user" | "role" | "unit" | "name" | "email", readonly string[]> = {
  user: ["ma nguoi dung", "tai khoan", "ten dang nhap", "user", "user id", "id"],
  role: ["vai tro", "role"],
  unit: ["ma don vi", "unit", "unit code"],
  name: ["ho va ten", "ho ten", "name", "display name"],
  email: ["thu dien tu", "email", "e-mail"],
};

const ROLES: Record<string, "clerk" | "province"> = {
  clerk: "clerk", "can bo don vi": "clerk", "don vi": "clerk",
  province: "province", "can bo tinh": "province", "can bo cap tinh": "province", tinh: "province",
};

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "object" && "text" in v && typeof (v as { text: unknown }).text === "string") return (v as { text: string }).text.trim();
  if (typeof v === "object" && "result" in v) return cellText((v as { result: unknown }).result);
  return "";
}

const problem = (row: number, field: string, vi: string, en: string): PersonProblem => ({ row, field, message: { vi, en } });

/** Reads a grid (rows of cell values, 1-based row numbers as the sheet shows them). */
export function readPeopleSheet(grid: readonly (readonly unknown[])[]): PeopleSheet {
  const headerAt = grid.findIndex((r) => r.some((c) => HEADERS.user.includes(fold(cellText(c)))));
  if (headerAt < 0) return { people: [], problems: [problem(1, "user", "Không thấy cột \"Mã người dùng\" (tài khoản đăng nhập) trong trang tính.", "No \"user id\" column (the sign-in identity) in the sheet.")] };
  const header = grid[headerAt]!.map((c) => fold(cellText(c)));
  const col = Object.fromEntries(Object.entries(HEADERS).map(([k, words]) => [k, header.findIndex((h) => words.includes(h))])) as Record<keyof typeof HEADERS, number>;
  const problems: PersonProblem[] = [];
  for (const k of ["role", "unit"] as const) if (col[k] < 0) problems.push(problem(headerAt + 1, k, `Thiếu cột "${k === "role" ? "Vai trò" : "Mã đơn vị"}".`, `No "${k}" column.`));
  if (problems.length) return { people: [], problems };
  const body = grid.slice(headerAt + 1);
  if (body.length > MAX_PEOPLE_ROWS) return { people: [], problems: [problem(headerAt + 2, "user", `Trang tính có quá ${MAX_PEOPLE_ROWS} dòng.`, `The sheet has more than ${MAX_PEOPLE_ROWS} rows.`)] };
  const people: PersonRow[] = [];
  const seen = new Map<string, number>();
  body.forEach((r, i) => {
    const row = headerAt + 2 + i;
    const get = (k: keyof typeof HEADERS) => (col[k] >= 0 ? cellText(r[col[k]]) : "");
    const user = get("user");
    if (!user && !get("role") && !get("unit") && !get("name") && !get("email")) return;
    const id = UserId.safeParse(user);
    if (!id.success) { problems.push(problem(row, "user", `Dòng ${row}: mã người dùng "${user.slice(0, 60)}" không hợp lệ (tài khoản đăng nhập Entra: mã đối tượng hoặc UPN).`, `Row ${row}: user id "${user.slice(0, 60)}" is not valid (the Entra sign-in: object id or UPN).`)); return; }
    const first = seen.get(user);
    if (first !== undefined) { problems.push(problem(row, "user", `Dòng ${row}: người dùng "${user}" đã có ở dòng ${first}.`, `Row ${row}: user "${user}" is already on row ${first}.`)); return; }
    seen.set(user, row);
    const role = ROLES[fold(get("role"))];
    if (!role) { problems.push(problem(row, "role", `Dòng ${row}: vai trò "${get("role").slice(0, 40)}" không hợp lệ (clerk hoặc province).`, `Row ${row}: role "${get("role").slice(0, 40)}" is not valid (clerk or province).`)); return; }
    const candidate = { role, unit: get("unit"), ...(get("name") ? { name: get("name") } : {}), ...(get("email") ? { email: get("email") } : {}) };
    const p = AssignmentPut.safeParse(candidate);
    if (!p.success) {
      const field = String(p.error.issues[0]?.path[0] ?? "unit");
      const label: Record<string, [string, string]> = { unit: ["mã đơn vị", "unit code"], name: ["họ và tên (tối đa 100 ký tự, không bắt đầu bằng = + - @)", "name (at most 100 characters, not starting with = + - @)"], email: ["thư điện tử", "e-mail address"] };
      const [vi, en] = label[field] ?? [field, field];
      problems.push(problem(row, field, `Dòng ${row}: ${vi} không hợp lệ.`, `Row ${row}: the ${en} is not valid.`));
      return;
    }
    people.push({ row, user, put: p.data });
  });
  if (!people.length && !problems.length) problems.push(problem(headerAt + 2, "user", "Trang tính không có người nào.", "The sheet lists no one."));
  return { people, problems };
}
