import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkRegistry } from "../../shared/registry/check.ts";
import { unitWithCode, unitsWithCode, officialCode } from "../../shared/registry/identity.ts";
import { prefixedName } from "../../shared/registry/levels.ts";
import { createNameMatcher, formerNameMessage, formerUnitsOf, nameKey } from "../../shared/registry/names.ts";
import type { OrgUnit } from "../../shared/registry/orgunits.ts";
import { nationalRegistry } from "../../seeds/national.ts";
import { buildNationalRegistry, serialise } from "../../scripts/registry-national.ts";

const registry = nationalRegistry();
const NEW = "2025-07-01";
const current = registry.filter((u) => u.validFrom === NEW || (!u.validFrom && !u.validTo));
const communesOf = (province: OrgUnit) => current.filter((u) => u.parent === province.code);
const province = (name: string) => current.find((u) => u.level === "province" && u.name === name)!;

describe("the shipped national registry", () => {
  it("holds the country before and after 1 July 2025 and passes the whole-registry check", () => {
    const count = (f: (u: OrgUnit) => boolean) => registry.filter(f).length;
    expect(count((u) => u.level === "province" && !u.validTo)).toBe(34);
    expect(count((u) => u.level === "commune" && u.validFrom === NEW)).toBe(3321);
    expect(count((u) => u.level === "province" && !u.validFrom)).toBe(63);
    expect(count((u) => u.level === "district")).toBe(696);
    expect(count((u) => u.level === "commune" && u.validTo === "2025-06-30")).toBe(10047);
    expect(checkRegistry(registry).problems).toEqual([]);
    // Every type the law names at these levels is present and kept apart.
    for (const t of ["tinh", "thanh_pho_tw", "quan", "huyen", "thi_xa", "thanh_pho", "thanh_pho_thuoc_tp", "xa", "phuong", "thi_tran", "dac_khu"]) {
      expect(count((u) => u.type === t), t).toBeGreaterThan(0);
    }
    expect(registry.find((u) => u.name === "Thủ Đức")?.type).toBe("thanh_pho_thuoc_tp");
    expect(count((u) => u.type === "thi_tran" && !u.validTo)).toBe(0);
  });

  const source = fileURLToPath(new URL("../../../shared/data/dvhcvn-20250701/", import.meta.url));
  it.skipIf(!existsSync(source))("is what the build script makes of the dataset today", async () => {
    const built = serialise(await buildNationalRegistry(source));
    expect(built).toBe(readFileSync(new URL("../../data/registry/vn-units.json", import.meta.url), "utf8"));
  });
});

describe("a code names one unit per interval", () => {
  it("00004 is Phường Trúc Bạch until 30/6/2025 and Phường Ba Đình from 1/7/2025", () => {
    expect(unitsWithCode(registry, "00004").map((u) => u.code)).toEqual(["00004", "00004@2025-07-01"]);
    expect(unitWithCode(registry, "00004", "2025-06-30")?.name).toBe("Trúc Bạch");
    expect(unitWithCode(registry, "00004", "2025-12-31")?.name).toBe("Ba Đình");
    expect(unitWithCode(registry, "00004")).toBeNull();
    expect(officialCode(unitWithCode(registry, "00004", "2026-12-31")!.code)).toBe("00004");
    expect(unitWithCode(registry, "00004", "2025-12-31")?.predecessors).toContain("00004");
  });

  it("24 was Bắc Giang and is Bắc Ninh, formed from Bắc Giang and the old Bắc Ninh (27); Hà Nội (01) is one unit throughout", () => {
    expect(unitWithCode(registry, "24", "2025-06-30")?.name).toBe("Bắc Giang");
    const now = unitWithCode(registry, "24", "2025-07-01")!;
    expect(now.name).toBe("Bắc Ninh");
    expect(now.predecessors).toEqual(["24", "27"]);
    expect(unitsWithCode(registry, "01").map((u) => u.code)).toEqual(["01"]);
  });
});

/** Pairs of current communes of one province whose names differ only by their marks. */
function tonePairs(): Array<[OrgUnit, OrgUnit]> {
  const by = new Map<string, OrgUnit[]>();
  for (const u of current) if (u.level === "commune") {
    const k = `${u.parent}|${nameKey(u.name).folded}`;
    by.set(k, [...(by.get(k) ?? []), u]);
  }
  return [...by.values()].filter((l) => l.length === 2).map((l) => [l[0]!, l[1]!]);
}

describe("tone marks", () => {
  const pairs = tonePairs();
  it("the data has ten pairs of communes in eight provinces differing only by a tone or vowel mark", () => {
    expect(pairs.length).toBe(10);
    expect(new Set(pairs.map(([a]) => a.parent)).size).toBe(8);
    const tay = province("Tây Ninh");
    expect(pairs.some(([a, b]) => a.parent === tay.code && [a.name, b.name].sort().join("/") === "Tân Thành/Tân Thạnh")).toBe(true);
  });

  for (const [a, b] of pairs) {
    it(`${prefixedName(a)} and ${prefixedName(b)} (${a.parent}) are two units; their unmarked name is neither`, () => {
      const m = createNameMatcher(current.filter((u) => u.parent === a.parent));
      for (const u of [a, b]) {
        for (const written of [u.name, prefixedName(u), prefixedName(u).toUpperCase()]) {
          const r = m.match(written);
          expect(r.status, written).toBe("exact");
          if (r.status === "exact") expect(r.unit.code).toBe(u.code);
        }
      }
      const bare = m.match(nameKey(a.name).folded === nameKey(b.name).folded ? a.name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D") : "");
      const unmarked = [a, b].find((u) => !/[^\x00-\x7f]/.test(u.name));
      // Written without marks, the name is the unmarked unit's own when one has no marks (Thanh An), else neither.
      if (unmarked) expect(bare.status === "exact" && bare.unit.code).toBe(unmarked.code);
      else expect(bare.status).toBe("ambiguous");
      if (bare.status === "ambiguous") expect(bare.candidates.map((u) => u.code).sort()).toEqual([a.code, b.code].sort());
    });
  }

  it("where the tone mark sits does not matter (Hoà = Hòa, Thuỷ = Thủy)", () => {
    expect(nameKey("Xã Hoà Bình")).toEqual(nameKey("Xã Hòa Bình"));
    expect(nameKey("Phường Thuỷ Xuân")).toEqual(nameKey("Phường Thủy Xuân"));
    expect(nameKey("Tân Thành").toned).not.toBe(nameKey("Tân Thạnh").toned);
  });
});

describe("type words in every form", () => {
  const hanoi = createNameMatcher(communesOf(province("Hà Nội")));
  const baDinh = unitWithCode(registry, "00004", NEW)!;
  for (const written of ["Ba Đình", "Phường Ba Đình", "P. Ba Đình", "P.Ba Đình", "PHƯỜNG BA ĐÌNH", "Đảng ủy phường Ba Đình", "Đảng uỷ phường Ba Đình",
    "Đảng bộ phường Ba Đình", "DANG UY BA DINH", "ĐẢNG ỦY BA ĐÌNH", "ba dinh", "  Phường   Ba  Đình "]) {
    it(`"${written}" is Phường Ba Đình`, () => {
      const r = hanoi.match(written);
      expect(r.status).toBe("exact");
      if (r.status === "exact") expect(r.unit.code).toBe(baDinh.code);
    });
  }
  const anGiang = createNameMatcher(communesOf(province("An Giang")));
  for (const [written, name] of [["ĐẢNG ỦY PHÚ QUỐC", "Phú Quốc"], ["Đặc khu Thổ Châu", "Thổ Châu"], ["ĐK Thổ Châu", "Thổ Châu"], ["Thổ Châu", "Thổ Châu"], ["Đảng ủy đặc khu Phú Quốc", "Phú Quốc"]] as const) {
    it(`"${written}" is ${name} in An Giang`, () => {
      const r = anGiang.match(written);
      expect(r.status).toBe("exact");
      if (r.status === "exact") expect(r.unit.name).toBe(name);
    });
  }
  it("the other prefixes: X., TT., Xã, Thị trấn, Chi bộ", () => {
    for (const [w, k] of [["X. Sơn Mỹ", "sonmy"], ["TT. Tân Minh", "tanminh"], ["Thị trấn Tân Minh", "tanminh"], ["Xã Sơn Mỹ", "sonmy"], ["Chi bộ Thôn 3", "thon3"], ["Đảng bộ xã Sơn Mỹ", "sonmy"], ["Phường 1", "1"],
      ["Phương Liệt", "phuongliet"], ["Phường Phương Liệt", "phuongliet"], ["Xà Phiên", "xaphien"], ["Tĩnh Gia", "tinhgia"], ["Quan Sơn", "quanson"]]) {
      expect(nameKey(w!).folded, w).toBe(k);
    }
  });
  it("a name that is no unit is unknown, with the closest candidates", () => {
    const r = hanoi.match("Phường Ba Đinh Mới Xây");
    expect(r.status).toBe("unknown");
    if (r.status === "unknown") expect(r.candidates.length).toBeGreaterThan(0);
  });
});

describe("former names", () => {
  const inScope = (p: OrgUnit) => {
    const units = communesOf(p);
    return createNameMatcher(units, formerUnitsOf(registry, units, NEW));
  };
  it("Xã Vĩnh Tế (merged) now lies in Phường Vĩnh Tế, An Giang, from 01/07/2025", () => {
    const ag = province("An Giang");
    const r = inScope(ag).match("Xã Vĩnh Tế");
    // Phường Vĩnh Tế is itself a current unit: the current unit wins over the former xã of that name.
    if (r.status === "former") {
      expect(formerNameMessage(r.former, r.successors, ag, prefixedName).vi).toBe("Xã Vĩnh Tế nay thuộc Phường Vĩnh Tế, An Giang, từ 01/07/2025");
    } else {
      expect(r.status).toBe("exact");
      if (r.status === "exact") expect(prefixedName(r.unit)).toBe("Phường Vĩnh Tế");
    }
  });
  it("Phường Trúc Bạch (merged whole) names Phường Ba Đình", () => {
    const hn = province("Hà Nội");
    const r = inScope(hn).match("Trúc Bạch");
    expect(r.status).toBe("former");
    if (r.status === "former") {
      expect(r.successors.map((u) => u.name)).toEqual(["Ba Đình"]);
      expect(formerNameMessage(r.former, r.successors, hn, prefixedName).vi).toBe("Phường Trúc Bạch nay thuộc Phường Ba Đình, Hà Nội, từ 01/07/2025");
    }
  });
  it("a commune split between several new ones names each of them, and the links are marked partial", () => {
    const hn = province("Hà Nội");
    const r = inScope(hn).match("Phường Ngọc Hà");
    // Ngọc Hà is also a current ward's name: current first.
    expect(r.status).toBe("exact");
    const split = registry.find((u) => u.code === "00007")!; // Phường Cống Vị, split between Ngọc Hà and Giảng Võ
    const f = inScope(hn).match(prefixedName(split));
    expect(f.status).toBe("former");
    if (f.status === "former") expect(f.successors.map((u) => u.name).sort()).toEqual(["Giảng Võ", "Ngọc Hà"]);
    const successors = current.filter((u) => u.predecessors?.includes("00007"));
    expect(successors.every((u) => u.partial?.includes("00007"))).toBe(true);
  });
});

describe("every current name against its province", () => {
  it("matches each of the 3,321 communes to itself", () => {
    const wrong: string[] = [];
    for (const p of current.filter((u) => u.level === "province")) {
      const units = communesOf(p);
      const m = createNameMatcher(units);
      for (const u of units) {
        const r = m.match(prefixedName(u));
        if (r.status !== "exact" || r.unit !== u) wrong.push(`${u.code} ${u.name}: ${r.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
