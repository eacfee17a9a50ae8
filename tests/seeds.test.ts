import { describe, it, expect } from "vitest";
import { readFileSync, existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getCatalog } from "../shared/catalog/catalog.ts";
import { Target } from "../shared/catalog/schema.ts";
import { OrgUnitRegistry } from "../shared/registry/orgunits.ts";
import { LEVELS } from "../shared/registry/levels.ts";
import { parseNumberText } from "../shared/parse/number.ts";
import { REGISTRY, HAM_TAN_COMMUNES, unitByCode } from "../seeds/orgunits.ts";
import { SOURCES } from "../seeds/sources.ts";
import { SEED_FIGURES, UNPLACED_FIGURES, type SeedFigure } from "../seeds/figures.ts";
import { HAM_TAN_TARGETS, TARGETS_ORIGIN } from "../seeds/targets.ts";
import {
  allocate, gradeCounts, hamTanCommuneValues, laiChauDistrictValues, sumValues, mulberry32,
  HAM_TAN_TOTALS, LAI_CHAU_TOTALS, LAI_CHAU_DERIVED_TOTALS, LAI_CHAU_REPORTED_RATES,
} from "../seeds/data.ts";
import { generateAll, readCells, WORKBOOK_DIR, type ReadValue } from "../seeds/generate.ts";
import { workbookModels } from "../seeds/layouts.ts";

const catalog = getCatalog();
const SEED_MD = fileURLToPath(new URL("../../shared/seed-figures.md", import.meta.url));

/** Table rows of seed-figures.md by source id: the first cell of every body row. */
function seedTableRows(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let source: string | null = null;
  for (const line of readFileSync(SEED_MD, "utf8").split("\n")) {
    const h = /^## (\d{3}) /.exec(line);
    if (h) { source = h[1]!; out.set(source, []); continue; }
    if (line.startsWith("## ")) { source = null; continue; }
    if (!source || !line.startsWith("|")) continue;
    const first = line.split("|")[1]!.trim();
    if (first === "indicator" || /^-+$/.test(first)) continue;
    out.get(source)!.push(first);
  }
  return out;
}

/** A percentage reported to `dec` decimals is reproduced by rounding or by truncation. */
function reproduces(exact: number, reported: number, dec: number): boolean {
  const unit = 10 ** -dec;
  const rounded = Math.abs(exact - reported) <= unit / 2 + 1e-9;
  const truncated = exact >= reported - 1e-9 && exact < reported + unit - 1e-9;
  return rounded || truncated;
}

const roundsTo = (exact: number, reported: number, dec: number) => Math.abs(exact - reported) <= 10 ** -dec / 2 + 1e-9;

describe("seed registry", () => {
  it("parses with the OrgUnit schema, with unique codes and existing parents", () => {
    const parsed = OrgUnitRegistry.parse(REGISTRY);
    expect(parsed).toHaveLength(REGISTRY.length);
    const codes = REGISTRY.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    const level = (code: string) => LEVELS.find((l) => l.code === code)!.depth;
    for (const u of REGISTRY) {
      if (u.level === "province") { expect(u.parent).toBeNull(); continue; }
      const parent = unitByCode(u.parent ?? "");
      expect(parent, `${u.code}'s parent`).toBeDefined();
      expect(level(parent!.level)).toBeLessThan(level(u.level));
      expect(u.code.startsWith(`${parent!.code}-`)).toBe(true);
    }
  });

  it("holds Lâm Đồng's former provinces exactly as the national registry has them, and the default registry one copy of each", async () => {
    const { nationalRegistry, defaultRegistry } = await import("../seeds/national.ts");
    const national = nationalRegistry();
    for (const code of ["67", "68"]) {
      const mine = REGISTRY.find((u) => u.code === code)!;
      expect(mine, code).toEqual(national.find((u) => u.code === code));
      expect(defaultRegistry().filter((u) => u.code === code), code).toHaveLength(1);
    }
    expect(unitByCode("LDG")?.predecessors).toEqual(["BTH", "67", "68"]);
  });

  it("marks every placeholder as a sample and names it plainly", () => {
    for (const u of REGISTRY) {
      expect(u.sample, u.code).toBe(/mẫu/.test(u.name));
      if (u.sample) expect(u.code).toMatch(/-M\d{2}$/);
    }
  });

  it("has Hàm Tân's ten communes (8 xã, 2 thị trấn) and Trung Chải in Nậm Nhùn", () => {
    expect(HAM_TAN_COMMUNES).toHaveLength(10);
    expect(HAM_TAN_COMMUNES.filter((u) => u.type === "xa")).toHaveLength(8);
    expect(HAM_TAN_COMMUNES.filter((u) => u.type === "thi_tran").map((u) => u.name)).toEqual(["Tân Minh", "Tân Nghĩa"]);
    expect(HAM_TAN_COMMUNES.every((u) => !u.sample)).toBe(true);
    expect(unitByCode("LCU-NNH-01")?.name).toBe("Trung Chải");
    expect(REGISTRY.filter((u) => u.parent === "LCU")).toHaveLength(8);
    expect(REGISTRY.filter((u) => u.parent === "TTH")).toHaveLength(9);
    // Every district has communes, so province rollups have data.
    for (const d of REGISTRY.filter((u) => u.level === "district")) expect(REGISTRY.some((u) => u.parent === d.code), d.code).toBe(true);
  });
});

describe("seed sources", () => {
  it("names the five source files, which exist", () => {
    expect(SOURCES.map((s) => s.id)).toEqual(["000", "001", "002", "003", "004"]);
    for (const s of SOURCES) {
      expect(existsSync(fileURLToPath(new URL(`../../shared/seeds/${s.file}`, import.meta.url))), s.file).toBe(true);
      expect(unitByCode(s.scope), s.scope).toBeDefined();
    }
  });
});

describe("seed figures", () => {
  it("have a catalog home and a known unit", () => {
    for (const f of SEED_FIGURES) {
      expect(catalog.byCode.has(f.indicator), `${f.source} ${f.row}: ${f.indicator}`).toBe(true);
      expect(unitByCode(f.unit) !== undefined || /ngoài danh mục/.test(f.unit), f.unit).toBe(true);
      expect(f.period).toMatch(/^\d{4}(-\d{2})?$/);
      expect(Number.isFinite(f.value)).toBe(true);
    }
  });

  it("keep the precision as reported", () => {
    for (const f of SEED_FIGURES) {
      const ind = catalog.byCode.get(f.indicator)!;
      if (ind.type === "percent" || (ind.type === "number" && f.decimals > 0)) {
        if (ind.type === "percent") expect(f.reportedAs, f.indicator).toMatch(/%/);
        expect(f.value.toFixed(f.decimals).replace(".", ","), `${f.source} ${f.indicator}`).toBe(f.reportedAs.replace(/^[^\d]*/, "").replace(/%.*$/, ""));
      } else expect(f.decimals).toBe(0);
    }
  });

  it("cover every table row of seed-figures.md", () => {
    const rows = seedTableRows();
    expect([...rows.keys()]).toEqual(["000", "001", "002", "003", "004"]);
    expect([...rows.values()].map((r) => r.length)).toEqual([14, 6, 5, 6, 3]);
    const covered = new Set([...SEED_FIGURES.map((f) => `${f.source}|${f.row}`), `${TARGETS_ORIGIN.source}|${TARGETS_ORIGIN.row}`]);
    for (const [source, labels] of rows) for (const label of labels) expect(covered.has(`${source}|${label}`), `${source} "${label}"`).toBe(true);
    // And nothing claims a row that is not there.
    const all = new Set([...rows].flatMap(([s, ls]) => ls.map((l) => `${s}|${l}`)));
    for (const f of [...SEED_FIGURES, ...UNPLACED_FIGURES]) expect(all.has(`${f.source}|${f.row}`), `${f.source} "${f.row}"`).toBe(true);
  });

  /**
   * Checks each figure against the others of the same place and period: a rate against its
   * numerator and denominator (or, with only the denominator, against any whole numerator: GRIM),
   * a total against its parts. Returns null when nothing can be checked.
   */
  function consistent(f: SeedFigure): boolean | null {
    if (f.approx) return null;
    const peers = SEED_FIGURES.filter((g) => g.source === f.source && g.unit === f.unit && g.period === f.period && !g.approx);
    const valueOf = (code: string): number | undefined => {
      const hit = peers.find((g) => g.indicator === code);
      if (hit) return hit.value;
      const ind = catalog.byCode.get(code);
      if (ind?.kind !== "sum") return undefined;
      const parts = ind.of!.map(valueOf);
      return parts.every((p) => p === undefined) ? undefined : parts.reduce<number>((a, b) => a + (b ?? 0), 0);
    };
    const ind = catalog.byCode.get(f.indicator)!;
    if (ind.kind === "ratio") {
      const sum = (codes: string[]) => { const v = codes.map(valueOf); return v.some((x) => x === undefined) ? undefined : v.reduce<number>((a, b) => a + b!, 0); };
      const num = sum(ind.numerator!);
      const den = sum(ind.denominator!);
      if (num !== undefined && den !== undefined) return reproduces((num / den) * 100, f.value, f.decimals);
      const unit = 10 ** -f.decimals;
      if (den !== undefined) {
        const lo = Math.max(0, Math.floor((den * (f.value - unit)) / 100));
        for (let n = lo; n <= Math.ceil((den * (f.value + unit)) / 100); n++) if (reproduces((n / den) * 100, f.value, f.decimals)) return true;
        return false;
      }
      if (num !== undefined) {
        const hi = f.value > unit ? Math.ceil((num * 100) / (f.value - unit)) : num * 1000;
        for (let d = Math.max(1, Math.floor((num * 100) / (f.value + unit))); d <= hi; d++) if (reproduces((num / d) * 100, f.value, f.decimals)) return true;
        return false;
      }
      return null;
    }
    if (ind.kind === "sum") {
      const parts = ind.of!.map((c) => peers.find((g) => g.indicator === c)?.value);
      if (parts.some((p) => p === undefined)) return null;
      return parts.reduce<number>((a, b) => a + b!, 0) === f.value;
    }
    return null;
  }

  it("flag exactly the inconsistent ones", () => {
    const flagged = SEED_FIGURES.filter((f) => f.expectFlag);
    expect(flagged.map((f) => `${f.source}:${f.indicator}`).sort()).toEqual([
      "000:training.total", "001:cadres.cbcc.in_post", "003:grades.cells.tsvm_rate", "003:pilot.secretary_council_chair_rate", "004:members.admission_rate",
    ]);
    let checked = 0;
    for (const f of SEED_FIGURES) {
      const ok = consistent(f);
      if (ok === null) continue;
      checked++;
      expect(ok, `${f.source} ${f.unit} ${f.period} ${f.indicator} = ${f.reportedAs}`).toBe(!f.expectFlag);
    }
    for (const f of flagged) expect(consistent(f), `${f.indicator} must be checkable`).toBe(false);
    expect(checked).toBeGreaterThan(20);
  });

  it("leave no figure without a catalog home", () => {
    expect(UNPLACED_FIGURES).toEqual([]);
  });
});

describe("Hàm Tân targets", () => {
  it("parse as catalog targets over known indicators", () => {
    for (const t of HAM_TAN_TARGETS) {
      expect(() => Target.parse(t)).not.toThrow();
      expect(catalog.byCode.has(t.indicator), t.indicator).toBe(true);
      expect(t.scope).toBe("BTH-HTN");
      expect(t.source.vi.length).toBeGreaterThan(10);
      expect(t.source.en.length).toBeGreaterThan(10);
    }
    expect(new Set(HAM_TAN_TARGETS.map((t) => t.id)).size).toBe(HAM_TAN_TARGETS.length);
    expect(HAM_TAN_TARGETS.filter((t) => t.year === 2015)).toHaveLength(14);
  });
});

describe("allocation", () => {
  it("splits totals exactly within bounds", () => {
    const rand = mulberry32(7);
    for (let k = 0; k < 200; k++) {
      const n = 1 + Math.floor(rand() * 12);
      const caps = Array.from({ length: n }, () => Math.floor(rand() * 20));
      const mins = caps.map((c) => Math.floor(rand() * (c + 1) * 0.3));
      const lo = mins.reduce((a, b) => a + b, 0);
      const hi = caps.reduce((a, b) => a + b, 0);
      const total = lo + Math.floor(rand() * (hi - lo + 1));
      const x = allocate(total, caps.map(() => rand() + 0.01), { caps, mins });
      expect(x.reduce((a, b) => a + b, 0)).toBe(total);
      x.forEach((v, i) => { expect(v).toBeGreaterThanOrEqual(mins[i]!); expect(v).toBeLessThanOrEqual(caps[i]!); });
    }
    expect(() => allocate(10, [1, 1], { caps: [3, 3] })).toThrow();
  });
});

describe("Hàm Tân commune values", () => {
  const rows = hamTanCommuneValues();
  const withGrades = rows.map((r) => ({ ...r.values, ...gradeCounts(r.values) }));
  const sums = sumValues(withGrades.map((values, i) => ({ unit: rows[i]!.unit, values })));

  /** Hàm Tân's value of an indicator, recomputed from the commune rows as the rollup does. */
  function hamTanTotal(code: string): number | undefined {
    if (code in sums) return sums[code];
    const ind = catalog.byCode.get(code);
    if (!ind) return undefined;
    if (code.startsWith("org.communes.")) return HAM_TAN_COMMUNES.filter((u) => u.type === code.slice("org.communes.".length)).length;
    if (ind.countsUnits === "commune") return HAM_TAN_COMMUNES.length;
    if (ind.kind === "sum") {
      const parts = ind.of!.map(hamTanTotal);
      return parts.some((p) => p === undefined) ? undefined : parts.reduce<number>((a, b) => a + b!, 0);
    }
    if (ind.kind === "ratio") {
      const num = ind.numerator!.map(hamTanTotal);
      const den = ind.denominator!.map(hamTanTotal);
      if ([...num, ...den].some((p) => p === undefined)) return undefined;
      return (num.reduce<number>((a, b) => a + b!, 0) / den.reduce<number>((a, b) => a + b!, 0)) * (ind.scale ?? 100);
    }
    return undefined;
  }

  it("are keyed by registry code in registry order", () => {
    expect(rows.map((r) => r.unit)).toEqual(HAM_TAN_COMMUNES.map((u) => u.code));
    expect(hamTanCommuneValues()).toEqual(rows);
  });

  it("add up to the district figures of report 000", () => {
    for (const [code, total] of Object.entries(HAM_TAN_TOTALS)) expect(sums[code], code).toBe(total);
  });

  it("reproduce every June 2012 figure of report 000 at its reported precision", () => {
    const figures = SEED_FIGURES.filter((f) => f.source === "000" && f.unit === "BTH-HTN" && f.period === "2012-06" && !f.indicator.startsWith("training."));
    expect(figures.length).toBeGreaterThan(40);
    for (const f of figures) {
      const v = hamTanTotal(f.indicator);
      expect(v, `${f.indicator} computable`).toBeDefined();
      if (catalog.byCode.get(f.indicator)!.type === "percent") expect(roundsTo(v!, f.value, f.decimals), `${f.indicator}: ${v} vs ${f.reportedAs}`).toBe(true);
      else expect(v, f.indicator).toBe(f.value);
    }
  });

  it("keep every part within its whole in every commune", () => {
    for (const [i, v] of withGrades.entries()) {
      const get = (c: string) => (typeof v[c] === "number" ? (v[c] as number) : undefined);
      for (const r of catalog.rules) {
        const parts = r.type === "part_le_whole" ? [r.part] : r.parts;
        const vals = parts.map(get);
        const whole = get(r.type === "part_le_whole" ? r.whole : r.whole);
        if (whole === undefined || vals.every((x) => x === undefined)) continue;
        expect(vals.reduce<number>((a, b) => a + (b ?? 0), 0), `${rows[i]!.unit} ${r.id}`).toBeLessThanOrEqual(whole);
      }
      // Every cell needs three members; the cells by place fit in the cells.
      expect(get("members.total")!).toBeGreaterThanOrEqual(3 * get("party.cells")!);
      expect(get("government.grade.tot")! + get("government.grade.kha")!).toBe(1);
      expect(get("grades.base_org.yeu")).toBe(0);
    }
  });
});

describe("Lai Châu district values", () => {
  it("add up to the province figures of report 003", () => {
    const rows = laiChauDistrictValues();
    expect(rows).toHaveLength(8);
    const sums = sumValues(rows);
    for (const [code, total] of Object.entries(LAI_CHAU_TOTALS)) expect(sums[code], code).toBe(total);
    const tsvm = sums["grades.base_org.tsvm"]!;
    expect(tsvm).toBe(LAI_CHAU_DERIVED_TOTALS["grades.base_org.tsvm"]);
    expect(roundsTo((tsvm / sums["party.dang_bo"]!) * 100, LAI_CHAU_REPORTED_RATES["grades.base_org.tsvm_rate"], 2)).toBe(true);
    for (const r of rows) {
      expect(r.values["grades.base_org.tsvm"]!).toBeLessThanOrEqual(r.values["party.dang_bo"] as number);
      expect(r.values["members.total"] as number).toBeGreaterThanOrEqual(3 * (r.values["party.cells"] as number));
    }
  });
});

describe("sample workbooks", () => {
  const models = workbookModels();

  it("are committed and open with exceljs, with a Nguồn sheet", async () => {
    for (const m of models) {
      const file = path.join(WORKBOOK_DIR, m.file);
      expect(existsSync(file), m.file).toBe(true);
      const cells = await readCells(file);
      expect(Object.keys(cells)).toEqual(m.sheets.map((s) => s.name));
      expect(Object.keys(cells)).toContain("Nguồn");
      expect(JSON.stringify(cells["Nguồn"])).toContain(SOURCES.find((s) => s.id === m.source)!.title.slice(0, 30));
    }
  });

  it("regenerate to the same cells as the committed files", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "htct-seeds-"));
    try {
      const files = await generateAll(dir);
      expect(files.map((f) => path.basename(f))).toEqual(models.map((m) => m.file));
      for (const f of files) {
        const fresh = await readCells(f);
        const committed = await readCells(path.join(WORKBOOK_DIR, path.basename(f)));
        expect(fresh, path.basename(f)).toEqual(committed);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  /** Numbers of a read cell: plain, cached formula result, Vietnamese text, or a "52/53" pair. */
  function numbers(v: ReadValue | undefined): number[] {
    if (v === null || v === undefined) return [];
    if (typeof v === "number") return [v];
    if (typeof v === "object" && "formula" in v) return typeof v.result === "number" ? [v.result] : [];
    if (typeof v !== "string") return [];
    const pair = /^(\d[\d.]*)\/(\d[\d.]*)$/.exec(v);
    if (pair) return [parseNumberText(pair[1]!)!.value, parseNumberText(pair[2]!)!.value];
    const n = parseNumberText(v.replace(/%$/, ""));
    return n && !v.endsWith("%") ? [n.value] : [];
  }

  it("carry the report's district totals in the total row of every clean Hàm Tân variant", async () => {
    const want = [10, 89, 609, 473, 53, 52, 24, 47200, 110, 104, 132, 119, 208, 168];
    for (const m of models.filter((x) => x.file.startsWith("ham-tan") && x.defects.length === 0)) {
      const cells = (await readCells(path.join(WORKBOOK_DIR, m.file)))[m.sheets[0]!.name]!;
      const totalRow = Object.entries(cells).find(([a, v]) => a.startsWith("B") && typeof v === "string" && /^(Tổng cộng|Tong cong)$/.test(v));
      expect(totalRow, m.file).toBeDefined();
      const r = totalRow![0].slice(1);
      const got = Object.entries(cells).filter(([a]) => a.replace(/^[A-Z]+/, "") === r).flatMap(([, v]) => numbers(v));
      for (const w of want) expect(got, `${m.file}: ${w}`).toContain(w);
    }
  });

  it("write cached formula results that match the cells they sum", async () => {
    for (const m of models.filter((x) => x.defects.every((d) => d.kind !== "total_mismatch"))) {
      const cells = (await readCells(path.join(WORKBOOK_DIR, m.file)))[m.sheets[0]!.name]!;
      for (const [addr, v] of Object.entries(cells)) {
        if (!v || typeof v !== "object" || !("formula" in v)) continue;
        const sum = /^SUM\(([A-Z]+)(\d+):[A-Z]+(\d+)\)$/.exec(v.formula);
        if (!sum) continue;
        let s = 0;
        for (let row = Number(sum[2]); row <= Number(sum[3]); row++) s += numbers(cells[`${sum[1]}${row}`])[0] ?? 0;
        expect(v.result, `${m.file} ${addr}`).toBe(s);
      }
    }
  });

  it("describe the deliberate defects of ham-tan-tong-sai", () => {
    const m = models.find((x) => x.file === "ham-tan-tong-sai.xlsx")!;
    expect(m.defects.map((d) => d.kind).sort()).toEqual(["duplicate_unit", "formula_error", "misspelled_unit", "part_exceeds_whole", "total_mismatch"]);
  });
});

describe("demo identities", () => {
  it("name each clerk by the unit in a natural phrase ('Cán bộ huyện Hàm Tân', never 'huyện Huyện'), samples by their label", async () => {
    const { demoAssignments } = await import("../scripts/demo.ts");
    const { REGISTRY_ALL } = await import("./functions/stack.ts");
    const names = demoAssignments(REGISTRY_ALL).map((a) => a.name ?? "");
    expect(names).toContain("Cán bộ huyện Hàm Tân");
    expect(names.filter((n) => /(?<!\p{L})(\p{L}+) \1(?!\p{L})/iu.test(n))).toEqual([]);
    expect(names).toContain("Cán bộ tỉnh Bình Thuận");
    expect(names.some((n) => /^Cán bộ Xã mẫu/.test(n))).toBe(true);
  });
});
