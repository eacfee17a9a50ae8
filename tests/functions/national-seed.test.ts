import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrgUnitsResponse } from "../../shared/contract/index.ts";
import { checkProvinceRegistry } from "../../functions/lib/registry-admin.ts";
import { nationalProvinceRegistries, seedNationalProvinces } from "../../scripts/seed-national.ts";
import { startStack, type Stack } from "./stack.ts";

/**
 * Day one for a real province: the local stack's seed writes every province's part of the
 * national registry, so staff the operator adds find their communes there and can import the
 * registry back (it passes the same check a province's import does); a seed run later never
 * overwrites what a province has loaded since.
 */
let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

const provinces = nationalProvinceRegistries();
const named = (name: string) => provinces.find((p) => p.province.name === name)!;

describe("the national registry in the seed", () => {
  it("gives each of the 34 provinces since 1 July 2025 its communes and their predecessors, each passing a province import's check", () => {
    expect(provinces).toHaveLength(34);
    const communes = provinces.flatMap((p) => p.units.filter((u) => u.parent === p.province.code && u.level === "commune" && u.validFrom === "2025-07-01"));
    expect(communes).toHaveLength(3321);
    for (const p of provinces) expect(checkProvinceRegistry(p.province.code, p.units).problems, p.province.name).toEqual([]);
    // A merged province carries its predecessors' districts and communes, for reconstructed comparisons.
    const tayNinh = named("Tây Ninh");
    expect(tayNinh.province.code).toBe("80@2025-07-01");
    expect(tayNinh.units.some((u) => u.level === "district" && u.validTo === "2025-06-30")).toBe(true);
  });

  it("is loaded into the stack: a real province's staff, added by the operator, read their communes and can import them back; seeding again keeps a province's own registry", async () => {
    const written = await seedNationalProvinces(s.table);
    expect(written).toHaveLength(34);
    const tayNinh = named("Tây Ninh").province.code;
    const path = encodeURIComponent(tayNinh);
    const added = await s.call("PUT", `/api/assignments/${path}/can-bo-tay-ninh`, { user: "admin", body: { role: "province", unit: tayNinh, name: "Cán bộ mẫu 01" } });
    expect(added.status, JSON.stringify(added.json)).toBe(200);
    const read = await s.call("GET", `/api/orgunits/${path}`, { user: "can-bo-tay-ninh" });
    expect(read.status).toBe(200);
    const units = OrgUnitsResponse.parse(read.json).units;
    expect(units.filter((u) => u.parent === tayNinh && u.validFrom === "2025-07-01")).toHaveLength(96);
    expect(units.find((u) => u.name === "Tân Thạnh" && u.parent === tayNinh)?.type).toBe("xa");
    // A commune whose code the statistics office reused is addressed by its id, "@" and all.
    const reused = units.find((u) => u.parent === tayNinh && u.code.includes("@"))!;
    const clerk = await s.call("PUT", `/api/assignments/${path}/van-thu-tay-ninh`, { user: "can-bo-tay-ninh", body: { role: "clerk", unit: reused.code } });
    expect(clerk.status, JSON.stringify(clerk.json)).toBe(200);
    expect((await s.call("GET", "/api/me", { user: "van-thu-tay-ninh" })).json.assignments[0]).toMatchObject({ role: "clerk", unit: reused.code });
    // The province loads its registry again with one party cell of its own: the seed keeps it.
    const commune = units.find((u) => u.parent === tayNinh && u.validFrom === "2025-07-01")!;
    const cell = { code: "TN-CB-MAU-01", name: "Chi bộ mẫu 01", level: "cell", type: "chi_bo", parent: commune.code, validFrom: "2025-07-01", sample: true, aliases: [] };
    const imported = await s.call("POST", `/api/orgunits/${path}/import`, { user: "can-bo-tay-ninh", body: { units: [...units, cell] } });
    expect(imported.status, JSON.stringify(imported.json).slice(0, 500)).toBe(200);
    expect(await seedNationalProvinces(s.table)).toEqual([]);
    const after = OrgUnitsResponse.parse((await s.call("GET", `/api/orgunits/${path}`, { user: "can-bo-tay-ninh" })).json).units;
    expect(after.some((u) => u.code === "TN-CB-MAU-01")).toBe(true);
  }, 120_000);
});
