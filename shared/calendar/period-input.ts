import { toPeriod } from "./period.ts";

/**
 * A reporting period as a clerk types it into a field, in the API's code: "6/2012", "06/2012",
 * "T6/2012", "tháng 6 năm 2012" → 2012-06; "Quý II/2024", "Q2/2024", "quý 2 năm 2024" → 2024-Q2;
 * "6 tháng đầu năm 2024" → 2024-H1 ("cuối" → H2); "Năm 2023", "2023" → 2023; the codes
 * themselves pass unchanged. In English too, as the pane shows periods there: "June 2012",
 * "Jun 2012" → 2012-06; "Q2 2024" → 2024-Q2; "First half of 2024" → 2024-H1; "Year 2024". The whole entry must be a period: a sentence around it is refused,
 * so the pane never queues a submission the server will reject for its period.
 */
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const YEAR = "((?:19|20)\\d{2})";
const SEP = "\\s*(?:[/.-]|\\s|nam)\\s*";

const FORMS: { re: RegExp; code: (m: RegExpExecArray) => string | null }[] = [
  { re: new RegExp(`^${YEAR}-(0[1-9]|1[0-2]|q[1-4]|h[12])$`), code: (m) => `${m[1]}-${m[2]!.toUpperCase()}` },
  { re: new RegExp(`^(?:nam\\s*)?${YEAR}$`), code: (m) => m[1]! },
  { re: new RegExp(`^(?:thang|t)?\\s*(\\d{1,2})(?:${SEP})+${YEAR}$`), code: (m) => month(m[1]!, m[2]!) },
  { re: new RegExp(`^(?:quy|q)\\s*(\\d|i{1,3}|iv)(?:${SEP})+${YEAR}$`), code: (m) => quarter(m[1]!, m[2]!) },
  { re: new RegExp(`^(?:6|sau) thang (dau|cuoi)(?:${SEP})+${YEAR}$`), code: (m) => `${m[2]}-H${m[1] === "dau" ? 1 : 2}` },
  { re: new RegExp(`^(?:nua|ban nien) (dau|cuoi|sau)?\\s*(?:nam)?(?:${SEP})*${YEAR}$`), code: (m) => `${m[2]}-H${m[1] === "cuoi" || m[1] === "sau" ? 2 : 1}` },
  { re: new RegExp(`^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?(?:${SEP})+${YEAR}$`), code: (m) => englishMonth(m[0]!, m[1]!, m[2]!) },
  { re: new RegExp(`^(first|second|1st|2nd) half(?: of)?(?:${SEP})*${YEAR}$`), code: (m) => `${m[2]}-H${m[1] === "first" || m[1] === "1st" ? 1 : 2}` },
  { re: new RegExp(`^h([12])(?:${SEP})+${YEAR}$`), code: (m) => `${m[2]}-H${m[1]}` },
  { re: new RegExp(`^year\\s*${YEAR}$`), code: (m) => m[1]! },
];

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** "June 2012", "Jun 2012", "jun. 2012": the month's full name or its first three letters, nothing in between. */
function englishMonth(whole: string, abbr: string, year: string): string | null {
  const i = MONTHS.findIndex((m) => m.startsWith(abbr));
  const word = whole.slice(0, whole.search(/[\s/.-]|\d/)).replace(/\.$/, "");
  if (i < 0 || !(word === abbr || word === MONTHS[i])) return null;
  return month(String(i + 1), year);
}

function month(mo: string, year: string): string | null {
  const n = Number(mo);
  return n >= 1 && n <= 12 ? `${year}-${String(n).padStart(2, "0")}` : null;
}
function quarter(q: string, year: string): string | null {
  const n = ROMAN[q] ?? Number(q);
  return n >= 1 && n <= 4 ? `${year}-Q${n}` : null;
}

/** The period code for what was typed, or null when it is no period the pane can name. */
export function parsePeriodInput(text: string): string | null {
  if (typeof text !== "string" || text.length > 60) return null;
  // Marks off (đ by hand), lower case; anything but letters, digits, spaces and / . - is no period.
  const f = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
  if (!f || /[^a-z0-9 /.-]/.test(f)) return null;
  for (const { re, code } of FORMS) {
    const m = re.exec(f);
    if (!m) continue;
    const c = code(m);
    return c && toPeriod(c) ? c : null;
  }
  return null;
}
