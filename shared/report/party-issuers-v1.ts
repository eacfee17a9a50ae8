import { PartyIssuer, type PartyIssuerInput } from "./party-document.ts";

/**
 * The issuer of each province's report (version 1): the provincial party committee signing on
 * behalf of its standing committee, reporting to the central Organisation Commission. A province
 * not listed gets the same form built from its registry name (issuerFor); a province that issues
 * through another organ, or signs K/T, gets an entry here.
 */
const STANDARD_RECIPIENTS = [
  "Ban Tổ chức Trung ương (để báo cáo)",
  "Văn phòng Trung ương Đảng (để báo cáo)",
  "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy",
  "Các ban xây dựng Đảng của Tỉnh ủy",
  "Các đảng bộ trực thuộc Tỉnh ủy",
  "Lưu Văn phòng Tỉnh ủy",
];

export const PARTY_ISSUERS_V1: readonly PartyIssuerInput[] = [
  {
    province: "LDG", body: "TỈNH ỦY LÂM ĐỒNG", symbol: "TU", place: "Lâm Đồng",
    signer: { capacity: "T/M", of: "BAN THƯỜNG VỤ", title: "BÍ THƯ" }, recipients: STANDARD_RECIPIENTS,
  },
  {
    province: "BTH", body: "TỈNH ỦY BÌNH THUẬN", symbol: "TU", place: "Bình Thuận",
    signer: { capacity: "T/M", of: "BAN THƯỜNG VỤ", title: "BÍ THƯ" }, recipients: STANDARD_RECIPIENTS,
  },
  {
    // The demo's sample province: its document says it is a sample.
    province: "MAU", body: "TỈNH ỦY TỈNH MẪU", symbol: "TU", place: "Tỉnh mẫu",
    signer: { capacity: "T/M", of: "BAN THƯỜNG VỤ", title: "BÍ THƯ" }, recipients: STANDARD_RECIPIENTS, sample: true,
  },
];

/**
 * The issuer of `province`'s report: its entry in `list`, else the standard form from its name
 * ("Lai Châu" → TỈNH ỦY LAI CHÂU; a centrally-run city's committee is a THÀNH ỦY).
 */
export function issuerFor(province: { code: string; name: string; type?: string; sample?: boolean }, list: readonly PartyIssuerInput[] = PARTY_ISSUERS_V1): PartyIssuer {
  const own = list.find((x) => x.province === province.code);
  if (own) return PartyIssuer.parse(own);
  const city = province.type === "thanh_pho_tw" || /^Thành phố\s/u.test(province.name);
  // Sample units are always named as samples ("Tỉnh mẫu STS"), so the name tells when the flag is not at hand.
  const sample = province.sample ?? /(^|\s)mẫu(\s|$)/u.test(province.name);
  // A sample keeps its whole name, so that "Tỉnh mẫu STS" never reads as a place.
  const place = sample ? province.name : province.name.replace(/^(Tỉnh|Thành phố)\s+/u, "");
  const committee = city ? "Thành ủy" : "Tỉnh ủy";
  return PartyIssuer.parse({
    province: province.code, body: `${committee.toLocaleUpperCase("vi")} ${place.toLocaleUpperCase("vi")}`, symbol: "TU", place,
    signer: { capacity: "T/M", of: "BAN THƯỜNG VỤ", title: "BÍ THƯ" },
    recipients: STANDARD_RECIPIENTS.map((r) => r.replace(/Tỉnh ủy/gu, committee)), sample,
  });
}
