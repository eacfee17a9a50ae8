import { asText, getCatalog, type Catalog, type Lang } from "../../../shared/index.ts";
import type { RollupResponse } from "../../../shared/contract/index.ts";
import { estimate, RequestBudget, ROWS_PER_WRITE } from "./budget.ts";
import type { XlRun } from "./surface.ts";

export const ROLLUP_SHEET = "Tổng hợp tỉnh";
export const ROLLUP_TABLE = "HTCT_TongHopTinh";
const MET = "#C6EFCE";
const MISSED = "#FFC7CE";

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
  return { header, codes: [...head.map(() => null), ...codes], formats, rows, total, highlights, targets, chart };
}

export function columnName(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Writes or refreshes the rollup sheet in place: the district table (an Excel table), the
 * province total row under it, the targets with attainment highlighted, and a chart of one rate
 * by district. Refreshing removes the old table and chart and rewrites the sheet where it is.
 */
export async function writeRollupSheet(run: XlRun, rollup: RollupResponse, lang: Lang): Promise<{ sheet: string; rows: number; syncs: number }> {
  const layout = layoutRollup(rollup, lang);
  return run(async (ctx) => {
    let syncs = 0;
    const books = ctx.workbook.worksheets.load("items/name");
    await ctx.sync(); syncs++;
    const exists = books.items.some((s) => s.name === ROLLUP_SHEET);
    const ws = exists ? ctx.workbook.worksheets.getItem(ROLLUP_SHEET) : ctx.workbook.worksheets.add(ROLLUP_SHEET);
    if (exists) {
      const tables = ws.tables.load("items/name");
      const charts = ws.charts.load("items/name");
      await ctx.sync(); syncs++;
      for (const t of tables.items) t.delete();
      for (const c of charts.items) c.delete();
      ws.getRange().clear();
    }
    const budget = new RequestBudget(ctx);
    const width = layout.header.length;
    const last = columnName(width - 1);
    const n = layout.rows.length;
    ws.getRange(`A1:${last}1`).values = [layout.header];
    ws.getRange(`A1:${last}1`).format.font.bold = true;
    for (let i = 0; i < Math.max(n, 1); i += ROWS_PER_WRITE) {
      const block = n ? layout.rows.slice(i, i + ROWS_PER_WRITE) : [layout.header.map(() => "")];
      await budget.room(estimate(block));
      const range = ws.getRange(`A${i + 2}:${last}${i + 1 + block.length}`);
      range.numberFormat = block.map(() => layout.formats);
      range.values = block;
      budget.add(block); budget.add(layout.formats);
    }
    const dataRows = Math.max(n, 1);
    const table = ws.tables.add(`A1:${last}${dataRows + 1}`, true);
    table.name = ROLLUP_TABLE;
    table.style = "TableStyleMedium2";
    const totalRow = dataRows + 2;
    const total = ws.getRange(`A${totalRow}:${last}${totalRow}`);
    total.numberFormat = [layout.formats];
    total.values = [layout.total];
    total.format.font.bold = true;
    for (const h of layout.highlights) {
      const row = h.row === -1 ? totalRow : h.row + 2;
      ws.getRange(`${columnName(h.col)}${row}`).format.fill.color = h.met ? MET : MISSED;
    }
    let next = totalRow + 2;
    if (layout.targets.rows.length) {
      const tw = columnName(layout.targets.header.length - 1);
      ws.getRange(`A${next}:${tw}${next}`).values = [layout.targets.header];
      ws.getRange(`A${next}:${tw}${next}`).format.font.bold = true;
      ws.getRange(`A${next + 1}:${tw}${next + layout.targets.rows.length}`).values = layout.targets.rows;
      layout.targets.met.forEach((m, i) => { if (m !== null) ws.getRange(`F${next + 1 + i}`).format.fill.color = m ? MET : MISSED; });
      next += layout.targets.rows.length + 2;
    }
    if (layout.chart && n) {
      // Charts need one contiguous source: district names beside the charted rate.
      const block = layout.rows.map((r) => [r[0]!, r[layout.chart!.col]!]);
      const src = ws.getRange(`A${next}:B${next + n}`);
      src.values = [[layout.header[0]!, asText(layout.chart.title)], ...block];
      ws.getRange(`B${next + 1}:B${next + n}`).numberFormat = block.map(() => ["0.0%"]);
      const chart = ws.charts.add("ColumnClustered", src, "Columns");
      chart.title.text = layout.chart.title;
      chart.setPosition(`D${next}`, `K${next + 18}`);
    }
    ws.getRange(`A:A`).format.columnWidth = 120;
    await ctx.sync(); syncs++;
    return { sheet: ROLLUP_SHEET, rows: n, syncs: syncs + budget.extraSyncs };
  });
}
