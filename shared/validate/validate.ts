import type { Catalog, Indicator } from "../catalog/catalog.ts";
import type { Target } from "../catalog/schema.ts";
import type { Issue, Lang, ReportTable, Severity } from "../model.ts";
import { a1 } from "../parse/text.ts";
import { effectiveValues, rowCountsAs, type Effective } from "./effective.ts";
import { grimDenominator, grimNumerator, rateConsistent } from "./grim.ts";
import { formatNumber, render } from "./messages.ts";
import { aggregateTable } from "../rollup/rollup.ts";
import { meets } from "./targets.ts";
import { valueBounds } from "../parse/bounds.ts";

export interface ValidateOptions {
  lang?: Lang;
  /** Targets to report against (info); applied to rows whose unit lies in the target's scope. */
  targets?: readonly Target[];
  /** Whether a unit lies within a scope code (itself or a descendant). Needed with `targets`. */
  inScope?: (unitId: string, scope: string) => boolean;
  /** Registry code a total row stands for (the district of a district workbook). */
  totalUnitId?: string | null;
  /**
   * Earlier periods' values per unit (registry code), oldest first, for the unusual-change check:
   * a value whose modified z-score against them (median and MAD, as DHIS2's outlier analysis)
   * exceeds 3.5 is a warning.
   */
  history?: ReadonlyMap<string, readonly Record<string, number>[]>;
  /** Registry names for messages about a whole unit (a target missed by the district). */
  nameOf?: (unitId: string) => string | undefined;
}

/** What one validation run brings besides the table (varies per call, so not compiled in). */
export interface RunOptions {
  /** As ValidateOptions.history, for this table only. */
  history?: ReadonlyMap<string, readonly Record<string, number>[]>;
}
type Check = (t: ReportTable, eff: Effective, emit: Emit, run: RunOptions, blocks: Blocks | null) => void;
/** `block`: which stacked table an issue about a whole table (row −1) belongs to. */
type Emit = (severity: Severity, rule: string, row: number, indicators: string[], params: Record<string, string | number>, block?: number) => void;

/**
 * Tables validated as one (Validator.many): their rows stacked, block b holding the rows of
 * tables[b] from starts[b]. What is said of a whole table (a required indicator missing, a
 * target read from the table's rollup) is said per block.
 */
interface Blocks { starts: number[]; tables: readonly ReportTable[]; rowBlock: Int32Array }

/**
 * A compiled validator: validates one table, or many (`many`) with the same issues, in the same
 * order, as validating each alone — many one-unit forms of one template cost one run.
 */
export interface Validator {
  (table: ReportTable, run?: RunOptions): Issue[];
  many(tables: readonly ReportTable[], runs?: readonly (RunOptions | undefined)[]): Issue[][];
  /**
   * Tables already stacked: `stack` holds the rows of `tables`, in order, with their values. Only
   * for tables `many` would stack together (the same indicators, rows of one level, no total
   * rows, the same run options): each table's issues, as validating it alone gives them.
   */
  stacked(stack: ReportTable, tables: readonly ReportTable[], run?: RunOptions): Issue[][];
}

/**
 * Compiles the catalog's rules once into plain loops over typed arrays; the returned function
 * validates any number of tables. It never throws on content: every value it sees is a number or
 * NaN, put there by the parser.
 */
export function compileValidator(catalog: Catalog, opts: ValidateOptions = {}): Validator {
  const lang = opts.lang ?? "vi";
  const label = (code: string) => catalog.byCode.get(code)?.label[lang] ?? code;
  const fmt = (v: number, d?: number) => formatNumber(v, lang, d);
  const checks: Check[] = [];

  // Types and bounds, per reported column.
  for (const ind of catalog.indicators) {
    if (ind.type === "grade") continue;
    checks.push(typeCheck(ind, label(ind.code), fmt));
  }

  // Parts and wholes.
  for (const rule of catalog.rules) {
    if (rule.type === "part_le_whole") {
      const { part, whole, severity, id } = rule;
      checks.push((t, eff, emit) => {
        const p = eff.get(part);
        const w = eff.get(whole);
        if (!p || !w) return;
        const rp = t.values.get(part);
        const rw = t.values.get(whole);
        if (!rp && !rw) return;
        for (let i = 0; i < p.length; i++) {
          if (p[i]! > w[i]! + 1e-9 && (!Number.isNaN(rp?.[i] ?? NaN) || !Number.isNaN(rw?.[i] ?? NaN))) {
            emit(severity, "part_le_whole", i, [part, whole], { part: label(part), whole: label(whole), pv: fmt(p[i]!), wv: fmt(w[i]!), id });
          }
        }
      });
    } else {
      const { parts, whole, severity, id } = rule;
      checks.push((t, eff, emit) => {
        const w = eff.get(whole);
        const ps = parts.map((c) => eff.get(c)).filter((a): a is Float64Array => !!a);
        if (!w || ps.length === 0) return;
        if (!t.values.has(whole) && !parts.some((c) => t.values.has(c))) return;
        for (let i = 0; i < w.length; i++) {
          if (Number.isNaN(w[i]!)) continue;
          let s = 0;
          let any = 0;
          for (const a of ps) if (!Number.isNaN(a[i]!)) { s += a[i]!; any++; }
          if (any >= 1 && s > w[i]! + 1e-9) {
            const present = parts.filter((c) => !Number.isNaN(eff.get(c)?.[i] ?? NaN));
            emit(severity, "parts_le_whole", i, [...present, whole], { parts: present.map(label).join(", "), whole: label(whole), pv: fmt(s), wv: fmt(w[i]!), id });
          }
        }
      });
    }
  }

  // Totals the workbook reports against the sum of their parts.
  for (const ind of catalog.indicators) {
    if (ind.kind !== "sum") continue;
    const { code, of, tolerance = 0 } = ind;
    checks.push((t, eff, emit) => {
      const rep = t.values.get(code);
      if (!rep) return;
      const parts = of!.map((c) => eff.get(c));
      if (parts.every((a) => !a)) return;
      for (let i = 0; i < rep.length; i++) {
        const r = rep[i]!;
        if (Number.isNaN(r)) continue;
        let s = 0;
        let present = 0;
        for (const a of parts) if (a && !Number.isNaN(a[i]!)) { s += a[i]!; present++; }
        if (present === 0) continue;
        const complete = present === parts.length;
        if ((complete && Math.abs(s - r) > tolerance + 1e-9) || (!complete && present >= 2 && s > r + tolerance + 1e-9)) {
          const names = of!.filter((_, k) => parts[k] && !Number.isNaN(parts[k]![i]!));
          emit("error", "sum_total", i, [code, ...names], { name: label(code), reported: fmt(r), sum: fmt(s), parts: names.map((c) => `${label(c)} ${fmt(eff.get(c)![i]!)}`).join(" + ") });
        }
      }
    });
  }

  // Reported rates against their numerator and denominator, or against whichever is known.
  for (const ind of catalog.indicators) {
    if (ind.kind !== "ratio") continue;
    const { code, numerator, denominator, scale = 100 } = ind;
    checks.push((t, eff, emit) => {
      const rep = t.values.get(code);
      if (!rep) return;
      const dec = t.decimals.get(code)!;
      const nums = numerator!.map((c) => eff.get(c));
      const dens = denominator!.map((c) => eff.get(c));
      for (let i = 0; i < rep.length; i++) {
        const r = rep[i]!;
        if (Number.isNaN(r)) continue;
        const d = Math.max(0, dec[i]!);
        const num = sumAt(nums, i);
        const den = sumAt(dens, i);
        if (!Number.isNaN(num) && !Number.isNaN(den)) {
          if (den === 0) { if (r !== 0) emit("error", "rate_zero_den", i, [code, ...denominator!], { name: label(code), reported: fmt(r, d) }); continue; }
          if (!rateConsistent(num, den, r, d, scale)) {
            emit("error", "rate_mismatch", i, [code, ...numerator!, ...denominator!], { name: label(code), reported: fmt(r, d), num: fmt(num), den: fmt(den), computed: fmt((num / den) * scale, Math.max(2, d + 1)) });
          }
        } else if (!Number.isNaN(den) && den > 0) {
          const g = grimNumerator(den, r, d, scale);
          if (!g.ok) emit("warning", "rate_grim", i, [code, ...denominator!], { name: label(code), reported: fmt(r, d), den: fmt(den), near: g.near.map((k) => `${fmt(k)}/${fmt(den)} = ${fmt((k / den) * scale, d + 1)}%`).join("; ") });
        } else if (!Number.isNaN(num) && num > 0) {
          const g = grimDenominator(num, r, d, scale);
          if (!g.ok) emit("warning", "rate_grim_den", i, [code, ...numerator!], { name: label(code), reported: fmt(r, d), num: fmt(num), near: g.near.map((k) => `${fmt(num)}/${fmt(k)} = ${fmt((num / k) * scale, d + 1)}%`).join("; ") });
        }
      }
    });
  }

  // The workbook's own total rows against the sum of their unit rows. A SUM range that stops
  // early or skips a row makes every column of that total disagree: one cause, said once.
  checks.push((t, _eff, emit) => {
    const totals: number[] = [];
    const units: number[] = [];
    t.rows.forEach((r, i) => (r.isTotal ? totals : units).push(i));
    if (totals.length === 0 || units.length === 0) return;
    const where = (i: number) => {
      const r = t.rows[i]!;
      return r.sheetRow && !t.cellOf ? (lang === "vi" ? `dòng ${r.sheetRow}` : `row ${r.sheetRow}`) : `"${r.name}"`;
    };
    for (const ti of totals) {
      const groups = new Map<string, { codes: string[]; range: string; left: string }>();
      for (const [code, arr] of t.values) {
        const ind = catalog.byCode.get(code)!;
        if (ind.kind === "ratio" || ind.type === "grade" || ind.type === "percent") continue;
        let s = 0;
        let present = 0;
        for (const i of units) if (!Number.isNaN(arr[i]!)) { s += arr[i]!; present++; }
        if (present === 0) continue;
        const v = arr[ti]!;
        if (Number.isNaN(v) || Math.abs(v - s) <= 1e-6) continue;
        const unreadable = [...(t.unreadable?.get(code) ?? [])].filter((i) => !t.rows[i]!.isTotal);
        if (unreadable.length) {
          // The unit row's cell that could not be read is the cause; the total is its consequence.
          const causedBy = unreadable.map((i) => t.cellOf?.(i, code) ?? (t.rows[i]!.sheetRow && t.columns.has(code) ? a1(t.columns.get(code)!, t.rows[i]!.sheetRow!) : "")).filter(Boolean);
          emit("error", "total_row", ti, [code], { unit: t.rows[ti]!.name, name: label(code), reported: fmt(v), sum: fmt(s), causedBy: causedBy.join(" ") });
          continue;
        }
        const why = explainTotal(arr, units, v);
        if (!why) { emit("error", "total_row", ti, [code], { unit: t.rows[ti]!.name, name: label(code), reported: fmt(v), sum: fmt(s) }); continue; }
        const range = why.kind === "stops" ? (lang === "vi" ? `chỉ cộng đến ${where(why.at)}` : `adds up only to ${where(why.at)}`)
          : why.kind === "starts" ? (lang === "vi" ? `chỉ cộng từ ${where(why.at)}` : `adds up only from ${where(why.at)}`)
          : (lang === "vi" ? "không cộng một đơn vị" : "leaves a unit out");
        const left = why.left.map(where).join(", ");
        const key = `${why.kind}:${why.at}:${why.left.join(",")}`;
        const g = groups.get(key) ?? { codes: [], range, left };
        g.codes.push(code);
        groups.set(key, g);
      }
      for (const g of groups.values()) {
        const names = g.codes.slice(0, 4).map(label).join(", ") + (g.codes.length > 4 ? ", …" : "");
        emit("error", "total_sum_range", ti, g.codes, { unit: t.rows[ti]!.name, range: g.range, left: g.left, count: g.codes.length, names });
      }
    }
  });

  // Required indicators.
  const required = catalog.indicators.filter((i) => i.required);
  checks.push((t, eff, emit, _run, blocks) => {
    if (t.rows.length === 0) return;
    for (const ind of required) {
      const rep = t.values.get(ind.code);
      if (!eff.get(ind.code) && !rep) {
        const nb = blocks ? blocks.starts.length : 1;
        for (let b = 0; b < nb; b++) emit("warning", "required_missing", -1, [ind.code], { name: label(ind.code) }, b);
        continue;
      }
      if (!rep) continue;
      const e = eff.get(ind.code)!;
      // A cell that is there but not a number is reported as such, not also as blank.
      const unreadable = t.unreadable?.get(ind.code);
      for (let i = 0; i < rep.length; i++) if (Number.isNaN(e[i]!) && !t.rows[i]!.isTotal && !unreadable?.has(i)) emit("error", "required_blank", i, [ind.code], { name: label(ind.code) });
    }
  });

  // Targets of the resolutions: information only, for the unit the target is set for — the row
  // of that unit, the total row standing for it, or else the rollup of its rows in the table.
  if (opts.targets?.length && opts.inScope) {
    const inScope = opts.inScope;
    // Every target of the table's unit looks at the same rollup of its rows: compute it once.
    const rollups = new WeakMap<ReportTable, ReturnType<typeof aggregateTable>>();
    const rolledUp = (t: ReportTable) => {
      let r = rollups.get(t);
      if (!r) { r = aggregateTable(t, catalog); rollups.set(t, r); }
      return r;
    };
    for (const target of opts.targets) {
      const ind = catalog.byCode.get(target.indicator);
      if (!ind) continue;
      const shown = (v: number) => (ind.kind === "ratio" ? `${fmt(v, 2)}%` : fmt(v));
      checks.push((t, eff, emit, _run, blocks) => {
        const v = eff.get(target.indicator);
        const nb = blocks ? blocks.starts.length : 1;
        const hit = new Uint8Array(nb);
        if (v) {
          for (let i = 0; i < v.length; i++) {
            const row = t.rows[i]!;
            const unitId = row.isTotal ? opts.totalUnitId : row.unitId;
            if (unitId !== target.scope || Number.isNaN(v[i]!)) continue;
            hit[blocks ? blocks.rowBlock[i]! : 0] = 1;
            if (!meets(v[i]!, target.op, target.value)) emit("info", "target_below", i, [target.indicator], { unit: opts.nameOf?.(target.scope) ?? row.name, name: label(target.indicator), value: shown(v[i]!), op: target.op, target: shown(target.value), source: target.source[lang] });
          }
        }
        // The rollup is the table's own: of each stacked table alone.
        for (let b = 0; b < nb; b++) {
          const own = blocks ? blocks.tables[b]! : t;
          if (hit[b] || !own.rows.some((r) => !r.isTotal && r.unitId && r.unitId !== target.scope && inScope(r.unitId, target.scope))) continue;
          const total = rolledUp(own)[target.indicator];
          if (total !== undefined && !meets(total, target.op, target.value)) {
            emit("info", "target_below", -1, [target.indicator], { unit: opts.nameOf?.(target.scope) ?? target.scope, name: label(target.indicator), value: shown(total), op: target.op, target: shown(target.value), source: target.source[lang] }, b);
          }
        }
      });
    }
  }

  // Unusual change against earlier periods.
  {
    const counts = catalog.indicators.filter((i) => i.kind === "input" && i.type === "count").map((i) => i.code);
    checks.push((t, _eff, emit, run) => {
      const history = run.history ?? opts.history;
      if (!history?.size) return;
      t.rows.forEach((row, i) => {
        const past = row.unitId ? history.get(row.unitId) : undefined;
        if (!past || past.length < 3) return;
        for (const code of counts) {
          const x = t.values.get(code)?.[i];
          if (x === undefined || Number.isNaN(x)) continue;
          const series = past.map((p) => p[code]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
          if (series.length < 3) continue;
          const o = outlier(x, series);
          if (o) emit("warning", "outlier", i, [code], { name: label(code), value: fmt(x), median: fmt(o.median) });
        }
      });
    });
  }

  const runChecks = (table: ReportTable, run: RunOptions, blocks: Blocks | null, owners: number[] | null): Issue[] => {
    const issues: Issue[] = [];
    const eff = effectiveValues(table, catalog);
    const emit: Emit = (severity, rule, row, indicators, params, block) => {
      if (owners) owners.push(block ?? (row >= 0 ? blocks!.rowBlock[row]! : 0));
      const r = row >= 0 ? table.rows[row]! : null;
      const cells: string[] = [];
      if (r && table.cellOf) {
        for (const code of indicators) { const a = table.cellOf(row, code); if (a && !cells.includes(a)) cells.push(a); }
      } else if (r?.sheetRow) {
        for (const code of indicators) {
          const col = table.columns.get(code);
          if (col !== undefined) { const a = a1(col, r.sheetRow); if (!cells.includes(a)) cells.push(a); }
        }
      }
      const unit = (typeof params.unit === "string" ? params.unit : null) ?? (r ? r.name || r.unitId : null);
      const issue: Issue = { severity, rule, sheet: table.sheet, cells, unit, indicators, ...render(rule, lang, { cell: cells[0] ?? "", ...params, unit: unit ?? "" }) };
      if (typeof params.causedBy === "string" && params.causedBy) issue.causedBy = params.causedBy.split(" ");
      issues.push(issue);
    };
    for (const check of checks) check(table, eff, emit, run, blocks);
    return issues;
  };
  const validate = ((table: ReportTable, run: RunOptions = {}) => runChecks(table, run, null, null)) as Validator;
  validate.stacked = (stack, tables, run = {}) => {
    const starts: number[] = [];
    let n = 0;
    for (const t of tables) { starts.push(n); n += t.rows.length; }
    const rowBlock = new Int32Array(n);
    tables.forEach((t, b) => rowBlock.fill(b, starts[b]!, starts[b]! + t.rows.length));
    const owners: number[] = [];
    const issues = runChecks(stack, run, { starts, tables, rowBlock }, owners);
    const out: Issue[][] = tables.map(() => []);
    issues.forEach((issue, k) => {
      const b = owners[k]!;
      issue.sheet = tables[b]!.sheet;
      out[b]!.push(issue);
    });
    return out;
  };
  validate.many = (tables, runs) => validateMany(tables, runs, validate);
  return validate;
}

/**
 * Tables whose rows the checks see alike — the same indicators reported, rows of the same
 * levels, no total rows (their check compares rows of one table), no history of their own —
 * are stacked and checked in one run; every other table alone. What a check decides from a
 * whole table (whether a column or a derived value exists) is then the same for each stacked
 * table as alone, and what it decides per row is per row.
 */
function validateMany(
  tables: readonly ReportTable[],
  runs: readonly (RunOptions | undefined)[] | undefined,
  validate: Validator,
): Issue[][] {
  const alone = validate;
  const out: Issue[][] = new Array(tables.length);
  const groups = new Map<string, number[]>();
  tables.forEach((t, i) => {
    const run = runs?.[i];
    if (t.rows.length === 0 || t.rows.some((r) => r.isTotal) || run?.history?.size) { out[i] = alone(t, run); return; }
    // An empty history of its own still hides the compiled-in one (RunOptions.history).
    let key = run?.history ? "h" : "";
    for (const r of t.rows) key += `${r.level ?? ""}\u0001`;
    for (const code of t.values.keys()) key += `\u0002${code}`;
    const g = groups.get(key);
    if (g) g.push(i); else groups.set(key, [i]);
  });
  for (const idx of groups.values()) {
    if (idx.length === 1) { out[idx[0]!] = alone(tables[idx[0]!]!, runs?.[idx[0]!]); continue; }
    const members = idx.map((i) => tables[i]!);
    const starts: number[] = [];
    let n = 0;
    for (const t of members) { starts.push(n); n += t.rows.length; }
    const rowBlock = new Int32Array(n);
    members.forEach((t, b) => rowBlock.fill(b, starts[b]!, starts[b]! + t.rows.length));
    const codes = [...members[0]!.values.keys()];
    const values = new Map<string, Float64Array>();
    const decimals = new Map<string, Int8Array>();
    for (const code of codes) {
      const v = new Float64Array(n);
      const d = new Int8Array(n).fill(-1);
      members.forEach((t, b) => { v.set(t.values.get(code)!, starts[b]!); const td = t.decimals.get(code); if (td) d.set(td, starts[b]!); });
      values.set(code, v);
      decimals.set(code, d);
    }
    const unreadable = new Map<string, Set<number>>();
    members.forEach((t, b) => {
      for (const [code, set] of t.unreadable ?? []) {
        let u = unreadable.get(code);
        if (!u) { u = new Set(); unreadable.set(code, u); }
        for (const i of set) u.add(starts[b]! + i);
      }
    });
    const stack: ReportTable = {
      sheet: "", rows: members.flatMap((t) => t.rows), values, decimals, columns: new Map(), unreadable,
      // Each row's cells are where its own table has them.
      cellOf: (i, code) => {
        const b = rowBlock[i]!;
        const t = members[b]!;
        const j = i - starts[b]!;
        if (t.cellOf) return t.cellOf(j, code);
        const r = t.rows[j]!;
        const col = t.columns.get(code);
        return r.sheetRow && col !== undefined ? a1(col, r.sheetRow) : null;
      },
    };
    const found = validate.stacked(stack, members, runs?.[idx[0]!] ?? {});
    idx.forEach((i, b) => { out[i] = found[b]!; });
  }
  return out;
}

/**
 * Why a total row's value differs from the sum of its units, when its value says it: the sum of
 * the units down to one of them (a SUM range that stops early), from one of them on (one that
 * starts late), or of all but one.
 */
function explainTotal(arr: Float64Array, units: number[], v: number): { kind: "stops" | "starts" | "skips"; at: number; left: number[] } | null {
  const near = (a: number) => Math.abs(a - v) <= 1e-6;
  const counts = (rest: number[]) => rest.some((i) => !Number.isNaN(arr[i]!) && arr[i]! !== 0);
  // The longest range that gives the total: zeros after the range's end do not move it, and
  // "stops at row 13" is the reading the clerk's SUM has, not "stops at row 12".
  let prefix = 0;
  let stop = -1;
  for (let k = 0; k < units.length - 1; k++) {
    const x = arr[units[k]!]!;
    if (!Number.isNaN(x)) prefix += x;
    if (near(prefix) && counts(units.slice(k + 1))) stop = k;
  }
  if (stop >= 0) return { kind: "stops", at: units[stop]!, left: units.slice(stop + 1) };
  let suffix = 0;
  let start = -1;
  for (let k = units.length - 1; k > 0; k--) {
    const x = arr[units[k]!]!;
    if (!Number.isNaN(x)) suffix += x;
    if (near(suffix) && counts(units.slice(0, k))) start = k;
  }
  if (start >= 0) return { kind: "starts", at: units[start]!, left: units.slice(0, start) };
  let total = 0;
  for (const i of units) if (!Number.isNaN(arr[i]!)) total += arr[i]!;
  for (const i of units) {
    const x = arr[i]!;
    if (!Number.isNaN(x) && x !== 0 && near(total - x)) return { kind: "skips", at: i, left: [i] };
  }
  return null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Modified z-score (Iglewicz and Hoaglin): 0.6745·(x − median)/MAD, unusual beyond 3.5. */
export function outlier(x: number, series: number[]): { median: number; z: number } | null {
  const med = median(series);
  const mad = median(series.map((v) => Math.abs(v - med)));
  if (mad === 0) {
    // A series that never moved: only a large jump is unusual, not a step of one.
    return Math.abs(x - med) > Math.max(5, 0.5 * Math.abs(med)) ? { median: med, z: Infinity } : null;
  }
  const z = (0.6745 * (x - med)) / mad;
  return Math.abs(z) > 3.5 ? { median: med, z } : null;
}

function sumAt(arrays: (Float64Array | undefined)[], i: number): number {
  let s = 0;
  for (const a of arrays) { if (!a) return NaN; s += a[i]!; }
  return s;
}


function typeCheck(ind: Indicator, name: string, fmt: (v: number, d?: number) => string): Check {
  const isCount = ind.type === "count" || ind.type === "yesno";
  const { min, max } = valueBounds(ind);
  const code = ind.code;
  return (t, _eff, emit) => {
    const v = t.values.get(code);
    if (!v) return;
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (Number.isNaN(x)) continue;
      if (x < 0 && min >= 0) emit("error", "negative", i, [code], { name, value: fmt(x) });
      else if (isCount && !Number.isInteger(x)) emit("error", "not_integer", i, [code], { name, value: fmt(x) });
      else if (ind.type === "yesno" && x > 1 && rowCountsAs(t.rows[i]!, "commune") && t.rows[i]!.level === "commune") emit("error", "yesno", i, [code], { name, value: fmt(x) });
      else if (x < min || x > max) emit("error", "out_of_bounds", i, [code], { name, value: fmt(x), min: fmt(min), max: fmt(max) });
    }
  };
}

/** Validation in one call, for hosts that validate a table once. */
export function validateTable(table: ReportTable, catalog: Catalog, opts: ValidateOptions = {}): Issue[] {
  return compileValidator(catalog, opts)(table);
}

export function summarize(issues: readonly Issue[]): { errors: number; warnings: number; infos: number } {
  let errors = 0, warnings = 0, infos = 0;
  for (const i of issues) { if (i.severity === "error") errors++; else if (i.severity === "warning") warnings++; else infos++; }
  return { errors, warnings, infos };
}
