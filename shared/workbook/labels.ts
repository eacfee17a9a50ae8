import { fold } from "../parse/text.ts";

/**
 * Row labels of report forms: numbering ("I.", "1.", "1.1", "a)", "-", "+", "*"), the "Trong đó" /
 * "Chia ra" / "Gồm" words that make a row part of the row above, and the blocks around a table
 * that are not data (titles, notes, signatures, "Nơi nhận").
 */
export interface RowLabel {
  /** The label without its numbering and part-of words. */
  text: string;
  /** Depth of the numbering: 0 a section (I., A.), 1 an item (1.), 2 and more sub-items (1.1, a), -, +). */
  depth: number;
  /** "Trong đó: nữ", "Chia ra", "Gồm", "Bao gồm": a part of the row above it. */
  partOf: boolean;
  numbering: string;
}

const NUMBERING: { re: RegExp; depth: (m: RegExpExecArray) => number }[] = [
  { re: /^([IVXLC]{1,5})[.)/:-]\s*/u, depth: () => 0 },
  { re: /^([A-DĐ])[.)/]\s+/u, depth: () => 0 },
  { re: /^([0-9]{1,2}(?:\.[0-9]{1,2}){1,3})\.?\s*/u, depth: (m) => m[1]!.split(".").length },
  { re: /^([0-9]{1,2})[.)/]\s*/u, depth: () => 1 },
  { re: /^([a-zđ])[)]\s*/u, depth: () => 2 },
  { re: /^([-–—+*•·])\s*/u, depth: (m) => (m[1] === "+" ? 3 : m[1] === "*" || m[1] === "•" ? 4 : 2) },
];
const PART_OF = /^(trong do|chia ra|bao gom|gom co|gom|trong so do)\b[\s:,]*/;

/**
 * Labels, titles and signature lines repeat on every form of a province: each text is judged
 * once (bounded, so a hostile sheet of distinct texts cannot grow it without end).
 */
function memo<T>(fn: (s: string) => T): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined && !seen.has(s)) {
      v = fn(s);
      if (s.length <= 300) { if (seen.size >= 20_000) seen.clear(); seen.set(s, v); }
    }
    return v as T;
  };
}

export const parseRowLabel = memo((s): RowLabel => Object.freeze(parseRowLabelText(s)));

function parseRowLabelText(raw: string): RowLabel {
  let text = raw.replace(/\s+/g, " ").trim();
  let depth = -1;
  let numbering = "";
  for (const n of NUMBERING) {
    const m = n.re.exec(text);
    if (!m || m[0].length >= text.length) continue;
    depth = n.depth(m);
    numbering = m[1]!;
    text = text.slice(m[0].length).trim();
    break;
  }
  let partOf = false;
  const f = fold(text);
  const p = PART_OF.exec(f);
  if (p) {
    partOf = true;
    // Cut as many words from the raw label as the folded prefix had.
    const words = p[0].trim().split(" ").length;
    text = text.split(" ").slice(words).join(" ").replace(/^[:,\s-]+/, "").trim();
  }
  return { text, depth, partOf, numbering };
}

/** Numbering-only cells of an STT column ("1", "I", "1.1", "a", "-"). */
export function isNumberingCell(raw: string): boolean {
  return /^([IVXLC]{1,5}|[0-9]{1,3}(\.[0-9]{1,2}){0,3}|[a-zđ]|[-+*•])[.)]?$/u.test(raw.trim());
}

const FOOTER = [
  "nguoi lap", "nguoi lap bieu", "ghi chu", "thu truong", "xac nhan", "ngay thang nam", "tm ban thuong vu", "t m ban thuong vu",
  "tm ban chap hanh", "tm dang uy", "tm uy ban", "noi nhan", "bi thu", "pho bi thu", "chu tich", "truong ban", "ke toan", "ky ten",
  "ky ghi ro ho ten", "ghi ro ho ten", "luu", "nguoi duyet", "can bo tong hop", "nguoi tong hop", "tm",
];
/** "Nơi nhận:", "Người lập biểu", "TM. Ban Thường vụ", "…, ngày 30 tháng 6 năm 2012": the blocks below a table. */
export const isFooterText = memo(footerText);
function footerText(raw: string): boolean {
  return isFooterFolded(fold(raw));
}
/** The same test on a text already folded (a row's first cells, folded cell by cell). */
export function isFooterFolded(f: string): boolean {
  if (!f) return false;
  if (FOOTER.some((w) => f === w || f.startsWith(`${w} `))) return true;
  // "Hàm Tân, ngày 30 tháng 6 năm 2012": the place and date line of a signature block.
  return /\bngay [0-9. ]{0,3} ?thang [0-9. ]{0,3} ?nam\b/.test(f) || /^ngay [0-9]{1,2} thang [0-9]{1,2}/.test(f);
}

/** Title lines ("BÁO CÁO …", "BIỂU SỐ 01", "ĐẢNG BỘ …", "Kèm theo …"): above a table, never data. */
export const isTitleText = memo(titleText);
function titleText(raw: string): boolean {
  const f = fold(raw);
  return /^(bao cao|bieu so|bieu mau|mau so|bang tong hop|tong hop|danh sach|thong ke|ket qua|kem theo|dang cong san viet nam|cong hoa xa hoi|doc lap tu do|so lieu)\b/.test(f)
    || (raw.length > 8 && raw === raw.toUpperCase() && /\p{Lu}/u.test(raw) && raw.split(" ").length >= 3);
}

/**
 * What a value column of a form holds, from its header: a count ("Số lượng", "SL"), a rate ("Tỷ
 * lệ", "%"), this or an earlier period ("Kỳ này", "Năm 2023"), a plan or its fulfilment, notes.
 */
export type ValueRole = "count" | "rate" | "value" | "plan" | "unit" | "note";

export function valueRole(header: string): ValueRole | null {
  const f = fold(header);
  if (!f) return null;
  if (/^(don vi tinh|dvt|don vi)$/.test(f)) return "unit";
  if (/^(ghi chu|ghi chu khac)$/.test(f)) return "note";
  if (/^(so luong|sl|tong so|so|so lieu|gia tri|ket qua)$/.test(f)) return "count";
  if (/^(ty le|tl|ty le %|%|ti le|ty le phan tram)$/.test(f) || /^ty le\b.*%$/.test(f)) return "rate";
  if (/^(ke hoach|chi tieu|chi tieu ke hoach|chi tieu nghi quyet)$/.test(f)) return "plan";
  return null;
}

/** A unit of measure written as a sub-header ("%", "người", "hộ"); names that double as indicators ("chi bộ", "đảng viên") are not. */
const MEASURE_UNITS = new Set(["%", "nguoi", "ho", "luot", "luot nguoi", "ng"]);
export function measureUnit(raw: string): "rate" | "count" | null {
  const f = fold(raw).replace(/^\(|\)$/g, "").trim();
  if (f === "%" || f === "ty le" || f === "tl" || f === "ty le %") return "rate";
  if (MEASURE_UNITS.has(f) || f === "sl" || f === "so luong") return "count";
  return null;
}
