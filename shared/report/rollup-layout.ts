import type { Catalog } from "../catalog/catalog.ts";
import { getCatalog } from "../catalog/catalog.ts";
import type { Lang } from "../model.ts";
import { asCellText as asText } from "../annotate/cell-text.ts";
import type { RollupResponse } from "../contract/index.ts";

/**
 * The province rollup as a sheet: rows, formats, highlights and the targets table, whichever host
 * writes it (Office.js in the add-in, exceljs in the CLI). Presentation only: every number comes
 * from the API's rollup. Text that Excel could read as a formula is marked as text (asText), which
 * is how Office.js writes text; exceljs writers strip the mark since they always write text.
 */
export const ROLLUP_SHEET = "Tổng hợp tỉnh";
export const ROLLUP_TABLE = "HTCT_TongHopTinh";
/** Excel's "good" and "bad" fills, for targets met and missed. */
export const MET_FILL = "#C6EFCE";
export const MISSED_FILL = "#FFC7CE";

type Cell = string | number;

export interface RollupLayout {
  header: string[];
  /** Indicator code per column (null for the descriptive columns). */
  codes: (string | null)[];
  formats: string[];
  rows: Cell[][];
  total: Cell[];
  /** 0-based row within `rows` (or -1 for the total row) and column, with whether the target is met. */
  highlights: { row: number; col: number; met: boolean }[];
  targets: { header: string[]; rows: Cell[][]; met: (boolean | null)[] };
  chart: { title: string; col: number } | null;
}

const STATUS: Record<Lang, Record<RollupResponse["districts"][number]["status"], string>> = {
  vi: { on_time: "Đúng hạn", late: "Muộn", missing: "Chưa gửi", overdue: "Quá hạn" },
  en: { on_time: "On time", late: "Late", missing: "Missing", overdue: "Overdue" },
};
const HEAD: Record<Lang, string[]> = {
  vi: ["Huyện", "Mã", "Tình trạng", "Phiên bản", "Gửi lúc", "Xã đã báo cáo"],
  en: ["District", "Code", "Status", "Version", "Submitted at", "Communes reported"],
};
const TARGET_HEAD: Record<Lang, string[]> = {
  vi: ["Mục tiêu", "Chỉ tiêu", "Phạm vi", "Điều kiện", "Thực hiện", "Đạt", "Nguồn"],
  en: ["Target", "Indicator", "Scope", "Condition", "Actual", "Met", "Source"],
};
const TOTAL: Record<Lang, string> = { vi: "Toàn tỉnh", en: "Province total" };

const isRate = (catalog: Catalog, code: string) => {
  const ind = catalog.byCode.get(code);
  return !!ind && (ind.kind === "ratio" || ind.type === "percent");
};

/** Rates come as 0–100; Excel percentages are fractions shown with a % format. */
const cellValue = (catalog: Catalog, code: string, v: number | undefined): Cell => (v === undefined ? "" : isRate(catalog, code) ? v / 100 : v);

/** Lays the rollup out as rows and formats: presentation only, every number comes from the API. */
export function layoutRollup(rollup: RollupResponse, lang: Lang, catalog: Catalog = getCatalog()): RollupLayout {
  const present = new Set<string>([...Object.keys(rollup.totals), ...rollup.districts.flatMap((d) => Object.keys(d.values))]);
  const codes = catalog.indicators.map((i) => i.code).filter((c) => present.has(c));
  const label = (code: string) => catalog.byCode.get(code)?.label[lang] ?? code;
  const head = HEAD[lang];
  const header = [...head, ...codes.map(label)].map(asText);
  const formats = [...head.map((_, i) => (i === 3 || i === 5 ? "0" : "@")), ...codes.map((c) => (isRate(catalog, c) ? "0.0%" : catalog.byCode.get(c)?.type === "count" ? "#,##0" : "#,##0.##"))];
  formats[5] = "@";
  const rows = rollup.districts.map((d) => [
    asText(d.name), d.district, STATUS[lang][d.status], d.submitted ? d.version : "",
    d.lastSubmittedAt ? d.lastSubmittedAt.slice(0, 16).replace("T", " ") : "", `${d.communesReported}/${d.communesExpected}`,
    ...codes.map((c) => cellValue(catalog, c, d.values[c])),
  ]);
  const cmp = rollup.completeness;
  const total = [TOTAL[lang], rollup.province, `${cmp.districtsReported}/${cmp.districtsExpected}`, "", "", `${cmp.communesReported}/${cmp.communesExpected}`, ...codes.map((c) => cellValue(catalog, c, rollup.totals[c]))];
  const highlights: RollupLayout["highlights"] = [];
  for (const tg of rollup.targets) {
    const col = codes.indexOf(tg.indicator);
    if (col < 0 || tg.met === null) continue;
    const row = tg.scope === rollup.province ? -1 : rollup.districts.findIndex((d) => d.district === tg.scope);
    if (row === -1 && tg.scope !== rollup.province) continue;
    highlights.push({ row, col: head.length + col, met: tg.met });
  }
  const yes = lang === "vi" ? ["Đạt", "Chưa đạt", "Chưa có số liệu"] : ["Met", "Not met", "No data"];
  const targets = {
    header: TARGET_HEAD[lang],
    rows: rollup.targets.map((tg) => [
      asText(tg.id), asText(label(tg.indicator)), tg.scope, `${tg.op} ${tg.target}`,
      tg.actual === null ? "" : tg.actual, tg.met === null ? yes[2]! : tg.met ? yes[0]! : yes[1]!, asText(tg.source[lang]),
    ]),
    met: rollup.targets.map((tg) => tg.met),
  };
  const rateCol = codes.findIndex((c) => catalog.byCode.get(c)?.kind === "ratio");
  const chart = rateCol >= 0 ? { title: label(codes[rateCol]!), col: head.length + rateCol } : null;
  // Every text cell through asText at this one point, whatever field it came from (a registry
  // name, a target's source, a status word), so no column can be missed.
  const safe = (row: Cell[]): Cell[] => row.map((c) => (typeof c === "string" ? asText(c) : c));
  return {
    header: safe(header) as string[], codes: [...head.map(() => null), ...codes], formats, rows: rows.map(safe), total: safe(total), highlights,
    targets: { header: safe(targets.header) as string[], rows: targets.rows.map(safe), met: targets.met },
    chart: chart && { ...chart, title: asText(chart.title) },
  };
}

