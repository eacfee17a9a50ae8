import { describe, expect, it } from "vitest";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { checkRegistry, getCatalog, reconstruct, reconstructInUnits, reconstructionNote, rollupTree, sourcesIn, unitsValidIn, type Values } from "../../shared/index.ts";

const catalog = getCatalog();
const commune = (members: number, htxsnv: number): Values => ({ "members.total": members, "members.grade.htxsnv": htxsnv, "party.cells": 3 });

/** Hàm Tân's ten communes in 2024, rolled up the old way (communes → district → province). */
function figures2024(): Map<string, Values> {
  const raw = new Map<string, Record<string, number>>();
  for (let i = 1; i <= 10; i++) raw.set(`BTH-HTN-${String(i).padStart(2, "0")}`, commune(100 * i, 10 * i));
  const tree = rollupTree(catalog, unitsValidIn(REGISTRY, "2024"), "BTH", raw);
  return new Map([...tree].map(([k, n]) => [k, n.values]));
}

describe("reconstruction in the units of a later period", () => {
  it("the demo registry is consistent (predecessors ended the day before their successors began)", () => {
    expect(checkRegistry(REGISTRY).problems).toEqual([]);
  });

  it("a merged commune's 2024 figures are its predecessors' summed, rates recomputed, flagged as reconstructed", () => {
    const r = reconstruct(catalog, REGISTRY, "LDG-M01", "2024", figures2024());
    expect(r.reconstructed).toBe(true);
    expect(r.from.sort()).toEqual(["BTH-HTN-01", "BTH-HTN-02"]);
    expect(r.values["members.total"]).toBe(300);
    expect(r.values["members.grade.htxsnv"]).toBe(30);
    expect(r.values["members.htxsnv_rate"]).toBeCloseTo(10, 9);
    expect(r.split).toEqual([]);
    expect(r.approximate).toEqual([]);
  });

  it("a successor of a split commune is approximate, and says which figures", () => {
    const r = reconstruct(catalog, REGISTRY, "LDG-M02", "2024", figures2024());
    expect(r.values["members.total"]).toBe(300 + 400 + 800);
    expect(r.split).toEqual(["BTH-HTN-08"]);
    expect(r.approximate).toContain("members.total");
    expect(r.approximate).toContain("members.htxsnv_rate");
  });

  it("a unit with no predecessor in the registry has nothing to compare with, and says so", () => {
    const r = reconstruct(catalog, REGISTRY, "LDG-M05", "2024", figures2024());
    expect(r.values).toEqual({});
    expect(r.missing).toEqual(["LDG-M05"]);
  });

  it("the new province in 2024 is its predecessor province, not the sum of overlapping communes", () => {
    const f = figures2024();
    const r = reconstruct(catalog, REGISTRY, "LDG", "2024", f);
    expect(r.from).toEqual(["BTH"]);
    expect(r.values["members.total"]).toBe(f.get("BTH")!["members.total"]);
    expect(r.values["members.total"]).toBe(5500);
  });

  it("the new province's total lacks the predecessors with no figures, by the registry's names", () => {
    const r = reconstruct(catalog, REGISTRY, "LDG", "2024", figures2024());
    expect(r.missing).toEqual(["67", "68"]);
    const rec = reconstructInUnits(catalog, REGISTRY, "LDG", "2024", "2026", new Map([["BTH", new Map([["BTH-HTN", Object.fromEntries([...figures2024()].filter(([k]) => k.startsWith("BTH-HTN-")))]])]]))!;
    expect(rec.former).toEqual({
      BTH: { vi: "tỉnh Bình Thuận (cũ)", en: "the former Bình Thuận province" },
      67: { vi: "tỉnh Đắk Nông (cũ)", en: "the former Đắk Nông province" },
      68: { vi: "tỉnh Lâm Đồng (cũ)", en: "the former Lâm Đồng province" },
    });
    expect(reconstructionNote(rec, "vi")).toMatch(/^Số liệu năm 2024 được tính lại theo đơn vị hành chính năm 2026 từ số liệu của tỉnh Bình Thuận \(cũ\); thiếu số liệu của tỉnh Đắk Nông \(cũ\), tỉnh Lâm Đồng \(cũ\), nên số liệu toàn tỉnh chưa đầy đủ;/);
  });

  it("a predecessor linked only in part (the registry's partial) makes its successor approximate, even as its only successor", () => {
    const registry = REGISTRY.map((u) => (u.code === "LDG-M01" ? { ...u, partial: ["BTH-HTN-02"] } : u));
    const r = reconstruct(catalog, registry, "LDG-M01", "2024", figures2024());
    expect(r.split).toEqual(["BTH-HTN-02"]);
    expect(r.approximate).toContain("members.total");
    expect(reconstruct(catalog, REGISTRY, "LDG-M01", "2024", figures2024()).approximate).toEqual([]);
  });

  it("a unit that existed in the earlier period keeps its own figures", () => {
    const r = reconstruct(catalog, REGISTRY, "BTH-HTN-03", "2024", figures2024());
    expect(r.reconstructed).toBe(false);
    expect(r.values["members.total"]).toBe(300);
  });

  it("names the earlier units a host must load", () => {
    expect(sourcesIn(REGISTRY, "LDG-M04", "2023").sort()).toEqual(["BTH-HTN-07", "BTH-HTN-09", "BTH-HTN-10"]);
    expect(sourcesIn(REGISTRY, "LDG-M01", "2026")).toEqual(["LDG-M01"]);
  });
});
