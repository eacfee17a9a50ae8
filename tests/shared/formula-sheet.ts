import type { FormulaSheet, FormulaValue } from "../../shared/parse/formula-engine.ts";

/** Cells by A1 address; a string starting with "=" is a formula. */
export type Cells = Record<string, FormulaValue>;

function rc(a1: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]) - 1, c - 1];
}

/**
 * A sheet of the engine from a few cells. `lastColumn` fixes the sheet's last used column
 * (else the cells' own); `usedRows` gives it a last used row, without which whole-column
 * references cannot be computed (as a grid that does not know its height).
 */
export function cellSheet(key: string, cells: Cells, opts: { lastColumn?: number; usedRows?: boolean } = {}): FormulaSheet {
  const at = new Map(Object.entries(cells).map(([k, v]) => [rc(k).join(","), v]));
  const get = (r: number, c: number) => at.get(`${r},${c}`);
  const used = [...at.keys()].map((k) => k.split(",").map(Number) as [number, number]);
  const isFormula = (v: FormulaValue | undefined): v is string => typeof v === "string" && v.startsWith("=");
  return {
    key,
    value: (r, c) => { const v = get(r, c); return v === undefined || isFormula(v) ? "" : v; },
    formula: (r, c) => { const v = get(r, c); return isFormula(v) ? v : null; },
    lastColumn: () => opts.lastColumn ?? Math.max(...used.map(([, c]) => c)),
    ...(opts.usedRows ? { lastRow: () => Math.max(...used.map(([r]) => r)) } : {}),
  };
}
