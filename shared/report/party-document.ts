import { z } from "zod";
import type { Lang } from "../model.ts";

/**
 * Who issues the province's report and how it is signed, as Hướng dẫn 36-HD/VPTW (on the format
 * of party documents) lays the document out: the issuing body in the top left with its number
 * and symbol below, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date in the top right, the kind and
 * subject, the body, "Nơi nhận" and the signature block. This is data, one entry a province
 * (party-issuers-v1.ts), so that a province changes its committee's name, its symbol, its signer's
 * title or its recipients without a code change.
 */
export const PartyIssuer = z.strictObject({
  province: z.string().min(1).max(16),
  /** The superior body on the line above, when the issuer is one of its organs ("TỈNH ỦY …" above "BAN TỔ CHỨC"). */
  superior: z.string().min(1).max(120).optional(),
  /** The issuing body in capitals: "TỈNH ỦY LÂM ĐỒNG". */
  body: z.string().min(1).max(120),
  /** The body's symbol after the document kind's: "TU" gives "Số …-BC/TU". */
  symbol: z.string().regex(/^[A-ZĐ]{1,12}$/u),
  /** The place in the date line: "Lâm Đồng, ngày 07 tháng 12 năm 2026". */
  place: z.string().min(1).max(60),
  signer: z.strictObject({
    /** T/M: signs on behalf of a collective body; K/T: signs for its head. */
    capacity: z.enum(["T/M", "K/T"]),
    /** The collective body (T/M BAN THƯỜNG VỤ) or the head (K/T BÍ THƯ). */
    of: z.string().min(1).max(60),
    /** The signer's own title: "BÍ THƯ", "PHÓ BÍ THƯ". */
    title: z.string().min(1).max(60),
    /** Printed under the signature when known; a draft leaves it to the office. */
    name: z.string().min(1).max(80).optional(),
  }),
  /** "Nơi nhận", in order; the last is where the original is filed. */
  recipients: z.array(z.string().min(1).max(160)).min(1).max(30),
  /** A sample province's details: the document says it is a sample. */
  sample: z.boolean().default(false),
});
export type PartyIssuer = z.infer<typeof PartyIssuer>;
export type PartyIssuerInput = z.input<typeof PartyIssuer>;

/** The head of the document and its closing, in the words printed. */
export interface DocumentHead {
  /** Top left: the superior body when any, then the issuing body, then the star under it. */
  issuer: { superior: string | null; body: string };
  /** "Số -BC/TU" while the office has not given the number. */
  number: string;
  /** Top right. */
  nation: string;
  /** "Lâm Đồng, ngày 07 tháng 12 năm 2026", the day in Vietnam. */
  placeDate: string;
  /** "BÁO CÁO". */
  kind: string;
  /** The subject under the kind: "kết quả xây dựng hệ thống chính trị cơ sở năm 2026". */
  subject: string;
  /** "Nơi nhận:" and its lines, each "- …". */
  recipientsLabel: string;
  recipients: string[];
  signature: { capacity: string; title: string; name: string | null };
  /** "DỰ THẢO" while unnumbered; "BẢN MẪU" too for a sample province. */
  marks: string[];
}

const VN_OFFSET = 7 * 3_600_000;
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * The date line in Vietnam's calendar day (never UTC's): days below 10 and months 1 and 2 written
 * with a leading zero, as the party's and the state's document rules both ask.
 */
export function placeAndDate(place: string, at: Date, lang: Lang): string {
  const t = new Date(at.getTime() + VN_OFFSET);
  const d = t.getUTCDate(), m = t.getUTCMonth() + 1, y = t.getUTCFullYear();
  if (lang === "en") return `${place}, ${d} ${MONTHS_EN[m - 1]} ${y}`;
  return `${place}, ngày ${String(d).padStart(2, "0")} tháng ${m < 3 ? `0${m}` : m} năm ${y}`;
}

const WORDS = {
  vi: { nation: "ĐẢNG CỘNG SẢN VIỆT NAM", kind: "BÁO CÁO", recipients: "Nơi nhận:", draft: "DỰ THẢO", sample: "BẢN MẪU — số liệu và đơn vị mẫu" },
  en: { nation: "COMMUNIST PARTY OF VIET NAM", kind: "REPORT", recipients: "Distribution:", draft: "DRAFT", sample: "SAMPLE — sample units and figures" },
} as const;

/** The report's head and closing from the province's issuer details, the subject and the day it is dated. */
export function documentHead(issuer: PartyIssuer, subject: string, at: Date, lang: Lang, number?: number): DocumentHead {
  const w = WORDS[lang];
  const no = number === undefined ? `     -BC/${issuer.symbol}` : `${number}-BC/${issuer.symbol}`;
  return {
    issuer: { superior: issuer.superior ?? null, body: issuer.body },
    number: lang === "vi" ? `Số ${no}` : `No. ${no}`,
    nation: w.nation,
    placeDate: placeAndDate(issuer.place, at, lang),
    kind: w.kind,
    subject,
    recipientsLabel: w.recipients,
    recipients: issuer.recipients.map((r, i, all) => `- ${r}${i === all.length - 1 ? "." : ","}`),
    signature: { capacity: `${issuer.signer.capacity} ${issuer.signer.of}`, title: issuer.signer.title, name: issuer.signer.name ?? null },
    marks: [...(number === undefined ? [w.draft] : []), ...(issuer.sample ? [w.sample] : [])],
  };
}
