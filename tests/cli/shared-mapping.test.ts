import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli.ts";
import { startStack, type Stack } from "../functions/stack.ts";

/**
 * A mapping learned once, shared by the province once its staff accept it: the clerk's confirmed
 * mapping goes with the submission and waits for review; accepted, the next workbook of the same
 * form is read with it, without a mapping file.
 */
let stack: Stack;
let dir: string;
let clerk: string;
beforeAll(async () => {
  stack = await startStack();
  dir = await mkdtemp(join(tmpdir(), "htct-shared-"));
  clerk = join(dir, "clerk.token");
  await writeFile(clerk, await stack.token("clerk-BTH-HTN"));
}, 60_000);
afterAll(async () => { await stack?.close(); });

async function form(path: string, members: number[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Báo cáo");
  ws.addRow(["Đơn vị", "Số chi bộ trực thuộc", "Cột số 3"]);
  ["Xã Sơn Mỹ", "Xã Tân Đức", "Xã Tân Hà"].forEach((u, i) => ws.addRow([u, 8 + i, members[i]]));
  await wb.xlsx.writeFile(path);
}

describe("shared column mappings through htct submit", () => {
  it("offers the clerk's mapping with the submission, and the next workbook of the form is read with it", async () => {
    const first = join(dir, "a.xlsx");
    await form(first, [100, 120, 90]);
    const mapping = join(dir, "mapping.json");
    await writeFile(mapping, JSON.stringify({ C: "members.total" }));
    const before = await stack.call("GET", "/api/mappings/BTH", { user: "province-BTH" });
    expect(before.json.mappings).toEqual([]);

    const a = await runCli(["submit", first, "--server", stack.url, "--token-file", clerk, "--period", "2015", "--mapping", mapping]);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/đã được gửi để cán bộ tỉnh xem xét/);
    // Not served before the province's staff accept it.
    expect((await stack.call("GET", "/api/mappings/BTH", { user: "province-BTH" })).json.mappings).toEqual([]);
    const staff = join(dir, "staff.token");
    await writeFile(staff, await stack.token("province-BTH"));
    const queue = await runCli(["mappings", "--server", stack.url, "--token-file", staff, "--province", "BTH"]);
    expect(queue.code, queue.err).toBe(0);
    expect(queue.out).toMatch(/Đề xuất chờ duyệt \(1\)/);
    expect(queue.out).toMatch(/"Cột số 3" → Tổng số đảng viên/);
    const id = /^(o[0-9a-f]{16}) /m.exec(queue.out)?.[1];
    expect(id).toBeDefined();
    // A clerk cannot decide; staff accept.
    expect((await runCli(["mappings", "--server", stack.url, "--token-file", clerk, "--province", "BTH", "--accept", id!])).code).not.toBe(0);
    const ok = await runCli(["mappings", "--server", stack.url, "--token-file", staff, "--province", "BTH", "--accept", id!]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/Đã chấp nhận đề xuất/);
    const list = await stack.call("GET", "/api/mappings/BTH", { user: "province-BTH" });
    expect(list.json.mappings).toHaveLength(1);
    expect(list.json.mappings[0]).toMatchObject({ source: "clerk", kind: "units", mapping: { "Cột số 3": "members.total" } });

    // Without the mapping file the column is not understood, so the validator says nothing about it…
    const second = join(dir, "b.xlsx");
    await form(second, [101, 121, 91]);
    const alone = await runCli(["validate", second, "--json"]);
    expect(JSON.parse(alone.out).sheets[0].mapping.map((m: { indicator: string }) => m.indicator)).not.toContain("members.total");
    // …but submitted, it is read with the province's mapping for this form.
    const b = await runCli(["submit", second, "--server", stack.url, "--token-file", clerk, "--period", "2015", "--base", "1", "--json"]);
    expect(b.code, b.out + b.err).toBe(0);
    const answer = JSON.parse(b.out);
    expect(answer.summary.updated).toBeGreaterThanOrEqual(3);
    const text = await runCli(["submit", second, "--server", stack.url, "--token-file", clerk, "--period", "2015", "--base", String(answer.version)]);
    expect(text.out).toMatch(/Dùng ánh xạ cột chung của tỉnh cho biểu này \(học từ BTH-HTN\)/);
  });
});

describe("htct mappings: the province sees and corrects the shared mappings", () => {
  it("lists them, sets the province's own, rejects an offer, and refuses bad arguments with a plain message", async () => {
    const staff = join(dir, "staff.token");
    const list = await runCli(["mappings", "--server", stack.url, "--token-file", staff, "--province", "BTH", "--json"]);
    expect(list.code).toBe(0);
    const fp = JSON.parse(list.out).mappings[0].fingerprint as string;
    const text = await runCli(["mappings", "--server", stack.url, "--token-file", staff, "--province", "BTH"]);
    expect(text.out).toMatch(new RegExp(`${fp}  units "Báo cáo"  học từ BTH-HTN, \\S+, 1 đơn vị đã dùng`));
    expect(text.out).toMatch(/"Cột số 3" → Tổng số đảng viên/);

    const fixed = join(dir, "fixed.json");
    await writeFile(fixed, JSON.stringify({ "Cột số 3": "members.total", "Số chi bộ trực thuộc": "party.cells" }));
    const set = await runCli(["mappings", "--server", stack.url, "--token-file", staff, "--province", "BTH", "--form", fp, "--mapping", fixed]);
    expect(set.code).toBe(0);
    expect(set.out).toMatch(/Đã đặt ánh xạ của tỉnh/);
    const after = await stack.call("GET", `/api/mappings/BTH/${fp}`, { user: "clerk-BTH-HTN" });
    expect(after.json).toMatchObject({ source: "province", mapping: { "Số chi bộ trực thuộc": "party.cells" } });

    const bad = join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ "Cột số 3": "members.nonexistent" }));
    for (const args of [
      ["--form", "zzz", "--mapping", fixed],
      ["--form", "f0000000000000000", "--mapping", fixed],
      ["--form", fp, "--mapping", bad],
      ["--form", fp],
      ["--mapping", fixed],
      ["--accept", "zzz"],
      ["--accept", "o0000000000000000", "--reject", "o0000000000000000"],
      ["--accept", "o0000000000000000", "--form", fp],
    ]) {
      const r = await runCli(["mappings", "--server", stack.url, "--token-file", staff, "--province", "BTH", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(/^(Lỗi|Error)?.*\S/);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    }
    const mine = join(dir, "mine.json");
    await writeFile(mine, JSON.stringify({ "Cột số 3": "members.total" }));
    const clerkSet = await runCli(["mappings", "--server", stack.url, "--token-file", clerk, "--province", "BTH", "--form", fp, "--mapping", mine]);
    expect(clerkSet.code).toBe(1);
    expect(clerkSet.out).toMatch(/chỉ cán bộ tỉnh/);
    // That clerk's offer waits; rejected, it is never served.
    const waiting = JSON.parse((await runCli(["mappings", "--server", stack.url, "--token-file", staff, "--province", "BTH", "--json"])).out).offers;
    expect(waiting).toHaveLength(1);
    const no = await runCli(["mappings", "--server", stack.url, "--token-file", staff, "--province", "BTH", "--reject", waiting[0].id]);
    expect(no.code, no.err).toBe(0);
    expect(no.out).toMatch(/Đã từ chối đề xuất/);
    expect((await stack.call("GET", `/api/mappings/BTH/${fp}`, { user: "clerk-BTH-HTN" })).json.mapping).toMatchObject({ "Số chi bộ trực thuộc": "party.cells" });
    const unknown = await runCli(["mappings", "--server", stack.url, "--token-file", staff, "--province", "BTH", "--reject", "o0000000000000000"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toMatch(/Không có đề xuất ánh xạ/);
  });
});
