// The Tổng hợp tab's state and actions: the province's rollup, status and scorecard sheets, the
// drill-down into one unit, and the draft report (sheet and .docx). It asks the pane only for
// what ReportsHost names, so it can be read and changed without the rest of the App.
import type { Draft } from "../../../../../shared/report/draft.ts";
import { rollupUnits, type RollupResponse } from "../../../../../shared/contract/rollups.ts";
import type { DocSettings } from "../../../doc-settings.ts";
import type { ExcelAdapter } from "../../../excel/adapter.ts";
import type { XlRun } from "../../../excel/surface.ts";
import type { SessionPort } from "../../shell/ports.ts";

/** What the reports need from the pane. */
export interface ReportsHost extends SessionPort {
  busy: string | null;
  readonly deps: { readonly run: XlRun };
  readonly adapter: Pick<ExcelAdapter, "caps">;
  readonly docs: DocSettings;
  explain(e: unknown): string;
}

/** The comparison periods' figures, loaded with the first report (not with the pane). */
async function comparisonsInUnits(...a: Parameters<typeof import("../../../api/comparisons.ts").comparisonsInUnits>) {
  return (await import("../../../api/comparisons.ts")).comparisonsInUnits(...a);
}

export class Reports {
  constructor(private readonly app: ReportsHost) {}

  // ── rollup ─────────────────────────────────────────────────────────────────────────────
  /** The province and period last asked for on the Tổng hợp tab, shown there again after each action. */
  rollupChoice: { province: string; period: string } | null = null;

  async refreshRollup(province: string, period: string): Promise<void> {
    await this.app.task(this.app.t("rollup.fetching"), async () => {
      const api = this.app.api();
      // The layout and its writer load with the first refresh, not with the pane.
      const [rollup, { previous, yearEarlier }, { writeRollupSheet }] = await Promise.all([
        api.rollup(province, period), comparisonsInUnits(api, province, period), import("../../../excel/rollup-sheet.ts")]);
      this.app.busy = this.app.t("rollup.writing", { sheet: "Tổng hợp tỉnh" });
      this.app.render();
      const r = await writeRollupSheet(this.app.deps.run, rollup, this.app.lang, { previous, yearEarlier, caps: this.app.adapter.caps, ownSheets: this.app.docs.reportSheets() });
      await this.app.docs.addReportSheet(r.id);
      this.offerDetails(rollup);
      await this.app.docs.setSheetScope(r.sheet, { province: rollup.province, period: rollup.period });
      this.app.notice = { kind: "ok", text: this.app.t("rollup.done", { sheet: r.sheet, reported: rollup.completeness.unitsReported ?? rollup.completeness.districtsReported, expected: rollup.completeness.unitsExpected ?? rollup.completeness.districtsExpected }) };
    });
  }

  /**
   * The "Tình hình nộp báo cáo" sheet (shared/report/status-layout.ts): who has reported against
   * the calendar's deadlines, and the units still to report with their clerks from the province's
   * assignments. Layout and writer load with the first use, not with the pane.
   */
  async writeStatus(province: string, period: string): Promise<void> {
    await this.app.task(this.app.t("status.fetching"), async () => {
      const api = this.app.api();
      const [rollup, assignments, { layoutStatus, clerksByUnit, STATUS_SHEET }, { statusSheet, writeTableSheet }] = await Promise.all([
        api.rollup(province, period), api.assignments(province),
        import("../../../../../shared/report/status-layout.ts"), import("../../../excel/table-sheet.ts")]);
      this.app.busy = this.app.t("rollup.writing", { sheet: STATUS_SHEET });
      this.app.render();
      const L = layoutStatus(rollup, this.app.lang, { clerks: clerksByUnit(assignments.assignments) });
      const r = await writeTableSheet(this.app.deps.run, statusSheet(STATUS_SHEET, L), this.app.adapter.caps);
      await this.app.docs.addReportSheet(r.id);
      this.app.notice = { kind: "ok", text: this.app.t("status.done", { sheet: r.sheet, missing: L.missing.rows.length, expected: rollupUnits(rollup).length }) };
    });
  }

  /** The "Chất lượng số liệu" sheet: the units ranked by the data-quality scorecard the server computes on demand. */
  async writeScorecard(province: string, period: string): Promise<void> {
    await this.app.task(this.app.t("scorecard.fetching"), async () => {
      const api = this.app.api();
      const [sc, { layoutScorecard, SCORECARD_SHEET }, { scorecardSheet, writeTableSheet }] = await Promise.all([
        api.scorecard(province, period), import("../../../../../shared/quality/scorecard-layout.ts"), import("../../../excel/table-sheet.ts")]);
      this.app.busy = this.app.t("rollup.writing", { sheet: SCORECARD_SHEET });
      this.app.render();
      const name = this.app.assignedProvinces().find((p) => p.code === province)?.name;
      const L = layoutScorecard(sc, this.app.lang, name ? { provinceName: name } : {});
      const r = await writeTableSheet(this.app.deps.run, scorecardSheet(SCORECARD_SHEET, L), this.app.adapter.caps);
      await this.app.docs.addReportSheet(r.id);
      this.app.notice = { kind: "ok", text: this.app.t("scorecard.done", { sheet: r.sheet, units: L.rows.length }) };
    });
  }

  // ── drill-down ─────────────────────────────────────────────────────────────────────────
  /**
   * What "Xem chi tiết" offers, by name: the last rollup's reporting units (a clerk's own only:
   * the server would refuse the others), and under each unit shown the units below it, so one
   * can go down a level at a time.
   */
  detailUnits: { province: string; period: string; units: { code: string; name: string; depth: number }[] } | null = null;
  detailPick = "";

  offerDetails(rollup: RollupResponse): void {
    const own = new Set(this.app.assignedUnits().map((u) => u.code));
    const units = rollupUnits(rollup).filter((u) => this.app.isProvinceStaff() || own.has(u.unit)).map((u) => ({ code: u.unit, name: u.name, depth: 0 }));
    this.detailUnits = { province: rollup.province, period: rollup.period, units };
    if (!units.some((u) => u.code === this.detailPick)) this.detailPick = units[0]?.code ?? "";
  }

  /**
   * The unit's detail into its own sheet (found again by id), then the units below it join the
   * choices. `where` is the province and period when the unit comes from a selected row rather
   * than the list.
   */
  async showDetail(unit: string, where?: { province: string; period: string }): Promise<void> {
    const listed = this.detailUnits?.units.some((u) => u.code === unit) ? this.detailUnits : null;
    const scope = where ?? listed;
    if (!scope) { this.app.notice = { kind: "error", text: this.app.t("detail.pickFirst") }; this.app.render(); return; }
    const { province, period } = scope;
    this.detailPick = unit;
    await this.app.task(this.app.t("detail.fetching"), () => this.writeDetail(unit, province, period));
  }

  private async writeDetail(unit: string, province: string, period: string): Promise<void> {
    // The layout and its writer load with the first detail, not with the pane.
    const [d, { writeDetailSheet }] = await Promise.all([this.app.api().detail(province, period, unit), import("../../../excel/detail-sheet.ts")]);
    const r = await writeDetailSheet(this.app.deps.run, d, this.app.lang, this.app.docs.detailSheet(`${province}|${unit}`), this.app.adapter.caps);
    await this.app.docs.setDetailSheet(`${province}|${unit}`, r.id);
    await this.app.docs.setSheetScope(r.id, { province, period });
    let offer = this.detailUnits;
    if (!offer || offer.province !== province || offer.period !== period) offer = this.detailUnits = { province, period, units: [] };
    let at = offer.units.findIndex((u) => u.code === unit);
    if (at < 0) { offer.units.push({ code: d.unit, name: d.name, depth: 0 }); at = offer.units.length - 1; }
    const depth = offer.units[at]!.depth;
    const known = new Set(offer.units.map((u) => u.code));
    const below = d.rows.filter((x) => x.depth === 1 && x.reported && !known.has(x.unit)).map((x) => ({ code: x.unit, name: x.name, depth: depth + 1 }));
    offer.units.splice(at + 1, 0, ...below);
    const changes = d.history.reduce((n, v) => n + v.changes.length, 0);
    this.app.notice = { kind: "ok", text: this.app.t("detail.done", { sheet: r.sheet, rows: r.rows, versions: d.history.length, changes }) };
  }

  /** The unit of the row selected on the rollup sheet or a detail sheet the pane wrote. */
  async showSelectedDetail(): Promise<void> {
    // Busy from the click on: the selection's reader loads first, and a click meanwhile is not lost
    // in between (nor is the pane idle while it loads).
    await this.app.task(this.app.t("detail.fetching"), async () => {
      const { selectedRow } = await import("../../../excel/selection.ts");
      const row = await selectedRow(this.app.deps.run);
      const scope = row && (this.app.docs.sheetScope(row.sheetId) ?? this.app.docs.sheetScope(row.sheet));
      if (!row || !scope) { this.app.notice = { kind: "error", text: this.app.t("detail.selectRow") }; return; }
      if (!row.code || row.code === scope.province) { this.app.notice = { kind: "error", text: this.app.t("detail.selectUnitRow", { sheet: row.sheet }) }; return; }
      this.detailPick = row.code;
      await this.writeDetail(row.code, scope.province, scope.period);
    });
  }

  // ── draft report ───────────────────────────────────────────────────────────────────────
  /** The last draft made, for the .docx without asking the server again. */
  draft: { province: string; period: string; draft: Draft } | null = null;

  private async makeDraft(province: string, period: string): Promise<Draft> {
    if (this.draft?.province === province && this.draft.period === period) return this.draft.draft;
    const api = this.app.api();
    // The generator and its templates load with the first draft, not with the pane.
    // Compared in this period's units, as the rollup sheet is: the same earlier figures in both.
    const [rollup, { previous, yearEarlier }, { draftReport, TemplateError }] = await Promise.all([
      api.rollup(province, period), comparisonsInUnits(api, province, period), import("../../../../../shared/report/draft.ts")]);
    let draft: Draft;
    try {
      draft = draftReport({ rollup, previous, yearEarlier, lang: this.app.lang });
    } catch (e) {
      if (e instanceof TemplateError) throw new Error(this.app.t("report.template", { message: e.message }));
      throw e;
    }
    this.draft = { province, period, draft };
    return draft;
  }

  /** The draft report (the shared generator) into its own sheet, found again by id on the next refresh. */
  async writeDraft(province: string, period: string): Promise<void> {
    await this.app.task(this.app.t("report.drafting"), async () => {
      this.draft = null;
      const draft = await this.makeDraft(province, period);
      const { writeDraftSheet } = await import("../../../excel/draft-sheet.ts");
      const r = await writeDraftSheet(this.app.deps.run, draft, this.app.docs.draftSheet(), { caps: this.app.adapter.caps, lang: this.app.lang });
      await this.app.docs.setDraftSheet(r.id);
      this.app.notice = { kind: "ok", text: this.app.t("report.written", { sheet: r.sheet, rows: r.rows }) };
    });
  }

  /** The same draft as a Word file; docx is loaded only now, so the pane's first load stays small. */
  async downloadDraft(province: string, period: string): Promise<void> {
    await this.app.task(this.app.t("report.packing"), async () => {
      const draft = await this.makeDraft(province, period);
      const [{ Packer }, { draftDocument }] = await Promise.all([import("docx"), import("../../../../../shared/report/draft-docx.ts")]);
      const blob = await Packer.toBlob(draftDocument(draft));
      const file = `bao-cao-${province}-${period}.docx`;
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = file;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      this.app.notice = { kind: "ok", text: this.app.t("report.downloaded", { file }) };
    });
  }

}
