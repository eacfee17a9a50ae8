import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compileValidator, getCatalog, readSheet, type CellValue, type Issue, type SheetGrid } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";

/**
 * The layout is how a table is drawn, not what it says: a units × indicators sheet and its
 * transpose give the same issues, and moving the table, adding title rows, a footer or a hidden
 * column changes nothing but the addresses.
 */
const catalog = getCatalog();
const validate = compileValidator(catalog);
const NAMES = ["Xã Sơn Mỹ", "TT Tân Minh", "TT Tân Nghĩa", "Xã Sông Phan", "Xã Tân Đức", "Xã Tân Hà", "Xã Tân Phúc", "Xã Tân Thắng"];
const COLUMNS = [
  { header: "Tổng số đảng viên", code: "members.total" },
  { header: "Số chi bộ trực thuộc", code: "party.cells" },
  { header: "Chi bộ đạt TSVM", code: "grades.cells.tsvm" },
  { header: "Tỷ lệ chi bộ đạt TSVM (%)", code: "grades.cells.tsvm_rate" },
  { header: "Tổng số hộ", code: "poverty.households" },
  { header: "Số hộ nghèo", code: "poverty.poor" },
] as const;

interface Table { units: string[]; rows: number[][]; total: number[] | null }

const table: fc.Arbitrary<Table> = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    units: fc.shuffledSubarray(NAMES, { minLength: n, maxLength: n }),
    rows: fc.array(
      fc.tuple(fc.integer({ min: 20, max: 400 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 18 }), fc.boolean(), fc.integer({ min: 50, max: 900 }), fc.integer({ min: 0, max: 120 }))
        .map(([members, cells, tsvm, rateRight, households, poor]) => [members, cells, tsvm, rateRight ? Math.round((tsvm / cells) * 10000) / 100 : Math.round((tsvm / cells) * 10000) / 100 + 1.5, households, poor]),
      { minLength: n, maxLength: n },
    ),
    totalKind: fc.constantFrom("none", "right", "stops", "off"),
  }).map(({ units, rows, totalKind }) => {
    const sum = (k: number, upto = rows.length) => rows.slice(0, upto).reduce((s, r) => s + r[k]!, 0);
    const total = totalKind === "none" ? null
      : [0, 1, 2, 3, 4, 5].map((k) => (k === 3 ? NaN : totalKind === "stops" ? sum(k, rows.length - 1) : sum(k) + (totalKind === "off" && k === 0 ? 7 : 0)));
    return { units, rows, total };
  }),
);

const cell = (v: number): CellValue => (Number.isNaN(v) ? null : v);

function unitsGrid(t: Table): CellValue[][] {
  return [
    ["Đơn vị", ...COLUMNS.map((c) => c.header)],
    ...t.units.map((u, i) => [u, ...t.rows[i]!.map(cell)]),
    ...(t.total ? [["Toàn huyện", ...t.total.map(cell)]] : []),
  ];
}

function transposedGrid(t: Table): CellValue[][] {
  return [
    ["Chỉ tiêu", ...t.units, ...(t.total ? ["Toàn huyện"] : [])],
    ...COLUMNS.map((c, k) => [c.header, ...t.rows.map((r) => cell(r[k]!)), ...(t.total ? [cell(t.total[k]!)] : [])]),
  ];
}

/** An issue without where it is: what, how bad, about which unit and indicators, and on how many cells. */
const key = (i: Issue) => `${i.severity}|${i.rule}|${i.unit ?? ""}|${[...i.indicators].sort().join(",")}|${i.cells.length}`;
function issuesOf(grid: SheetGrid): string[] {
  const read = readSheet(grid, { catalog, registry: REGISTRY });
  return [...read.issues, ...validate(read.table)].filter((i) => i.rule !== "hidden_skipped").map(key).sort();
}

describe("layout properties", () => {
  it("a units × indicators sheet and its transpose give the same issues", () => {
    fc.assert(fc.property(table, (t) => {
      const a = readSheet({ name: "S", values: unitsGrid(t) }, { catalog, registry: REGISTRY });
      const b = readSheet({ name: "S", values: transposedGrid(t) }, { catalog, registry: REGISTRY });
      expect(a.kind).toBe("units");
      expect(b.kind).toBe("transposed");
      expect(issuesOf({ name: "S", values: transposedGrid(t) })).toEqual(issuesOf({ name: "S", values: unitsGrid(t) }));
    }), { numRuns: 60 });
  });

  it("moving the table, adding title rows, a footer and a hidden column change nothing but addresses", () => {
    fc.assert(fc.property(table, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.integer({ min: 0, max: 5 }),
      (t, row, col, titles, footer, hiddenAt) => {
        const plain = unitsGrid(t);
        const hiddenCol = 1 + (hiddenAt % COLUMNS.length);
        const body = plain.map((r, i) => {
          const out = [...r];
          out.splice(hiddenCol, 0, i === 0 ? "Số liệu nháp" : 1000 + i);
          return out;
        });
        const title: CellValue[][] = [["ĐẢNG BỘ HUYỆN HÀM TÂN"], ["BÁO CÁO CHẤT LƯỢNG HỆ THỐNG CHÍNH TRỊ CƠ SỞ"], []].slice(3 - titles);
        const foot: CellValue[][] = footer ? [[], [null, "Người lập biểu", null, "TM. BAN THƯỜNG VỤ"], [null, "Nơi nhận:"]] : [];
        const moved: SheetGrid = { name: "S", values: [...title, ...body, ...foot], origin: { row, col }, hiddenColumns: [hiddenCol] };
        expect(issuesOf(moved)).toEqual(issuesOf({ name: "S", values: plain }));
        const read = readSheet(moved, { catalog, registry: REGISTRY });
        expect(read.skipped.columns).toHaveLength(1);
        expect(read.mapping.map((m) => m.indicator)).toEqual(COLUMNS.map((c) => c.code));
      }), { numRuns: 60 });
  });
});
