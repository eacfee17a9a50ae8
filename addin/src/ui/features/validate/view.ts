import { toPeriod, periodLastDay, savedMappingKey, summarize, validOn, type ColumnMapping, type Issue, type Severity } from "../../../../../shared/index.ts";
import type { SavedMapping, SheetRead } from "../../../../../shared/index.ts";
import type { RegistryProposal, SharedMapping } from "../../../../../shared/contract/index.ts";
import { proposableUnits } from "../../../../../shared/registry/proposable.ts";
import type { Scope } from "../../../doc-settings.ts";
import type { SheetSnapshot } from "../../../excel/adapter.ts";
import type { PickerPort } from "../../indicator-picker.ts";
import type { SessionPort } from "../../shell/ports.ts";
import { field, h, select } from "../../dom.ts";
import { action } from "../../controls.ts";
import { indicatorPicker } from "../../indicator-picker.ts";
import { renderReadSummary } from "../../read-summary.ts";
import { periodMismatch, periodWords, type PeriodNotePort } from "../../period-note.ts";

const SEVERITIES: Severity[] = ["error", "warning", "info"];

/** What the Kiểm tra tab reads and does. */
export interface ValidatePort extends SessionPort, PickerPort, PeriodNotePort {
  sheets: string[];
  sheet: string;
  snapshot: SheetSnapshot | null;
  read: SheetRead | null;
  issues: Issue[];
  mappingDraft: SavedMapping;
  readonly periodTyped: string | null;
  readonly sharedMapping: SharedMapping | null;
  validate(): Promise<void>;
  annotate(): Promise<void>;
  clear(): Promise<void>;
  goto(issue: Issue): Promise<void>;
  /** Selects a cell of the checked sheet (a column to confirm, clicked). */
  selectCell(cell: string): Promise<void>;
  applyMapping(): Promise<void>;
  readonly proposal: { sheet: string; sent: RegistryProposal } | null;
  proposeUnits(): Promise<void>;
  setPeriod(typed: string): Promise<void>;
  saveScope(scope: Partial<Scope>): Promise<void>;
}

export function renderValidate(app: ValidatePort): HTMLElement {
  // Reporting units: whatever sits directly under a province in the chosen period (districts before July 2025, communes since).
  const provinces = new Set(app.registry.filter((u) => !u.parent).map((u) => u.code));
  const period = app.scope.period && toPeriod(app.scope.period) ? app.scope.period : null;
  const units = app.registry.filter((u) => u.parent && provinces.has(u.parent) && (!period || validOn(u, periodLastDay(period))));
  const scope = h("div", { class: "row" },
    // A clerk picks among the units assigned to them, by name; province staff among the province's.
    field("v-unit", app.t("validate.unit"), app.assignedUnits().length || units.length
      ? select([{ value: "", label: "—" }, ...(app.assignedUnits().length ? app.assignedUnits() : units).map((u) => ({ value: u.code, label: u.name }))], app.scope.unit ?? "", (v) => void app.saveScope({ unit: v }))
      : h("input", { type: "text", value: app.scope.unit ?? "", autocomplete: "off", onchange: (e: Event) => void app.saveScope({ unit: (e.target as HTMLInputElement).value.trim().toUpperCase() }) })),
    // The period in words ("Tháng 6 năm 2012"), which the field reads back; the sheet's own beside it.
    field("v-period", app.t("validate.period"), h("input", { type: "text", value: app.periodTyped ?? periodWords(app, app.scope.period, true), placeholder: "6/2024", autocomplete: "off",
      "aria-invalid": app.periodTyped !== null ? "true" : null,
      onchange: (e: Event) => void app.setPeriod((e.target as HTMLInputElement).value) }),
      app.periodTyped !== null ? app.t("validate.periodInvalid", { text: app.periodTyped })
        : app.sheetPeriod ? `${app.t("period.fromSheet", { period: periodWords(app, app.sheetPeriod) })} ${app.t("validate.periodHint")}` : app.t("validate.periodHint")),
  );
  const sheetPicker = field("v-sheet", app.t("validate.sheet"),
    select(app.sheets.map((s) => ({ value: s, label: s })), app.sheet, (v) => { app.sheet = v; app.read = null; app.snapshot = null; app.issues = []; app.render(); }));
  const actions = h("div", { class: "actions" },
    action({ id: "v-run", primary: true, disabled: !!app.busy, onclick: () => void app.validate() }, app.t("validate.run")),
    action({ id: "v-annotate", disabled: !!app.busy || !app.read, onclick: () => void app.annotate() }, app.t("validate.annotate")),
    action({ id: "v-clear", disabled: !!app.busy, onclick: () => void app.clear() }, app.t("validate.clear")),
  );
  return h("section", { class: "validate" }, sheetPicker, scope, periodMismatch(app, "v-period-mismatch"), actions, app.read ? results(app) : null);
}

function results(app: ValidatePort): HTMLElement {
  const read = app.read!;
  const s = summarize(app.issues);
  const units = read.units.filter((u) => !u.isTotal).length;
  return h("div", { class: "results" },
    h("p", { class: "counts" }, app.t("validate.rows", { units, mapped: read.mapping.length }), " · ",
      // "43 lỗi" as everywhere else; a zero is not shown in the colour of its severity.
      ...(["error", "warning", "info"] as const).map((sev) => {
        const n = sev === "error" ? s.errors : sev === "warning" ? s.warnings : s.infos;
        return h("span", { class: n ? `count ${sev}` : "count zero" }, app.t(`count.${sev}`, { n }));
      }).flatMap((el, i) => (i ? [" ", el] : [el]))),
    renderReadSummary(read, app.issues, app.catalog, app.lang, app.sharedMapping, (m) => confirmColumn(app, m), (code) => app.registry.find((u) => u.code === code)?.name ?? code),
    issueGroups(app),
    proposeBox(app),
    mapping(app),
  );
}

/**
 * Party cells, villages or residential groups the sheet names and the registry does not know
 * (no public list has them): a signed-in clerk can ask the province to add them (issue 21).
 */
function proposeBox(app: ValidatePort): HTMLElement | null {
  const read = app.read!;
  const { unit } = app.scope;
  if (!app.auth.account || !unit || app.isProvinceStaff()) return null;
  const sent = app.proposal?.sheet === read.sheet ? app.proposal.sent : null;
  const { units } = proposableUnits(read.units);
  if (!units.length && !sent) return null;
  const unitName = app.registry.find((u) => u.code === unit)?.name ?? unit;
  return h("section", { class: "propose", id: "v-propose-box", "aria-labelledby": "v-propose-title" },
    h("h2", { id: "v-propose-title" }, app.t("validate.proposeTitle", { count: sent ? sent.units.length : units.length, unit: unitName })),
    h("ul", {}, (sent ? sent.units : units).map((u) => h("li", {}, u.name))),
    sent ? h("p", { class: "hint", id: "v-proposed" }, app.t("validate.proposedState"))
      : action({ id: "v-propose", disabled: !!app.busy, onclick: () => void app.proposeUnits() }, app.t("validate.propose")));
}

function issueGroups(app: ValidatePort): HTMLElement {
  return h("div", { class: "issues" }, SEVERITIES.map((sev) => {
    const list = app.issues.filter((i) => i.severity === sev);
    if (!list.length) return null;
    return h("details", { class: `group ${sev}`, open: sev !== "info", id: `g-${sev}` },
      h("summary", {}, `${app.t(`severity.${sev}`)} (${list.length})`),
      h("ul", {}, list.map((issue, k) => h("li", {}, issueItem(app, issue, `${sev}-${k}`)))));
  }));
}

function issueItem(app: ValidatePort, issue: Issue, id: string): HTMLElement {
  const cell = issue.cells[0];
  // On a sheet of several tables, which one ("Biểu 02", "bảng 2").
  const named = issue.table && !issue.message.startsWith(issue.table.label) ? issue.table.label : null;
  const table = named ? h("span", { class: "table" }, `${named}: `) : null;
  const text = h("span", { class: "msg" }, table, issue.message, issue.hint ? h("span", { class: "hint" }, ` ${issue.hint}`) : null);
  if (!cell) return h("div", { class: "issue" }, text);
  return h("button", { class: "issue", id: `i-${id}`, title: app.t("validate.goto", { cell }), "aria-label": `${app.t("validate.goto", { cell })}: ${named ? `${named}: ` : ""}${issue.message}`, onclick: () => void app.goto(issue) },
    h("span", { class: "cell" }, cell), text);
}

/** A column to confirm, clicked: its picker open and focused, its cell selected in the sheet. */
function confirmColumn(app: ValidatePort, m: ColumnMapping): void {
  const details = document.getElementById("mapping");
  if (details instanceof HTMLDetailsElement) details.open = true;
  const input = document.getElementById(`map-q-${m.column}`);
  input?.scrollIntoView({ block: "nearest" });
  input?.focus();
  const read = app.read;
  const cell = /\d/.test(m.column) ? m.column : `${m.column}${read?.headerRows[read.headerRows.length - 1] ?? 1}`;
  void app.selectCell(cell);
}

/** The choices column by column (row by row on a form), each picker named for where it reads. */
function mapping(app: ValidatePort): HTMLElement {
  const read = app.read!;
  const all = [...read.mapping, ...read.unmapped].sort((a, b) => a.index - b.index);
  const dirty = Object.keys(app.mappingDraft).length > 0;
  const byRow = read.kind === "form" || read.kind === "transposed";
  const seen = new Set<string>();
  return h("details", { class: "mapping", open: read.unmapped.some((u) => u.source !== "saved") || dirty, id: "mapping" },
    h("summary", {}, `${app.t("validate.mapping")} (${read.mapping.length}/${all.length})`),
    h("p", { class: "hint" }, app.t("validate.mappingHint")),
    h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, app.t(byRow ? "validate.rowHead" : "validate.column")), h("th", { scope: "col" }, app.t("validate.header")), h("th", { scope: "col" }, app.t("validate.indicator")), h("th", { scope: "col" }, app.t("validate.confidence")))),
      h("tbody", {}, all.map((m) => {
        // The reader's key for this entry: a form's row, not the cell its value sits in (D17).
        const key = savedMappingKey(read, m);
        // A form's rate beside its count is read from the same row: chosen with the count, not on its own.
        const derived = seen.has(key);
        seen.add(key);
        const current = key in app.mappingDraft ? app.mappingDraft[key] : m.indicator;
        const value = typeof current === "string" ? current : current && typeof current === "object" ? current.part : "";
        const pct = Math.round(m.confidence * 100);
        const where = byRow ? app.t("validate.whereRow", { row: key }) : app.t("validate.whereColumn", { column: m.column });
        return h("tr", { class: m.indicator ? (m.confidence < 0.8 ? "low" : "") : "unmapped", "data-key": `map|${m.column}` },
          h("td", {}, byRow ? key : m.column),
          h("td", { class: "header" }, m.header),
          h("td", {}, derived
            ? h("span", { class: "hint" }, `${m.indicator ? app.catalog.byCode.get(m.indicator)?.label[app.lang] ?? m.indicator : app.t("validate.ignore")} ${app.t("validate.withRow", { row: key })}`)
            : indicatorPicker(app, m.column, where, m.header, value, (v) => { app.mappingDraft = { ...app.mappingDraft, [key]: v || null }; app.render(); })),
          h("td", { class: "conf" }, m.source === "saved" ? app.t("validate.saved") : confidence(pct)));
      }))),
    action({ id: "map-apply", disabled: !dirty || !!app.busy, onclick: () => void app.applyMapping() }, app.t("validate.apply")),
  );
}

/** The reader's confidence as a Fluent-style bar (role=meter), coloured by how sure it is. */
function confidence(pct: number): HTMLElement {
  return h("span", { class: "meter-wrap" },
    h("span", { class: `meter ${pct < 60 ? "weak" : pct < 80 ? "fair" : "strong"}`, role: "meter", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": pct, "aria-label": `${pct}%` },
      h("span", { class: "meter-bar", style: `width:${pct}%` })),
    ` ${pct}%`);
}
