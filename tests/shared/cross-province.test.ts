import { describe, expect, it } from "vitest";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { nationalRegistry } from "../../seeds/national.ts";
import { nationallyLinkedProvinces, predecessorProvinces } from "../../shared/registry/cross-province.ts";
import type { OrgUnit } from "../../shared/registry/orgunits.ts";

/** Issue 17: the one rule by which a reader reads another province's figures without its rights. */
describe("provinces the national registry links", () => {
  it("in the seed registry: Lâm Đồng with Bình Thuận, Đắk Nông and the old Lâm Đồng both ways, nothing else", () => {
    expect([...nationallyLinkedProvinces(REGISTRY, "LDG")]).toEqual(["BTH", "67", "68"]);
    expect([...nationallyLinkedProvinces(REGISTRY, "BTH")]).toEqual(["LDG"]);
    expect([...nationallyLinkedProvinces(REGISTRY, "67")]).toEqual(["LDG"]);
    // Its predecessors alone, for reading their own figures: never the other way round.
    expect([...predecessorProvinces(REGISTRY, "LDG")]).toEqual(["BTH", "67", "68"]);
    expect([...predecessorProvinces(REGISTRY, "BTH")]).toEqual([]);
    for (const p of ["LCU", "TTH", "BTR", "TST"]) expect([...nationallyLinkedProvinces(REGISTRY, p)], p).toEqual([]);
  });

  it("in the real registry: Lâm Đồng since 1 July 2025 reads Bình Thuận, Đắk Nông and the old Lâm Đồng; Cao Bằng, one province throughout, no other", () => {
    const units = nationalRegistry();
    const province = (name: string, current: boolean) => units.find((u) => u.parent === null && u.name === name && (current ? !u.validTo : !!u.validTo))!;
    const names = (code: string) => [...nationallyLinkedProvinces(units, code)].map((c) => units.find((u) => u.code === c)!.name).sort();
    expect(names(province("Lâm Đồng", true).code)).toEqual(["Bình Thuận", "Lâm Đồng", "Đắk Nông"].sort());
    expect(names(province("Bình Thuận", false).code)).toEqual(["Lâm Đồng"]);
    // Cao Bằng kept its borders and its code: its figures before and after are its own partition's.
    expect(names(province("Cao Bằng", true).code)).toEqual([]);
  });

  it("follows the national registry alone: a link in another registry (a province's own import) adds nothing", () => {
    const declared: OrgUnit[] = [...REGISTRY, { code: "LCU-X1", name: "Xã mẫu X1", level: "commune", type: "xa", parent: "LCU", sample: true, aliases: [], predecessors: ["TTH-HUE"] }];
    expect([...nationallyLinkedProvinces(declared, "LCU")]).toEqual(["TTH"]);
    expect([...nationallyLinkedProvinces(REGISTRY, "LCU")]).toEqual([]);
  });
});
