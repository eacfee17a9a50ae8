import type { Catalog } from "../catalog/catalog.ts";
import { getCatalog } from "../catalog/catalog.ts";
import { catalogFor } from "../catalog/by-period.ts";
import type { Lang } from "../model.ts";
import { formatNumber } from "../messages/issues.ts";
import { periodInWords } from "../report/period-words.ts";
import type { Scorecard } from "./scorecard.ts";
import { asText } from "../annotate/cell-text.ts";
import { planPrint, type PrintPlan } from "../report/print-plan.ts";
import { vietnamTime } from "../report/unit-status.ts";

export { SCORECARD_SHEET } from "../report/sheet-names.ts";

const HEAD: Record<Lang, string[]> = {
  vi: ["Hạng", "Đơn vị", "Điểm chất lượng", "Đầy đủ", "Đúng hạn", "Giá trị sai quy tắc", "Giá trị bất thường", "Ổn định so với 3 kỳ trước", "Cần xem lại"],
  en: ["Rank", "Unit", "Quality score", "Completeness", "On time", "Values failing rules", "Outlying values", "Stable against the previous 3 periods", "To review"],
};

export interface ScorecardLayout {
  title: string[];
  header: string[];
  formats: string[];
  rows: (string | number)[][];
  summary: (string | number)[];
  /** 0-based row of the header (one blank row under the title): repeated on every printed page, the rows below it scroll. */
  headerRow: number;
  /** Column widths in characters, for every host. */
  widths: number[];
  /** How it prints (shared/report/print-plan.ts): rank and unit repeated, text never under 8 pt. */
  plan: PrintPlan;
  /** Kept in view while scrolling: the rows through the header, the rank and unit columns. */
  freeze: { rows: number; columns: number };
}

/**
 * This period against the mean of the previous three, as people say it: "gấp 7,34 lần" only above
 * the mean, "chỉ bằng 58%" below it ("gấp 0,58" would read as more).
 */
export function againstMean(ratio: number, lang: Lang): string {
  if (ratio >= 1) return lang === "vi" ? `gấp ${formatNumber(ratio, lang, 2)} lần trung bình 3 kỳ trước` : `${formatNumber(ratio, lang, 2)} times the mean of the previous 3`;
  const pct = formatNumber(Math.round(ratio * 100), lang, 0);
  return lang === "vi" ? `chỉ bằng ${pct}% trung bình 3 kỳ trước` : `only ${pct}% of the mean of the previous 3`;
}

/** Rank, unit, score, completeness, on time, rules, outliers, over time, what to review. */
export const SCORECARD_WIDTHS: readonly number[] = [7, 28, 12, 11, 11, 14, 14, 16, 60];

/** The scorecard as a sheet: the units ranked, each dimension as people read it, what to review by name. */
export function layoutScorecard(sc: Scorecard, lang: Lang, opts: { provinceName?: string; catalog?: Catalog } = {}): ScorecardLayout {
  const catalog = catalogFor(opts.catalog ?? getCatalog(), sc.period);
  const vi = lang === "vi";
  const label = (c: string) => catalog.byCode.get(c)?.label[lang] ?? c;
  const pct = (x: number) => x / 100;
  const rows = sc.units.map((u) => {
    const stable = u.overTime.length ? `${u.overTime.filter((o) => !o.flagged).length}/${u.overTime.length}` : vi ? "chưa đủ 3 kỳ" : "fewer than 3 periods";
    const review = [
      ...u.outliers.indicators.map((c) => `${label(c)} (${vi ? "bất thường" : "outlier"})`),
      ...u.overTime.filter((o) => o.flagged).map((o) => `${label(o.indicator)} (${againstMean(o.ratio, lang)})`),
    ].join("; ");
    return [
      u.rank, u.name, u.submitted ? Math.round(u.score * 10) / 10 : vi ? "Chưa gửi" : "Not submitted",
      pct(u.completeness), u.submitted ? (u.timeliness === 100 ? (vi ? "Đúng hạn" : "On time") : vi ? "Muộn" : "Late") : vi ? "Chưa gửi" : "Missing",
      u.consistency.rate === null ? "" : `${u.consistency.failing}/${u.consistency.checked}`,
      u.outliers.checked ? `${u.outliers.flagged}/${u.outliers.checked}` : "", stable, review,
    ];
  });
  const s = sc.summary;
  // Unit names come from a province's registry import: every text cell is marked at this one
  // point, as in the rollup sheet, so no host writes a formula from them.
  const safe = <T extends string | number>(row: T[]): T[] => row.map((c) => (typeof c === "string" ? asText(c) : c) as T);
  return safeLayout(safe, {
    title: [
      vi ? `CHẤT LƯỢNG SỐ LIỆU BÁO CÁO — ${(opts.provinceName ?? sc.province).toLocaleUpperCase("vi")}` : `DATA QUALITY — ${opts.provinceName ?? sc.province}`,
      `${periodInWords(sc.period, lang)} · ${vi ? `tính lúc ${vietnamTime(sc.computedAt)} (giờ Việt Nam)` : `computed ${vietnamTime(sc.computedAt)} (Vietnam time)`}`,
    ],
    headerRow: 3, widths: [...SCORECARD_WIDTHS], freeze: { rows: 4, columns: 2 },
    plan: planPrint({ widths: [...SCORECARD_WIDTHS], lead: 2, repeatRows: [3, 3], orientation: "landscape" }, lang),
    header: HEAD[lang],
    formats: ["0", "@", "0.0", "0.0%", "@", "@", "@", "@", "@"],
    rows,
    summary: [
      "", vi ? "Toàn tỉnh" : "Province", "", pct(s.completeness),
      `${formatNumber(s.timeliness, lang, 1)}%`, s.consistency === null ? "" : `${formatNumber(100 - s.consistency, lang, 2)}%`,
      String(s.outliers), s.overTime.length ? `${s.overTime.filter((o) => !o.flagged).length}/${s.overTime.length}` : "",
      s.overTime.filter((o) => o.flagged).map((o) => label(o.indicator)).join("; "),
    ],
  });
}

function safeLayout(safe: <T extends string | number>(row: T[]) => T[], l: ScorecardLayout): ScorecardLayout {
  return { ...l, title: safe(l.title), header: safe(l.header), rows: l.rows.map(safe), summary: safe(l.summary) };
}
