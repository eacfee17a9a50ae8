import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, seedWorkbook } from "./run-cli.ts";

/**
 * `--registry FILE` is an entry point: a file that is not a registry, or a registry that fails
 * the whole-registry check, is refused with a clear message (exit 2), and nothing of it is used.
 */
let dir = "";
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), "htct-registry-")); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const province = { code: "01", name: "Tỉnh mẫu", level: "province", type: "tinh", parent: null };
const commune = (code: string, name: string, more: Record<string, unknown> = {}) => ({ code, name, level: "commune", type: "xa", parent: "01", ...more });

async function validateWith(content: string | Buffer, name = "reg.json") {
  const f = join(dir, name);
  await writeFile(f, content);
  return runCli(["validate", seedWorkbook("ham-tan-2012-06.xlsx"), "--registry", f]);
}

describe("a hostile --registry file gets a clear message and is not used", () => {
  const cases: [string, () => Promise<Awaited<ReturnType<typeof runCli>>>, RegExp][] = [
    ["bad JSON", () => validateWith("[{\"code\": \"01\","), /không phải JSON hợp lệ/],
    ["not an array", () => validateWith(JSON.stringify({ units: [province] })), /cần một mảng JSON/],
    ["a code's intervals overlapping", () => validateWith(JSON.stringify([province, commune("00004", "Xã mẫu 01", { validTo: "2025-07-31" }), commune("00004@2025-07-01", "Xã mẫu 02", { validFrom: "2025-07-01" })])), /mã 00004 đã dùng cho Xã mẫu 01 \(dòng 2, đến 31\/07\/2025\) trùng thời gian với Xã mẫu 02 \(từ 01\/07\/2025\)/],
    ["a reversed interval", () => validateWith(JSON.stringify([province, commune("00004", "Xã mẫu 01", { validFrom: "2025-07-01", validTo: "2025-06-30" })])), /ngày kết thúc \(2025-06-30\) trước ngày bắt đầu \(2025-07-01\)/],
    ["an unknown parent", () => validateWith(JSON.stringify([province, commune("00004", "Xã mẫu 01", { parent: "99" })])), /đơn vị cấp trên 99 không có trong danh mục/],
    ["a parent cycle", () => validateWith(JSON.stringify([province, { ...commune("00004", "Xã mẫu 01"), parent: "00005" }, { ...commune("00005", "Xã mẫu 02"), parent: "00004" }])), /vòng lặp/],
    ["an impossible date", () => validateWith(JSON.stringify([province, commune("00004", "Xã mẫu 01", { validFrom: "2025-02-30" })])), /validFrom/],
    ["too many units", () => validateWith(`[${Array.from({ length: 100_001 }, () => "0").join(",")}]`), /100001 đơn vị, vượt quá giới hạn 100000/],
    ["a file larger than any registry", async () => { const f = join(dir, "huge.json"); await writeFile(f, "["); await truncate(f, 65 * 1024 * 1024); return runCli(["validate", seedWorkbook("ham-tan-2012-06.xlsx"), "--registry", f]); }, /quá lớn \(65 MB, tối đa 64 MB\)/],
  ];
  for (const [name, run, message] of cases) {
    it(name, async () => {
      const r = await run();
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).toMatch(/chưa dùng gì|không phải JSON|cần một mảng/);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.out).toBe("");
    });
  }

  it("lists at most ten problems, then how many more", async () => {
    const units = [province, ...Array.from({ length: 15 }, (_, i) => commune(`0${1000 + i}`, `Xã mẫu ${i + 1}`, { parent: "77" }))];
    const r = await validateWith(JSON.stringify(units));
    expect(r.code).toBe(2);
    expect(r.err).toContain("có 15 lỗi");
    expect(r.err.match(/đơn vị cấp trên 77/g)).toHaveLength(10);
    expect(r.err).toContain("… và 5 lỗi khác.");
  });

  it("the same registry, well formed, is used", async () => {
    const r = await validateWith(JSON.stringify([province, commune("00004", "Xã mẫu 01", { validTo: "2025-06-30" }), commune("00004@2025-07-01", "Xã mẫu 02", { validFrom: "2025-07-01" })]), "good.json");
    expect(r.err).not.toMatch(/chưa dùng gì/);
    expect([0, 1]).toContain(r.code);
  });
});
