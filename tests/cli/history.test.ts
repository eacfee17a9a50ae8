import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./run-cli.ts";
import { idem, startStack, submission, type Stack } from "../functions/stack.ts";
import { communeValues } from "../../scripts/demo.ts";
import { csvRows } from "../support/csv-rows.ts";

/** `htct history` against the real stack (Azurite and the local functions host), read as its CSV. */
let stack: Stack;
let dir: string;
let staff: string;

beforeAll(async () => {
  stack = await startStack();
  dir = await mkdtemp(join(tmpdir(), "htct-history-"));
  staff = join(dir, "staff.token");
  await writeFile(staff, await stack.token("province-TST"));
  const first = submission("TST-D02");
  expect((await stack.call("POST", "/api/submissions", { user: "clerk-TST-D02", headers: idem(), body: first })).status).toBe(200);
  const second = { ...first, baseVersion: 1, units: [{ unit: "TST-D02-M03", values: communeValues(777) }] };
  expect((await stack.call("POST", "/api/submissions", { user: "clerk-TST-D02", headers: idem(), body: second })).status).toBe(200);
}, 120_000);
afterAll(async () => { await stack?.close(); });

async function historyFile(lang: "vi" | "en"): Promise<Record<string, string>[]> {
  const out = join(dir, `history-${lang}.csv`);
  const r = await runCli(["history", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "--unit", "TST-D02", "-o", out, "--lang", lang]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  const [head, ...rows] = csvRows((await readFile(out, "utf8")).replace(/^\uFEFF/, ""));
  return rows.map((row) => Object.fromEntries(head!.map((h, i) => [h, row[i] ?? ""])));
}

describe("htct history", () => {
  it("writes units by name (codes in their own column), times in Vietnam time and senders by name", async () => {
    const rows = await historyFile("vi");
    const api = (await stack.call("GET", "/api/submissions/TST/2015/TST-D02", { user: "province-TST" })).json;
    expect(api.people["clerk-TST-D02"]).toBe("Cán bộ Huyện mẫu TST 2");
    expect(api.names["TST-D02-M03"]).toBe("Xã mẫu 2.3");
    expect(rows.length).toBeGreaterThan(1);
    // The latest version's change of Xã mẫu 2.3: its name under "Đơn vị", its code under "Mã đơn vị".
    const v2 = rows.filter((r) => r["Phiên bản"] === "2");
    expect(v2.length).toBeGreaterThan(0);
    expect(new Set(v2.map((r) => r["Đơn vị"]))).toEqual(new Set(["Xã mẫu 2.3"]));
    expect(new Set(v2.map((r) => r["Mã đơn vị"]))).toEqual(new Set(["TST-D02-M03"]));
    // The indicator by its label, its code beside it.
    const members = v2.find((r) => r["Mã chỉ tiêu"] === "members.total");
    expect(members?.["Chỉ tiêu"]).toBe("Tổng số đảng viên");
    // Vietnam time as the detail sheet writes it (dd/mm/yyyy hh:mm, UTC+7), never an ISO stamp.
    const at = api.entries.find((e: { version: number }) => e.version === 2).at as string;
    const vn = new Date(Date.parse(at) + 7 * 3_600_000);
    const p = (n: number) => String(n).padStart(2, "0");
    expect(v2[0]!["Gửi lúc (giờ Việt Nam)"]).toBe(`${p(vn.getUTCDate())}/${p(vn.getUTCMonth() + 1)}/${vn.getUTCFullYear()} ${p(vn.getUTCHours())}:${p(vn.getUTCMinutes())}`);
    expect(v2[0]!["Người gửi"]).toBe("Cán bộ Huyện mẫu TST 2");
    expect(v2[0]!["Chế độ"]).toMatch(/^(Gộp|Thay thế)$/);
    // Nothing a reader sees is a login or an ISO time; codes only under the two code columns.
    const shown = rows.flatMap((r) => Object.entries(r).filter(([h]) => h !== "Mã đơn vị" && h !== "Mã chỉ tiêu").map(([, v]) => v));
    expect(shown.filter((v) => /clerk-|province-|^\d{4}-\d\d-\d\dT|^TST-D\d\d/.test(v))).toEqual([]);
  });
  it("has the same columns in English", async () => {
    const rows = await historyFile("en");
    expect(Object.keys(rows[0]!)).toEqual(["Version", "Submitted (Vietnam time)", "Submitted by", "Mode", "Workbook", "Sheet", "Fingerprint", "Created", "Updated", "Unchanged", "Deleted", "Unit", "Unit code", "Indicator", "Indicator code", "Old value", "New value"]);
    expect(rows.find((r) => r["Unit code"] === "TST-D02-M03")?.Unit).toBe("Xã mẫu 2.3");
    expect(rows[0]!["Submitted by"]).toBe("Cán bộ Huyện mẫu TST 2");
  });
});
