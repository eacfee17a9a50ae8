import { app } from "@azure/functions";
import { PeopleImportRequest, PeopleImportRow, ProvinceParams, type PeopleImportProblem, type PeopleImportResponse } from "../shared/contract/index.ts";
import { authenticate } from "./lib/auth.ts";
import { ApiError } from "./lib/errors.ts";
import { handle, json, parseParams, readBody } from "./lib/http.ts";
import { auditEntry, fieldsOf } from "./lib/people-audit.ts";
import { assertMayManage, checkPut } from "./lib/people.ts";
import { routeOf } from "./lib/route.ts";
import type { AssignmentFields } from "./store/assignment-admin.ts";
import { ImportConflict, readAllAssignments, writeImport, type ImportChange } from "./store/assignment-import.ts";
import { ready } from "./store/client.ts";
import { readOrgUnits } from "./store/reference.ts";

/** 5,000 people of a few short strings each (assignments.ts: at most 4 KiB a person, far less in practice). */
const MAX_BODY = 4 * 1024 * 1024;
/** A refusal names every bad row, up to this many (the count says how many there were). */
const MAX_PROBLEMS = 500;

/** What each field must be, as a person fixing the sheet reads it. */
const FIELD: Record<string, [string, string]> = {
  user: ["mã người dùng là tài khoản đăng nhập (mã đối tượng Entra hoặc UPN), 1–200 ký tự, không có dấu cách, / \\ # ? | %", "the user id is the sign-in identity (Entra object id or UPN), 1–200 characters, no spaces, / \\ # ? | %"],
  role: ["vai trò là clerk (cán bộ đơn vị) hoặc province (cán bộ tỉnh)", "the role is clerk or province"],
  unit: ["cần mã đơn vị", "a unit code is needed"],
  name: ["họ và tên tối đa 100 ký tự, không có ký tự điều khiển, không bắt đầu bằng = + - @", "the name is at most 100 characters, no control characters, not starting with = + - @"],
  email: ["không phải địa chỉ thư điện tử", "not an e-mail address"],
  row: ["số dòng là số nguyên dương", "the row number is a positive whole number"],
};

const same = (a: AssignmentFields | null, b: AssignmentFields) => !!a && a.role === b.role && a.unit === b.unit && (a.name ?? null) === (b.name ?? null) && (a.email ?? null) === (b.email ?? null);

/**
 * A sheet of people in one request (`htct users import`, the pane's people screen): every row
 * checked as its own PUT would be, against the rows stored when the import starts, before
 * anything is written; then written and audited as one import (store/assignment-import.ts).
 */
app.http("importAssignments", routeOf("importAssignments", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  assertMayManage(who, province);
  const { people } = await readBody(req, PeopleImportRequest, MAX_BODY);
  const t = await ready();
  const [registry, stored] = await Promise.all([readOrgUnits(t, province), readAllAssignments(t)]);
  const problems: PeopleImportProblem[] = [];
  const changes: ImportChange[] = [];
  const seen = new Map<string, number>();
  let unchanged = 0;
  people.forEach((raw, i) => {
    const claimed = typeof raw === "object" && raw !== null && "row" in raw && Number.isSafeInteger((raw as { row: unknown }).row) ? Number((raw as { row: number }).row) : i + 1;
    const userOf = typeof raw === "object" && raw !== null && typeof (raw as { user?: unknown }).user === "string" ? String((raw as { user: string }).user).slice(0, 200) : null;
    const say = (field: string, vi: string, en: string) => problems.push({ row: claimed, user: userOf, field, message: { vi: `Dòng ${claimed}: ${vi}`, en: `Row ${claimed}: ${en}` } });
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) { say("row", "mục này không phải một người (cần user, role, unit).", "this entry is not a person (it needs user, role, unit)."); return; }
    const p = PeopleImportRow.safeParse(raw);
    if (!p.success) {
      const issue = p.error.issues[0]!;
      if (issue.code === "unrecognized_keys") { say("row", `có trường không được nhận (${issue.keys.join(", ").slice(0, 80)}).`, `it has fields that are not accepted (${issue.keys.join(", ").slice(0, 80)}).`); return; }
      const field = String(issue.path[0] ?? "row");
      const [vi, en] = FIELD[field] ?? [field, field];
      say(field, `trường "${field}" không hợp lệ: ${vi}.`, `the "${field}" field is not valid: ${en}.`);
      return;
    }
    const { user, row: _row, ...put } = p.data;
    const first = seen.get(user);
    if (first !== undefined) { say("user", `người dùng "${user}" đã có ở dòng ${first}.`, `user "${user}" is already on row ${first}.`); return; }
    seen.set(user, claimed);
    const existing = stored.get(user) ?? null;
    try {
      checkPut(who, province, registry, existing?.stored ?? null, put);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      say(put.role === "province" ? "role" : "unit", e.text.vi, e.text.en);
      return;
    }
    const next: AssignmentFields = { role: put.role, unit: put.unit, name: put.name ?? null, email: put.email ?? null };
    const before = fieldsOf(existing?.stored ?? null);
    if (same(before, next)) { unchanged++; return; }
    changes.push({ user, next, before: existing, entry: auditEntry(who, "put", user, before, next) });
  });
  if (problems.length) {
    problems.sort((a, b) => a.row - b.row);
    throw new ApiError(422, "invalid", {
      vi: `Chưa phân công ai: ${problems.length} dòng có lỗi (xem từng dòng). Sửa rồi gửi lại cả danh sách.`,
      en: `No one was assigned: ${problems.length} row(s) have problems (see each row). Fix them and send the whole list again.`,
    }, { problems: problems.slice(0, MAX_PROBLEMS), problemCount: problems.length });
  }
  try {
    await writeImport(t, province, changes);
  } catch (e) {
    if (!(e instanceof ImportConflict)) throw e;
    throw new ApiError(409, "conflict", {
      vi: "Trong lúc nhập, phân công của một số người trong danh sách vừa được người khác thay đổi; chưa phân công ai. Hãy tải lại rồi gửi lại danh sách.",
      en: "While importing, someone else changed the assignment of people on the list; no one was assigned. Reload and send the list again.",
    });
  }
  const body: PeopleImportResponse = { province, written: changes.length, unchanged };
  return json(200, body);
})));
