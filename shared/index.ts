/** The domain core: pure TypeScript, no I/O; the add-in, the functions and the CLI import from here. */
export * from "./model.ts";
export * from "./catalog/schema.ts";
export { getCatalog, loadCatalog, evaluationOrder, CatalogError, type Catalog, type Indicator } from "./catalog/catalog.ts";
export { parseCell, parseNumberText, formatDecimals, isPercentFormat, FORMULA_ERRORS, type Parsed } from "./parse/number.ts";
export { fold, foldExpand, a1, parseA1, columnLetters, editDistance } from "./parse/text.ts";
export { OrgUnit, OrgUnitRegistry, createUnitMatcher, unitKey, childrenOf, descendantsOf, type UnitMatch, type UnitMatcher } from "./registry/orgunits.ts";
export { detectLayout, isTotalName, type SheetLayout } from "./workbook/layout.ts";
export { mapColumns, matchHeader, SavedMapping, MIN_CONFIDENCE, type ColumnMapping } from "./workbook/mapping.ts";
export { readSheet, tableFromRecords, type ReadOptions, type SheetRead, type RecordInput } from "./workbook/read.ts";
export { compileValidator, validateTable, summarize, outlier, type ValidateOptions, type RunOptions } from "./validate/validate.ts";
export { effectiveValues } from "./validate/effective.ts";
export { grimNumerator, grimDenominator, rateConsistent } from "./validate/grim.ts";
export { MESSAGES, render, formatNumber } from "./validate/messages.ts";
export { targetAttainment, meets, type Attainment } from "./validate/targets.ts";
export { aggregate, aggregateTable, rollupTree, withRates, sumValues, type Values, type RollupNode } from "./rollup/rollup.ts";
export { planAnnotations, encodeRecord, decodeRecord, asText, withoutTextMark, AnnotationRecord, REPORT_SHEET, RECORD_SHEET, SEVERITY_FILL, type CellMark, type ReportPlan } from "./annotate/plan.ts";
export { inferScope, isWithin } from "./registry/scope.ts";
export { layoutRollup, ROLLUP_SHEET, ROLLUP_TABLE, MET_FILL, MISSED_FILL, type RollupLayout } from "./report/rollup-layout.ts";
