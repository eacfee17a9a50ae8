import type { Catalog } from "../catalog/catalog.ts";
import { getCatalog } from "../catalog/catalog.ts";
import { catalogFor } from "../catalog/by-period.ts";
import { rollupUnits, type RollupResponse } from "../contract/rollups.ts";
import type { Comparable } from "./rollup-comparison.ts";
import type { Lang } from "../model.ts";
import { formatNumber } from "../messages/issues.ts";
import { DraftTemplate, periodKind, type DraftTemplateInput } from "./draft-template.ts";
import { DRAFT_TEMPLATES_V1 } from "./draft-templates-v1.ts";
import { formatFigure, isRateCode, roundRate, targetInWords } from "./figures.ts";
import { periodInSentence } from "./period-words.ts";
import { periodOf } from "../calendar/period.ts";
import { documentHead, type DocumentHead, type PartyIssuer } from "./party-document.ts";
import { issuerFor } from "./party-issuers-v1.ts";
import { earlierPeriod } from "./rollup-comparison.ts";
import { vietnamTime } from "./unit-status.ts";

/** A number the draft prints, with where it comes from, so that tests and readers can trace it. */
export interface DraftFigure {
  /** Indicator code, or a name such as "units.reported" for counts of units and targets. */
  code: string;
  kind: "value" | "change" | "target" | "count";
  /** The value as printed (rates rounded to the template's precision; changes signed). */
  value: number;
  /** The period the value belongs to (for changes: the earlier period compared with). */
  period: string;
  text: string;
}
export interface DraftSegment { text: string; figure?: DraftFigure }
export interface DraftParagraph { segments: DraftSegment[]; text: string }
export interface Draft {
  templateId: string;
  templateVersion: string;
  title: string;
  /** "Số liệu tổng hợp lúc … (giờ Việt Nam)": when the rollup behind it was computed. */
  subtitle: string;
  sections: { heading: string; paragraphs: DraftParagraph[] }[];
  /** The party document's head and closing (Hướng dẫn 36-HD/VPTW): issuer, number, place and date, subject, recipients, signature. */
  head: DocumentHead;
}

export interface DraftInput {
  rollup: RollupResponse;
  /**
   * The previous period of the same kind and the same period a year earlier, when they have data:
   * best in this period's units (a province formed in a reorganisation compares with its
   * predecessors' figures, and the subtitle says so).
   */
  previous?: Comparable | null;
  yearEarlier?: Comparable | null;
  lang: Lang;
  /** The templates to choose from (default: the built-in ones); the first that covers the period's kind wins. */
  templates?: readonly DraftTemplateInput[];
  catalog?: Catalog;
  /** Who issues the report (default: the province's entry in PARTY_ISSUERS_V1, else the standard form from its name). */
  issuer?: PartyIssuer;
  /** The day the document is dated (default: when the rollup was computed), printed as Vietnam's calendar day. */
  issuedAt?: Date;
  /** The number the office gives it; without one the document is a draft ("Số     -BC/TU", marked DỰ THẢO). */
  number?: number;
}

type Piece = { lit: string } | { ph: string };
interface Group { optional: boolean; pieces: Piece[] }

export class TemplateError extends Error {}

/** The province's figures of an earlier period, whether given as its rollup or rebuilt in this period's units. */
const totalsOf = (x: Comparable): Record<string, number> => ("inUnitsOf" in x ? x.totals.values : x.totals);

/** Splits template text into literal runs and placeholders, with [optional] groups. */
export function parseTemplateText(text: string): Group[] {
  const groups: Group[] = [{ optional: false, pieces: [] }];
  let cur = groups[0]!;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "[") {
      if (cur.optional) throw new TemplateError(`nested [ at ${i} in "${text}"`);
      cur = { optional: true, pieces: [] };
      groups.push(cur);
      i++;
    } else if (ch === "]") {
      if (!cur.optional) throw new TemplateError(`] without [ at ${i} in "${text}"`);
      cur = { optional: false, pieces: [] };
      groups.push(cur);
      i++;
    } else if (ch === "{") {
      const end = text.indexOf("}", i);
      if (end < 0) throw new TemplateError(`{ without } at ${i} in "${text}"`);
      cur.pieces.push({ ph: text.slice(i + 1, end).trim() });
      i = end + 1;
    } else {
      let j = i;
      while (j < text.length && !"[]{".includes(text[j]!)) j++;
      cur.pieces.push({ lit: text.slice(i, j) });
      i = j;
    }
  }
  if (cur.optional) throw new TemplateError(`[ without ] in "${text}"`);
  return groups.filter((g) => g.pieces.length);
}

/** The template for a period: the first whose kinds cover it. */
export function chooseTemplate(period: string, templates: readonly DraftTemplateInput[] = DRAFT_TEMPLATES_V1): DraftTemplate {
  const kind = periodKind(period);
  const t = templates.find((x) => x.periodKinds.includes(kind));
  if (!t) throw new TemplateError(`no draft template covers periods of kind "${kind}"`);
  return DraftTemplate.parse(t);
}

const CHANGE_WORDS: Record<Lang, { up: string; down: string; same: string; pp: string }> = {
  vi: { up: "tăng", down: "giảm", same: "không thay đổi", pp: " điểm phần trăm" },
  en: { up: "up", down: "down", same: "unchanged", pp: " percentage points" },
};

/** "Trong năm", "Trong 6 tháng", "Trong quý", "Trong tháng": what happened within the period, by its kind. */
const IN_PERIOD: Record<Lang, Record<ReturnType<typeof periodOf>["kind"], string>> = {
  vi: { year: "Trong năm", half: "Trong 6 tháng", quarter: "Trong quý", month: "Trong tháng" },
  en: { year: "In the year", half: "In the half-year", quarter: "In the quarter", month: "In the month" },
};

/** Which units an earlier period's figures cover, in this period's units where they were rebuilt. */
interface Coverage { reported: Set<string>; expected: number; lacking: string[] }
function coverageOf(x: Comparable, lang: Lang): Coverage {
  if ("inUnitsOf" in x) {
    const e = earlierPeriod(x, lang);
    return { reported: new Set(x.units.filter((u) => Object.keys(u.values).length).map((u) => u.unit)), expected: x.units.length, lacking: x.totals.missing.map((c) => e.names[c] ?? c) };
  }
  return { reported: new Set(rollupUnits(x).filter((d) => d.submitted).map((d) => d.unit)), expected: rollupUnits(x).length, lacking: [] };
}

/**
 * The draft report in the period's template: Vietnamese (or English) paragraphs whose every figure
 * comes from the rollup, rates at the template's precision, changes computed from the printed
 * figures (so that they add up as a reader checks them), targets in words.
 */
export function draftReport(input: DraftInput): Draft {
  const { rollup, lang } = input;
  const base = input.catalog ?? getCatalog();
  // Labels of the period's structure; an indicator the period's structure lacks has no value to print.
  const catalog = catalogFor(base, input.rollup.period);
  const template = chooseTemplate(rollup.period, input.templates);
  const dec = template.rateDecimals;
  const shown = (code: string, v: number) => (isRateCode(catalog, code) ? roundRate(v, dec) : v);
  const W = CHANGE_WORDS[lang];

  const change = (code: string, other: Comparable | null | undefined): DraftSegment | null => {
    const cur = rollup.totals[code];
    const prev = other ? totalsOf(other)[code] : undefined;
    if (cur === undefined || prev === undefined || !other) return null;
    const rate = isRateCode(catalog, code);
    // Like with like: when the periods cover other units, a count changes only over the units with figures in both (as the sheet's change row).
    const ind = catalog.byCode.get(code);
    // A rate pools its counts the same way; a rate typed in (not computed from counts) cannot be pooled.
    const parts = rate ? (ind?.kind === "ratio" ? [...ind.numerator!, ...ind.denominator!] : null) : [code];
    const common = parts ? commonUnits(other) : null;
    if (common && parts) {
      const e = earlierPeriod(other);
      const has = (v: Readonly<Record<string, number>> | undefined) => !!v && parts.every((c) => v[c] !== undefined);
      // Every unit with earlier figures reported now: theirs now against the earlier total (a split unit's parts counted once); else unit by unit.
      const used = common.nested ? common.units : common.units.filter((u) => has(unitValues.get(u)) && has(e.units.get(u)?.values));
      if (!used.length || !used.every((u) => has(unitValues.get(u))) || (common.nested && !has(e.totals.values))) return null;
      const sum = (get: (u: string) => Readonly<Record<string, number>>, c: string) => used.reduce((n, u) => n + get(u)[c]!, 0);
      const nowOf = (c: string) => sum((u) => unitValues.get(u)!, c);
      const thenOf = (c: string) => (common.nested ? e.totals.values[c]! : sum((u) => e.units.get(u)!.values, c));
      const rateOf = (of: (c: string) => number) => {
        const den = ind!.denominator!.reduce((n, c) => n + of(c), 0);
        return den > 0 ? (ind!.numerator!.reduce((n, c) => n + of(c), 0) / den) * (ind!.scale ?? 100) : undefined;
      };
      const a = rate ? rateOf(nowOf) : nowOf(code), b = rate ? rateOf(thenOf) : thenOf(code);
      if (a === undefined || b === undefined) return null;
      const d = rate ? roundRate(roundRate(a, dec) - roundRate(b, dec), dec) : a - b;
      const mag = formatNumber(Math.abs(d), lang, rate ? dec : Number.isInteger(d) ? 0 : undefined);
      const n = formatNumber(used.length, lang, 0);
      // No parentheses: the change itself often stands in the template's own.
      const over = lang === "vi" ? ` ở ${n} đơn vị có số liệu cả hai kỳ` : ` across the ${n} units with figures in both periods`;
      const text = `${d === 0 ? W.same : `${d > 0 ? W.up : W.down} ${mag}${rate ? W.pp : ""}`}${over}`;
      return { text, figure: { code, kind: "change", value: d, period: other.period, text } };
    }
    const d = rate ? roundRate(shown(code, cur) - shown(code, prev), dec) : cur - prev;
    const mag = formatNumber(Math.abs(d), lang, rate ? dec : Number.isInteger(d) ? 0 : undefined);
    const text = d === 0 ? W.same : `${d > 0 ? W.up : W.down} ${mag}${rate ? W.pp : ""}`;
    return { text, figure: { code, kind: "change", value: d, period: other.period, text } };
  };

  const unitRows = rollupUnits(rollup);
  const provinceTargets = rollup.targets.filter((t) => t.scope === rollup.province && t.met !== null);
  const count = (code: string, n: number): DraftSegment => {
    const text = formatNumber(n, lang, 0);
    return { text, figure: { code, kind: "count", value: n, period: rollup.period, text } };
  };
  const missing = unitRows.filter((d) => !d.submitted);
  // Approval states count the units that reported: a unit's mark is on its data.
  const inState = (state: string) => unitRows.filter((d) => d.submitted && d.approval.state === state);
  const stateCount = (ph: string, state: string) => { const n = inState(state).length; return n ? count(ph, n) : null; };
  const notMet = provinceTargets.filter((t) => t.met === false);
  const unitName = (code: string) => unitRows.find((d) => d.unit === code)?.name ?? code;
  const unitsNotMet = rollup.targets.filter((t) => t.scope !== rollup.province && t.met === false);

  const fill = (ph: string): DraftSegment | null => {
    const [head, arg] = ph.includes(":") ? [ph.slice(0, ph.indexOf(":")), ph.slice(ph.indexOf(":") + 1)] : [ph, ""];
    switch (head) {
      case "province": return { text: rollup.name };
      case "period": return { text: periodInSentence(rollup.period, lang) };
      case "previous": return input.previous ? { text: periodInSentence(input.previous.period, lang) } : null;
      case "yearEarlier": return input.yearEarlier && input.yearEarlier.period !== input.previous?.period ? { text: periodInSentence(input.yearEarlier.period, lang) } : null;
      case "v": {
        if (!base.byCode.has(arg)) throw new TemplateError(`unknown indicator "${arg}" in {${ph}}`);
        if (!catalog.byCode.has(arg)) return null;
        const v = rollup.totals[arg];
        if (v === undefined) return null;
        const text = formatFigure(catalog, arg, v, lang, dec);
        return { text, figure: { code: arg, kind: "value", value: shown(arg, v), period: rollup.period, text } };
      }
      case "chg": return change(arg, input.previous);
      // For a year the previous period is the year before: said once.
      case "yoy": return input.yearEarlier?.period === input.previous?.period ? null : change(arg, input.yearEarlier);
      case "target": {
        const t = provinceTargets.find((x) => x.indicator === arg);
        if (!t) return null;
        const words = targetInWords(catalog, { indicator: t.indicator, op: t.op, value: t.target }, lang);
        const goal = words.slice(words.indexOf(": ") + 2);
        const text = lang === "vi" ? `mục tiêu ${goal}: ${t.met ? "đã đạt" : "chưa đạt"}` : `target ${goal}: ${t.met ? "met" : "not yet met"}`;
        return { text, figure: { code: arg, kind: "target", value: t.target, period: rollup.period, text } };
      }
      case "inPeriod": return { text: IN_PERIOD[lang][periodOf(rollup.period).kind].toLocaleLowerCase(lang) };
      case "InPeriod": return { text: IN_PERIOD[lang][periodOf(rollup.period).kind] };
      case "units.reported": return count(ph, unitRows.filter((d) => d.submitted).length);
      case "units.expected": return count(ph, unitRows.length);
      case "units.onTime": return count(ph, unitRows.filter((d) => d.status === "on_time").length);
      case "units.late": return count(ph, unitRows.filter((d) => d.status === "late").length);
      case "units.missing": return missing.length ? count(ph, missing.length) : null;
      case "units.missingNames": return missing.length ? { text: missing.map((d) => d.name).join(", ") } : null;
      case "units.approved": return count(ph, inState("approved").length);
      case "units.complete": return stateCount(ph, "complete");
      case "units.reopened": return stateCount(ph, "reopened");
      case "units.returned": return stateCount(ph, "returned");
      case "units.returnedList": {
        const back = inState("returned");
        return back.length ? { text: back.map((d) => `${d.name}${d.approval.comment ? ` (${d.approval.comment})` : ""}`).join(", ") } : null;
      }
      case "targets.met": return provinceTargets.length ? count(ph, provinceTargets.filter((t) => t.met).length) : null;
      case "targets.total": return provinceTargets.length ? count(ph, provinceTargets.length) : null;
      case "targets.notMetList": return notMet.length ? { text: notMet.map((t) => targetInWords(catalog, { indicator: t.indicator, op: t.op, value: t.target }, lang)).join("; ") } : null;
      case "targets.unitsNotMet": return unitsNotMet.length ? count(ph, unitsNotMet.length) : null;
      // Each unit's missed target by the unit's name, with what it achieved, so that nobody has to look it up on the sheet.
      case "targets.unitsNotMetList": return unitsNotMet.length ? { text: unitsNotMet.map((t) => {
        const achieved = t.actual === null ? "" : lang === "vi" ? ` (đạt ${formatFigure(catalog, t.indicator, t.actual, lang, dec)})` : ` (achieved ${formatFigure(catalog, t.indicator, t.actual, lang, dec)})`;
        return `${unitName(t.scope)}: ${targetInWords(catalog, { indicator: t.indicator, op: t.op, value: t.target }, lang)}${achieved}`;
      }).join("; ") } : null;
      default: throw new TemplateError(`unknown placeholder {${ph}}`);
    }
  };

  const paragraph = (text: string): DraftParagraph | null => {
    const segments: DraftSegment[] = [];
    for (const g of parseTemplateText(text)) {
      const out: DraftSegment[] = [];
      let ok = true;
      for (const p of g.pieces) {
        if ("lit" in p) { out.push({ text: p.lit }); continue; }
        const s = fill(p.ph);
        if (!s) { ok = false; break; }
        out.push(s);
      }
      if (ok) segments.push(...out);
      else if (!g.optional) return null;
    }
    if (!segments.length) return null;
    // A change compared with a period that covers other units says so in the same paragraph.
    const periods = new Set(segments.flatMap((x) => (x.figure?.kind === "change" ? [x.figure.period] : [])));
    for (const other of [input.previous, input.yearEarlier]) {
      if (!other || !periods.has(other.period)) continue;
      periods.delete(other.period);
      const note = coverageNote(other);
      if (note) segments.push(...note);
    }
    return { segments, text: segments.map((s) => s.text).join("") };
  };

  // The units whose figures the totals count (with approved data only, the approved ones).
  const reported = new Set(unitRows.filter((d) => d.submitted && Object.keys(d.values).length > 0).map((d) => d.unit));
  const unitValues = new Map(unitRows.map((d) => [d.unit, d.values]));
  /**
   * When the two periods cover other units (null: the same units), the units compared, as the
   * sheet's change row takes them (rollup-comparison.ts): every unit with earlier figures when all
   * of them reported now (`nested`, against the earlier total), else those with figures in both
   * and no split.
   */
  const commonUnits = (other: Comparable): { nested: boolean; units: string[] } | null => {
    const c = coverageOf(other, lang);
    const same = c.expected === unitRows.length && c.reported.size === reported.size && [...reported].every((u) => c.reported.has(u));
    if (same) return null;
    const e = earlierPeriod(other);
    const covered = unitRows.map((d) => d.unit).filter((u) => c.reported.has(u));
    if (covered.every((u) => reported.has(u))) return { nested: true, units: covered };
    return { nested: false, units: covered.filter((u) => reported.has(u) && !e.units.get(u)?.approximate.length) };
  };
  /**
   * Like with like: when the earlier period's figures cover other units than this period's (some
   * had not reported, or a rebuilt total lacks a predecessor), the change is not the units'
   * change, and the paragraph says how many units each side covers.
   */
  const coverageNote = (other: Comparable): DraftSegment[] | null => {
    const c = coverageOf(other, lang);
    const same = c.expected === unitRows.length && c.reported.size === reported.size && [...reported].every((u) => c.reported.has(u));
    if (same && !c.lacking.length) return null;
    const when = periodInSentence(other.period, lang);
    const out: DraftSegment[] = [{ text: lang === "vi" ? " Số liệu so sánh chưa cùng phạm vi: " : " The comparison does not cover the same units: " }];
    if (!same) {
      const mine = count("units.reported", reported.size), all = count("units.expected", unitRows.length);
      const theirs: DraftSegment = { text: formatNumber(c.reported.size, lang, 0), figure: { code: "units.reported", kind: "count", value: c.reported.size, period: other.period, text: formatNumber(c.reported.size, lang, 0) } };
      const theirsAll: DraftSegment = { text: formatNumber(c.expected, lang, 0), figure: { code: "units.expected", kind: "count", value: c.expected, period: other.period, text: formatNumber(c.expected, lang, 0) } };
      out.push(mine, { text: "/" }, all, { text: lang === "vi" ? ` đơn vị báo cáo ${periodInSentence(rollup.period, lang)}, so với ` : ` units reported in ${periodInSentence(rollup.period, lang)}, against ` },
        theirs, { text: "/" }, theirsAll, { text: lang === "vi" ? ` đơn vị ${when}` : ` in ${when}` });
    }
    if (c.lacking.length) out.push({ text: `${same ? "" : "; "}${lang === "vi" ? `số liệu ${when} tính lại còn thiếu ${c.lacking.join(", ")}` : `the figures of ${when} rebuilt without ${c.lacking.join(", ")}`}` });
    out.push({ text: "." });
    return out;
  };

  const line = (text: string) => paragraph(text)?.text ?? text;
  const sections = template.sections
    .map((s) => ({ heading: s.heading[lang], paragraphs: s.paragraphs.map((p) => paragraph(p[lang])).filter((p): p is DraftParagraph => !!p) }))
    .filter((s) => s.paragraphs.length);
  const at = vietnamTime(rollup.computedAt);
  const rebuilt = [input.previous, input.yearEarlier].some((x) => x && "inUnitsOf" in x && x.totals.reconstructed);
  const rebuiltNote = !rebuilt ? "" : lang === "vi" ? "; số liệu kỳ so sánh tính lại theo đơn vị hành chính hiện nay từ các đơn vị cũ" : "; earlier figures rebuilt in today's units from the former units";
  const counted = rollup.completeness.unitsCounted ?? 0;
  const approvedNote = !rollup.approvedOnly ? "" : lang === "vi" ? `; chỉ tính số liệu đã duyệt của ${counted}/${unitRows.length} đơn vị` : `; approved data only, ${counted} of ${unitRows.length} units`;
  // A period before the province existed: the whole report stands on rebuilt figures, and says whose are missing.
  const pastNote = rollup.reconstructed ? `; ${rollup.reconstructed.note[lang].replace(/\.$/, "").replace(/^./, (c) => c.toLocaleLowerCase(lang))}` : "";
  const note = `${approvedNote}${pastNote}${rebuiltNote}`;
  return {
    templateId: template.id,
    templateVersion: template.version,
    title: line(template.title[lang]),
    subtitle: lang === "vi" ? `Số liệu tổng hợp lúc ${at} (giờ Việt Nam)${note}` : `Figures as consolidated at ${at} (Vietnam time)${note}`,
    sections,
    head: documentHead(input.issuer ?? issuerFor({ code: rollup.province, name: rollup.name }), line((template.subject ?? template.title)[lang]), input.issuedAt ?? new Date(rollup.computedAt), lang, input.number),
  };
}
