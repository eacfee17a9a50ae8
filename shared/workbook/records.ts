// Tables from plain records (an HTTP submission, the seed figures), parsed like cells.
import type { Catalog } from "../catalog/catalog.ts";
import type { Issue, Lang, ReportTable, TableRow } from "../model.ts";
import { parseCell } from "../parse/number.ts";
import { render } from "../messages/issues.ts";
import { gradeIndex } from "./grades.ts";
import { ReaderMemo } from "./reader-memo.ts";

export interface RecordInput {
  unit: string;
  unitId?: string | null;
  level?: TableRow["level"];
  isTotal?: boolean;
  values: Record<string, number | string | null | undefined>;
}

/**
 * A table from plain records: the same parsing as cells, so "24,07%" or "1.716" mean the same
 * here as in a workbook. Unknown indicator codes are left out (the contract reports them).
 */
export function tableFromRecords(records: RecordInput[], catalog: Catalog, opts: { sheet?: string; lang?: Lang } = {}): { table: ReportTable; issues: Issue[] } {
  const lang = opts.lang ?? "vi";
  const sheet = opts.sheet ?? "";
  const n = records.length;
  const memo = new ReaderMemo();
  const table: ReportTable = {
    sheet,
    rows: records.map((r) => ({ name: r.unit, unitId: r.unitId ?? null, level: r.level ?? null, sheetRow: null, isTotal: !!r.isTotal })),
    values: new Map(), decimals: new Map(), columns: new Map(), wholeReport: true,
  };
  const issues: Issue[] = [];
  records.forEach((rec, i) => {
    for (const [code, raw] of Object.entries(rec.values)) {
      const ind = catalog.byCode.get(code);
      if (!ind) continue;
      let v = table.values.get(code);
      if (!v) {
        v = new Float64Array(n).fill(NaN);
        table.values.set(code, v);
        table.decimals.set(code, new Int8Array(n).fill(-1));
      }
      const d = table.decimals.get(code)!;
      const where = `${rec.unit} / ${code}`;
      if (ind.type === "grade") {
        const g = typeof raw === "number" ? raw : gradeIndex(ind, raw ?? null, catalog.abbreviations, memo);
        if (Number.isInteger(g) && g >= 0 && g < (ind.classes?.length ?? 0)) v[i] = g;
        else if (!Number.isNaN(g)) issues.push({ severity: "error", rule: "unknown_grade", sheet, cells: [], unit: rec.unit, indicators: [code], ...render("unknown_grade", lang, { cell: where, raw: String(raw).slice(0, 60), name: ind.label[lang], classes: (ind.classes ?? []).map((c) => c.label[lang]).join(", ") }) });
        continue;
      }
      const p = parseCell(raw ?? null, ind.type, null);
      if (p.kind === "number") {
        v[i] = p.value;
        d[i] = p.decimals;
      } else if (p.kind === "error" || p.kind === "invalid" || p.kind === "pair") {
        const shown = p.kind === "invalid" ? p.raw : String(raw).slice(0, 40);
        issues.push({ severity: "error", rule: "invalid_value", sheet, cells: [], unit: rec.unit, indicators: [code], ...render("invalid_value", lang, { cell: where, raw: shown, name: ind.label[lang] }) });
      }
    }
  });
  return { table, issues };
}
