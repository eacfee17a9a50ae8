import type { Catalog } from "../catalog/catalog.ts";
import { getCatalog } from "../catalog/catalog.ts";
import type { Values } from "../rollup/rollup.ts";
import { compileValidator, outlier } from "../validate/validate.ts";
import { tableFromRecords, type RecordInput } from "../workbook/records.ts";
import { DQR_DEFAULT, type DqrConfig } from "./dqr-config.ts";

/** One reporting unit as the scorecard sees it: its report, its sub-units' rows and its history. */
export interface ScorecardUnitInput {
  unit: string;
  name: string;
  status: "on_time" | "late" | "missing" | "overdue" | "reconstructed";
  submitted: boolean;
  communesExpected: number;
  communesReported: number;
  /** The rows the unit submitted (its communes, or itself), for the catalog's rules. */
  records: RecordInput[];
  /** Its aggregated values this period. */
  values: Values;
  /** Its aggregated values in earlier periods of the same kind, oldest first. */
  history: readonly Values[];
}

export interface OverTime { indicator: string; current: number; mean: number; ratio: number; flagged: boolean }

export interface ScorecardRow {
  unit: string;
  name: string;
  rank: number;
  submitted: boolean;
  /** Share of expected sub-unit reports received and of required indicators present, 0–100. */
  completeness: number;
  /** 100 on time, 0 late or missing. */
  timeliness: number;
  /** Values checked by the catalog's rules and those named by a failing rule. */
  consistency: { checked: number; failing: number; rate: number | null };
  /** Values judged against the unit's history, and the outliers among them. */
  outliers: { checked: number; flagged: number; indicators: string[] };
  overTime: OverTime[];
  /** Mean of the dimension scores that apply (each 0–100). */
  score: number;
}

export interface Scorecard {
  province: string;
  period: string;
  computedAt: string;
  units: ScorecardRow[];
  summary: {
    completeness: number;
    timeliness: number;
    consistency: number | null;
    outliers: number;
    overTime: OverTime[];
  };
}

/** Rules whose findings are about the data's own consistency (not targets, history or layout). */
const NOT_CONSISTENCY = new Set(["outlier", "target_below", "required_missing", "unknown_unit", "misspelled_unit", "duplicate_unit", "text_number"]);

const validators = new WeakMap<Catalog, ReturnType<typeof compileValidator>>();
function validatorOf(catalog: Catalog) {
  let v = validators.get(catalog);
  if (!v) { v = compileValidator(catalog, { lang: "en" }); validators.set(catalog, v); }
  return v;
}

function overTime(catalog: Catalog, values: Values, history: readonly Values[], cfg: DqrConfig): OverTime[] {
  const out: OverTime[] = [];
  for (const code of cfg.overTime.indicators) {
    if (!catalog.byCode.has(code)) continue;
    const cur = values[code];
    const prev = history.slice(-cfg.overTime.periods).map((h) => h[code]).filter((x): x is number => x !== undefined);
    if (cur === undefined || prev.length < cfg.overTime.periods) continue;
    const mean = prev.reduce((s, x) => s + x, 0) / prev.length;
    if (mean === 0) continue;
    const ratio = cur / mean;
    out.push({ indicator: code, current: cur, mean, ratio, flagged: Math.abs(ratio - 1) > cfg.overTime.threshold });
  }
  return out;
}

/**
 * The data-quality scorecard of one province and period (WHO Data Quality Review): per reporting
 * unit, completeness, timeliness, internal consistency (share of values a catalog rule finds
 * wrong), outliers against the unit's own history (modified z-score with MAD) and consistency over
 * time (this period against the mean of the previous three); the units ranked by their score.
 */
export function scorecard(input: { province: string; period: string; units: readonly ScorecardUnitInput[]; provinceValues: Values; provinceHistory: readonly Values[]; now?: Date; config?: DqrConfig; catalog?: Catalog }): Scorecard {
  const catalog = input.catalog ?? getCatalog();
  const cfg = input.config ?? DQR_DEFAULT;
  const validate = validatorOf(catalog);
  const required = catalog.indicators.filter((i) => i.required).map((i) => i.code);
  let checkedAll = 0;
  let failingAll = 0;
  let flaggedAll = 0;

  const rows = input.units.map((u): Omit<ScorecardRow, "rank"> => {
    let checked = 0;
    let failing = 0;
    if (u.records.length) {
      const { table, issues: parseIssues } = tableFromRecords(u.records, catalog);
      for (const arr of table.values.values()) for (let i = 0; i < arr.length; i++) if (!Number.isNaN(arr[i]!) && !table.rows[i]!.isTotal) checked++;
      const bad = new Set<string>();
      for (const is of [...parseIssues, ...validate(table)]) {
        if (is.severity === "info" || NOT_CONSISTENCY.has(is.rule)) continue;
        for (const c of is.indicators) bad.add(`${is.unit}\u0000${c}`);
      }
      failing = Math.min(bad.size, checked);
    }
    checkedAll += checked;
    failingAll += failing;
    const judged: string[] = [];
    let tested = 0;
    if (u.history.length >= cfg.minHistory) {
      for (const [code, x] of Object.entries(u.values)) {
        const ind = catalog.byCode.get(code);
        if (!ind || ind.kind === "ratio" || ind.type === "percent") continue;
        const series = u.history.map((h) => h[code]).filter((v): v is number => v !== undefined);
        if (series.length < cfg.minHistory) continue;
        tested++;
        const o = outlier(x, series);
        if (o && Math.abs(o.z) > cfg.outlierZ) judged.push(code);
      }
    }
    flaggedAll += judged.length;
    const reportShare = u.communesExpected > 0 ? u.communesReported / u.communesExpected : u.submitted ? 1 : 0;
    const requiredShare = required.length ? required.filter((c) => u.values[c] !== undefined).length / required.length : 1;
    const completeness = u.submitted ? 100 * reportShare * requiredShare : 0;
    const timeliness = u.status === "on_time" ? 100 : 0;
    const ot = overTime(catalog, u.values, u.history, cfg);
    const dims = [completeness, timeliness];
    if (checked) dims.push(100 - (100 * failing) / checked);
    if (tested) dims.push(100 - (100 * judged.length) / tested);
    if (ot.length) dims.push((100 * ot.filter((o) => !o.flagged).length) / ot.length);
    return {
      unit: u.unit, name: u.name, submitted: u.submitted, completeness, timeliness,
      consistency: { checked, failing, rate: checked ? (100 * failing) / checked : null },
      outliers: { checked: tested, flagged: judged.length, indicators: judged },
      overTime: ot,
      score: u.submitted ? dims.reduce((s, x) => s + x, 0) / dims.length : 0,
    };
  });
  const ranked = [...rows].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, "vi"));
  const n = input.units.length;
  return {
    province: input.province,
    period: input.period,
    computedAt: (input.now ?? new Date()).toISOString(),
    units: ranked.map((r, i) => ({ ...r, rank: i + 1 })),
    summary: {
      completeness: n ? (100 * input.units.filter((u) => u.submitted).length) / n : 0,
      timeliness: n ? (100 * input.units.filter((u) => u.status === "on_time").length) / n : 0,
      consistency: checkedAll ? 100 - (100 * failingAll) / checkedAll : null,
      outliers: flaggedAll,
      overTime: overTime(catalog, input.provinceValues, input.provinceHistory, cfg),
    },
  };
}

