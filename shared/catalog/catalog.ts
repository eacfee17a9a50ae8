import { CatalogSource, type CatalogSourceParsed, type Family, type GradeClass, type IndicatorPeriod, type Rule, type Text, type ValueType } from "./schema.ts";
import { CATALOG_V1 } from "./catalog-v1.ts";

/** One indicator after families and grade classes are expanded: what every host works with. */
export interface Indicator {
  code: string;
  group: string;
  label: Text;
  aliases: string[];
  description?: Text;
  kind: "input" | "ratio" | "sum";
  type: ValueType;
  /** Unit of measure for display: "người", "hộ", "%"; null for yes/no and grades. */
  measureUnit: Text | null;
  /**
   * How values of several units combine: counts and totals add up, yes/no counts the units that
   * have it, a grade counts units per class, a rate is recomputed from its aggregated parts.
   */
  aggregation: "sum" | "count_true" | "count_by_class" | "recompute" | "none";
  bounds?: { min?: number; max?: number };
  required: boolean;
  // Which real tier the indicator counts: "district" is the pre-2025 huyện, not a reporting unit.
  countsUnits?: "commune" | "district";
  /** When the indicator exists and what changes by period (schema.ts, resolved by by-period.ts). */
  validFrom?: string;
  validTo?: string;
  periods?: IndicatorPeriod[];
  classes?: GradeClass[];
  numerator?: string[];
  denominator?: string[];
  scale?: number;
  of?: string[];
  tolerance?: number;
  /** Set on the per-class count of a grade indicator: a commune's grade counts 1 in its class. */
  fromGrade?: { indicator: string; cls: string; index: number };
  /** Set on family members: the dimension items it was expanded from (for two-row headers). */
  dims?: { family: string; row: string; measure: string; rowLabel: Text; measureLabel: Text; rowAliases: string[]; measureAliases: string[] };
}

/** An indicator before its derived display and aggregation fields are filled in. */
type Draft = Omit<Indicator, "measureUnit" | "aggregation">;

export interface Catalog {
  version: string;
  indicators: Indicator[];
  byCode: ReadonlyMap<string, Indicator>;
  rules: Rule[];
  abbreviations: Record<string, string>;
}

export class CatalogError extends Error {}

/** Parses, expands and cross-checks a catalog source; throws CatalogError on a broken catalog. */
export function loadCatalog(source: CatalogSource | unknown): Catalog {
  const parsed = CatalogSource.safeParse(source);
  if (!parsed.success) throw new CatalogError(`catalog does not match its schema: ${parsed.error.message}`);
  const src: CatalogSourceParsed = parsed.data;
  const drafts: Draft[] = [];
  const rules: Rule[] = [...src.rules];

  for (const def of src.indicators) {
    const ind: Draft = { ...def, aliases: def.aliases ?? [] } as Draft;
    drafts.push(ind);
    if (def.kind === "input" && def.type === "grade") {
      if (!def.classes?.length) throw new CatalogError(`${def.code}: a grade indicator needs classes`);
      drafts.push(...gradeCounts(ind, def.classes));
    }
  }
  for (const fam of src.families) drafts.push(...expandFamily(fam, rules));

  const prefixes = Object.keys(src.measureUnits).sort((a, b) => b.length - a.length);
  // "pilot.district_" ends a word part-way: it covers pilot.district_x; "members" covers members.x.
  const covers = (prefix: string, code: string) => code === prefix || code.startsWith(prefix.endsWith("_") ? prefix : `${prefix}.`);
  const indicators: Indicator[] = drafts.map((d) => ({
    ...d,
    aggregation: d.kind === "ratio" ? "recompute" : d.type === "grade" ? "count_by_class" : d.type === "yesno" ? "count_true" : d.type === "number" ? "none" : "sum",
    measureUnit: d.kind === "ratio" || d.type === "percent" ? { vi: "%", en: "%" }
      : d.type === "yesno" || d.type === "grade" ? null
      : ((p) => (p ? src.measureUnits[p]! : null))(prefixes.find((x) => covers(x, d.code))),
  }));
  const byCode = new Map<string, Indicator>();
  for (const ind of indicators) {
    if (byCode.has(ind.code)) throw new CatalogError(`duplicate indicator code ${ind.code}`);
    byCode.set(ind.code, ind);
  }
  checkReferences(indicators, rules, byCode);
  return { version: src.version, indicators, byCode, rules, abbreviations: src.abbreviations };
}

function gradeCounts(ind: Draft, classes: GradeClass[]): Draft[] {
  const out: Draft[] = classes.map((c, index) => ({
    code: `${ind.code}.${c.code}`,
    group: ind.group,
    kind: "input",
    type: "count",
    required: false,
    label: { vi: `${ind.label.vi}: ${c.label.vi}`, en: `${ind.label.en}: ${c.label.en}` },
    aliases: c.aliases.map((a) => `${ind.aliases[0] ?? ""} ${a}`.trim()),
    fromGrade: { indicator: ind.code, cls: c.code, index },
  }));
  out.push({
    code: `${ind.code}.graded`,
    group: ind.group,
    kind: "sum",
    type: "count",
    required: false,
    of: classes.map((c) => `${ind.code}.${c.code}`),
    tolerance: 0,
    label: { vi: `${ind.label.vi}: số được xếp loại`, en: `${ind.label.en}: graded` },
    aliases: [],
  });
  return out;
}

function expandFamily(fam: Family, rules: Rule[]): Draft[] {
  const out: Draft[] = [];
  const measureByCode = new Map(fam.measures.map((m) => [m.code, m]));
  const rowItems = [
    ...fam.rows.map((r) => ({ ...r, totalOf: undefined as string[] | undefined })),
    ...fam.totals.map((t) => ({ code: t.code, label: t.label, aliases: t.aliases, totalOf: t.rows })),
  ];
  for (const row of rowItems) {
    for (const m of fam.measures) {
      const code = `${fam.prefix}.${row.code}.${m.code}`;
      const dims = { family: fam.prefix, row: row.code, measure: m.code, rowLabel: row.label, measureLabel: m.label, rowAliases: row.aliases, measureAliases: m.aliases };
      const label = { vi: `${row.label.vi}: ${m.label.vi}`, en: `${row.label.en}: ${m.label.en}` };
      const aliases = row.aliases.flatMap((ra) => m.aliases.map((ma) => `${ra} ${ma}`));
      if (row.totalOf) {
        out.push({ code, group: fam.group, kind: "sum", type: "count", required: false, of: row.totalOf.map((r) => `${fam.prefix}.${r}.${m.code}`), tolerance: 0, label, aliases, dims });
      } else {
        out.push({ code, group: fam.group, kind: "input", type: m.type, required: false, bounds: m.bounds, label, aliases, dims });
      }
      if (m.partOf && !row.totalOf) {
        if (!measureByCode.has(m.partOf)) throw new CatalogError(`${fam.prefix}: measure ${m.code} is part of unknown measure ${m.partOf}`);
        rules.push({ type: "part_le_whole", id: `${fam.prefix}.${row.code}.${m.code}_le_${m.partOf}`, part: code, whole: `${fam.prefix}.${row.code}.${m.partOf}`, severity: "error" });
      }
    }
    for (const p of fam.partitions) {
      if (row.totalOf) continue;
      rules.push({ type: "parts_le_whole", id: `${fam.prefix}.${row.code}.${p.id}`, parts: p.parts.map((x) => `${fam.prefix}.${row.code}.${x}`), whole: `${fam.prefix}.${row.code}.${p.whole}`, severity: "error" });
    }
    for (const r of fam.rates) {
      const code = `${fam.prefix}.${row.code}.${r.code}`;
      out.push({
        code, group: fam.group, kind: "ratio", type: "percent", required: false, scale: 100,
        numerator: r.num.map((x) => `${fam.prefix}.${row.code}.${x}`),
        denominator: r.den.map((x) => `${fam.prefix}.${row.code}.${x}`),
        label: { vi: `${row.label.vi}: ${r.label.vi}`, en: `${row.label.en}: ${r.label.en}` },
        aliases: row.aliases.flatMap((ra) => [r.label.vi, ...r.aliases].map((a) => `${ra} ${a}`)),
        dims: { family: fam.prefix, row: row.code, measure: r.code, rowLabel: row.label, measureLabel: r.label, rowAliases: row.aliases, measureAliases: [r.label.vi, ...r.aliases] },
      });
    }
  }
  return out;
}

function checkReferences(indicators: Indicator[], rules: Rule[], byCode: Map<string, Indicator>): void {
  const need = (code: string, where: string) => {
    if (!byCode.has(code)) throw new CatalogError(`${where} refers to unknown indicator ${code}`);
  };
  for (const ind of indicators) {
    for (const c of ind.numerator ?? []) need(c, ind.code);
    for (const c of ind.denominator ?? []) need(c, ind.code);
    for (const c of ind.of ?? []) need(c, ind.code);
  }
  for (const r of rules) {
    if (r.type === "part_le_whole") { need(r.part, r.id); need(r.whole, r.id); }
    else { r.parts.forEach((p) => need(p, r.id)); need(r.whole, r.id); }
  }
  // Sums may nest (a total of totals) but must not loop, or evaluation would never end.
  const state = new Map<string, 1 | 2>();
  const visit = (code: string, path: string[]) => {
    if (state.get(code) === 2) return;
    if (state.get(code) === 1) throw new CatalogError(`sum indicators form a cycle: ${[...path, code].join(" → ")}`);
    state.set(code, 1);
    for (const c of byCode.get(code)?.of ?? []) visit(c, [...path, code]);
    state.set(code, 2);
  };
  for (const ind of indicators) visit(ind.code, []);
}

let defaultCatalog: Catalog | undefined;
/** The catalog this build ships with, loaded once. */
export function getCatalog(): Catalog {
  defaultCatalog ??= loadCatalog(CATALOG_V1);
  return defaultCatalog;
}

/** Indicators in dependency order: inputs, then sums (inner first), then ratios. */
const orders = new WeakMap<Catalog, readonly Indicator[]>();
export function evaluationOrder(catalog: Catalog): readonly Indicator[] {
  // Once per catalog: every effective-values pass asks, 3,321 times in a national rollup.
  let hit = orders.get(catalog);
  if (!hit) { hit = computeOrder(catalog); orders.set(catalog, hit); }
  return hit;
}

function computeOrder(catalog: Catalog): Indicator[] {
  const done = new Set<string>();
  const out: Indicator[] = [];
  const add = (ind: Indicator) => {
    if (done.has(ind.code)) return;
    done.add(ind.code);
    for (const c of ind.of ?? []) add(catalog.byCode.get(c)!);
    out.push(ind);
  };
  for (const ind of catalog.indicators) if (ind.kind !== "ratio") add(ind);
  for (const ind of catalog.indicators) if (ind.kind === "ratio") out.push(ind);
  return out;
}
