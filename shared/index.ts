/** The domain core: pure TypeScript, no I/O; the add-in, the functions and the CLI import from here. */
// Layers, lowest first; a folder imports only from folders before it, so no arrow runs back:
// model, parse, messages, annotate → calendar → registry → catalog → workbook → contract →
// export → rollup → validate → report → quality. (Left over: calendar/calendar.ts reads
// LEVEL_CODES from registry/levels.ts, which itself sits above calendar/period.ts.)
export * from "./model.ts";
export * from "./catalog/schema.ts";
export { GROUP_LABELS } from "./catalog/groups.ts";
export { searchIndicators, type IndicatorGroup } from "./catalog/search.ts";
export { getCatalog, loadCatalog, evaluationOrder, CatalogError, type Catalog, type Indicator } from "./catalog/catalog.ts";
export { catalogFor, valuesFor } from "./catalog/by-period.ts";
export { parseCell, parseNumberText, asciiDigits, formatDecimals, isPercentFormat, FORMULA_ERRORS, type Parsed } from "./parse/number.ts";
export { MAX_ABS_VALUE, valueBounds } from "./parse/bounds.ts";
export { fold, foldExpand, a1, parseA1, columnLetters, editDistance } from "./parse/text.ts";
export { OrgUnit, OrgUnitRegistry, IsoDate, createUnitMatcher, unitKey, childrenOf, descendantsOf, type UnitMatch, type UnitMatcher } from "./registry/orgunits.ts";
export { detectLayout, isTotalName, type SheetLayout } from "./workbook/layout.ts";
export { mapColumns, matchHeader, valueKindOf, SavedMapping, MIN_CONFIDENCE, CONFIRM_BELOW, type ColumnMapping, type Evidence } from "./workbook/mapping.ts";
export { readSheet, type ReadOptions, type SheetRead } from "./workbook/read.ts";
export { tableFromRecords, type RecordInput } from "./workbook/records.ts";
export { ReaderMemo } from "./workbook/reader-memo.ts";
export { decodeSheet } from "./parse/legacy-encoding.ts";
export { compileValidator, validateTable, summarize, outlier, type ValidateOptions, type RunOptions, type Validator } from "./validate/validate.ts";
export { readSheets, validateReads } from "./validate/read-many.ts";
export { clearFormTemplates, formTemplateCounts } from "./workbook/form-template.ts";
export { totalUnusualChange } from "./validate/trend.ts";
export { changedRows, patchGrid, affectedRows, mergeIssues, issueKey, marksChanged, MAX_PATCH_ROWS, type RowPatch } from "./validate/incremental.ts";
export { effectiveValues } from "./rollup/effective.ts";
export { grimNumerator, grimDenominator, rateConsistent } from "./validate/grim.ts";
export { MESSAGES, render, formatNumber } from "./messages/issues.ts";
export { targetAttainment, meets, type Attainment } from "./validate/targets.ts";
export { aggregate, aggregateTable, rollupTree, withRates, sumValues, type Values, type RollupNode } from "./rollup/rollup.ts";
export { isFormulaLeading, csvField, csvLine } from "./annotate/cell-text.ts";
export { historyCsv } from "./report/history-csv.ts";
export { capChanges, drillDown, versionsFor } from "./rollup/drill-down.ts";
export { planAnnotations, encodeRecord, decodeRecord, asText, asCellText, withoutTextMark, AnnotationRecord, REPORT_SHEET, RECORD_SHEET, SEVERITY_FILL, type CellMark, type ReportPlan } from "./annotate/plan.ts";
export { inferScope, isWithin } from "./registry/scope.ts";
export { LEVELS, LEVEL_CODES, UNIT_TYPES, TYPE_PREFIX, levelLabel, prefixedName, type LevelDef } from "./registry/levels.ts";
export { validOn, unitsValidIn, lifespan, ancestorsOf, provinceOfUnit, reportingUnitsOf, reportingUnitFor, indexOf } from "./registry/dated.ts";
export { reconstruct, sourcesIn, type Reconstruction } from "./rollup/reconstruct.ts";
export { reconstructInUnits, sourceProvinces, type StoredPartition } from "./rollup/in-units.ts";
export { checkRegistry, type RegistryProblem } from "./registry/check.ts";
export { confineToProvince, crossProvinceProblems } from "./registry/lineage.ts";
export { placedSubtree, strandedBy, unplacedIn, type StoredRow, type UnplacedValues } from "./registry/placement.ts";
export { registryFromGrid, MAX_IMPORT_ROWS } from "./registry/import.ts";
export { ReportingCalendar, ProvinceCalendar, CalendarRule, DEFAULT_CALENDAR, DEFAULT_REPORT, ruleFor, cutoffWindow, deadlineFor, timeliness, type Deadline, type Timeliness } from "./calendar/calendar.ts";
export { toPeriod, periodOf, shiftPeriod, periodsBefore, sameTimeYearBefore, afterPeriod, addDays, periodLastDay, type ReportingPeriod, type PeriodKind } from "./calendar/period.ts";
export { parsePeriodInput } from "./calendar/period-input.ts";
export { layoutRollup, ROLLUP_SHEET, ROLLUP_TABLE, MET_FILL, MISSED_FILL, type RollupLayout } from "./report/rollup-layout.ts";
export { APPROXIMATE_FILL, BASIS_COL, earlierPeriod, hasFigures, type Comparable, type ComparisonRow, type EarlierPeriod } from "./report/rollup-comparison.ts";
export { groupByCause, acrossSheets, countByCause, RULE_TITLES, type CauseCount } from "./validate/causes.ts";
export { dataSheets, isDataSheet, workbookIssues } from "./validate/workbook.ts";
export { classifySheet, isUnitName, type SheetKind, type SheetClass } from "./workbook/orient.ts";
export { periodInText, type FoundPeriod } from "./workbook/period.ts";
export { parseRowLabel, type RowLabel } from "./workbook/labels.ts";
export { explainMapping } from "./workbook/explain.ts";
export { formFingerprint, formHeaders, shareableMapping } from "./workbook/fingerprint.ts";
export { savedMappingKey } from "./workbook/mapping-key.ts";
