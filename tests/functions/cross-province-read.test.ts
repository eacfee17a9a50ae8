import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../functions/lib/auth.ts";
import { ApiError } from "../../functions/lib/errors.ts";
import { idem, startStack, submission, type Stack } from "./stack.ts";

/**
 * Issue 17: reading another province's figures needs the national registry's link between the
 * two provinces or that province's own rights, checked where its partition is read (besides
 * confining the registry to national links). Both ways, against Azurite.
 */
let s: Stack;
let assertCrossProvinceReader: typeof import("../../functions/lib/cross-province.ts").assertCrossProvinceReader;
beforeAll(async () => {
  s = await startStack();
  ({ assertCrossProvinceReader } = await import("../../functions/lib/cross-province.ts"));
  const r = await s.call("POST", "/api/submissions", { user: "clerk-BTH-HTN", headers: idem(), body: submission("BTH-HTN", { period: "2024" }) });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
}, 60_000);
afterAll(async () => { await s?.close(); });

const who = (user: string, role: Principal["assignment"]["role"], unit: string | null): Principal => ({ user, displayName: user, assignment: { user, role, unit } });

describe("another province's figures", () => {
  it("are read along a national link by a reader holding no right on that province", async () => {
    // Lâm Đồng's clerks hold nothing in Bình Thuận, and get 403 there directly (its staff read
    // the old province's own figures, read only: tests/functions/past-rollup.test.ts)…
    expect((await s.call("GET", "/api/rollups/BTH/2024", { user: "clerk-LDG-M01" })).status).toBe(403);
    // …but Lâm Đồng's 2024, in its 2026 communes, is Bình Thuận's figures rebuilt: the national registry links the two.
    const bth = await s.call("GET", "/api/rollups/BTH/2024", { user: "province-BTH" });
    for (const user of ["province-LDG", "clerk-LDG-M01"]) {
      const r = await s.call("GET", "/api/rollups/LDG/2024/in/2026", { user });
      expect(r.status, user).toBe(200);
      expect(r.json.totals.from, user).toEqual(["BTH"]);
      expect(r.json.totals.values["members.total"], user).toBe(bth.json.totals["members.total"]);
      expect(r.json.totals.values["members.total"], user).toBeGreaterThan(0);
    }
    await expect(assertCrossProvinceReader(s.table, who("province-LDG", "province", "LDG"), "LDG", "BTH")).resolves.toBeUndefined();
    await expect(assertCrossProvinceReader(s.table, null, "BTH", "LDG")).resolves.toBeUndefined();
  });

  it("are refused without a national link unless the reader holds that province's own rights", async () => {
    const refused = async (p: Promise<void>) => {
      const e = await p.then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).status).toBe(403);
      expect((e as ApiError).text.vi).toMatch(/^Số liệu của tỉnh LCU chỉ được đọc cho tỉnh TST khi danh mục đơn vị hành chính quốc gia nối hai tỉnh/);
    };
    // TST and Lai Châu: no national link.
    await refused(assertCrossProvinceReader(s.table, who("province-TST", "province", "TST"), "TST", "LCU"));
    await refused(assertCrossProvinceReader(s.table, who("clerk-TST-D01", "clerk", "TST-D01"), "TST", "LCU"));
    await refused(assertCrossProvinceReader(s.table, who("job-consolidation", "job", null), "TST", "LCU"));
    await refused(assertCrossProvinceReader(s.table, null, "TST", "LCU"));
    // A clerk of a unit in another province is not Lai Châu's reader either.
    await refused(assertCrossProvinceReader(s.table, who("clerk-BTH-HTN", "clerk", "BTH-HTN"), "TST", "LCU"));
    // Lai Châu's own staff and clerks hold its rights (checked against Lai Châu's registry in storage).
    await expect(assertCrossProvinceReader(s.table, who("province-LCU", "province", "LCU"), "TST", "LCU")).resolves.toBeUndefined();
    await expect(assertCrossProvinceReader(s.table, who("clerk-LCU-NNH", "clerk", "LCU-NNH"), "TST", "LCU")).resolves.toBeUndefined();
    // A province with no registry stored gives no rights to anyone.
    await expect(assertCrossProvinceReader(s.table, who("province-ZZZ", "province", "ZZZ"), "TST", "ZZZ")).rejects.toMatchObject({ status: 403 });
  });
});
