import { describe, expect, it } from "vitest";
import { layoutRollup } from "../../shared/report/rollup-layout.ts";
import JSZip from "jszip";
import { Packer } from "docx";
import type { RollupResponse } from "../../shared/contract/index.ts";
import { draftReport, type Draft } from "../../shared/report/draft.ts";
import { draftDocument } from "../../shared/report/draft-docx.ts";
import { PartyIssuer, placeAndDate } from "../../shared/report/party-document.ts";
import { issuerFor, PARTY_ISSUERS_V1 } from "../../shared/report/party-issuers-v1.ts";
import { hamTanCommuneValues } from "../../seeds/data.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { HAM_TAN_TARGETS } from "../../seeds/targets.ts";
import { rollupFrom } from "./rollup-fixture.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";

const BTH = REGISTRY.filter((u) => u.code === "BTH" || u.code === "BTH-HTN" || u.parent === "BTH-HTN");
const communes = (shift: number) => Object.fromEntries(hamTanCommuneValues().map((u) => [u.unit, { ...u.values, "members.total": Number(u.values["members.total"]) + shift }]));
// Hàm Tân's own 2015 targets (unit scope) and the same as the province's.
const unitTargets = HAM_TAN_TARGETS.filter((t) => t.year === 2015);
const targets = [...unitTargets, ...unitTargets.map((t) => ({ ...t, scope: "BTH", id: `${t.id}-p` }))];
const at = new Date("2016-01-31T18:30:00Z"); // 1 February in Vietnam
const current = rollupFrom({ registry: BTH, province: "BTH", period: "2015", values: new Map([["BTH-HTN", communes(0)]]), targets, now: at });
const previous = rollupFrom({ registry: BTH, province: "BTH", period: "2014", values: new Map([["BTH-HTN", communes(-3)]]) });

async function docx(draft: Draft): Promise<{ document: string; styles: string; headers: string[]; text: string }> {
  const zip = await JSZip.loadAsync(await Packer.toBuffer(draftDocument(draft)));
  const document = await zip.file("word/document.xml")!.async("string");
  const styles = await zip.file("word/styles.xml")!.async("string");
  const headers = await Promise.all(zip.file(/^word\/header\d+\.xml$/).map((f) => f.async("string")));
  return { document, styles, headers, text: document.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "") };
}
const body = (d: Draft) => d.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join("\n");

describe("the report in the party's document form (Hướng dẫn 36-HD/VPTW)", () => {
  const draft = draftReport({ rollup: current, previous, lang: "vi" });

  it("has the issuing body, the nation line, the number, the place and the date in Vietnam, the kind and the subject", async () => {
    const { text } = await docx(draft);
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
    expect(lines.slice(0, 8)).toEqual([
      "DỰ THẢO", "TỈNH ỦY BÌNH THUẬN", "*", "Số      -BC/TU", "ĐẢNG CỘNG SẢN VIỆT NAM",
      "Bình Thuận, ngày 01 tháng 02 năm 2016", "BÁO CÁO", "kết quả xây dựng hệ thống chính trị cơ sở năm 2015",
    ]);
    expect(lines).toContain("Nơi nhận:");
    expect(lines).toContain("- Ban Tổ chức Trung ương (để báo cáo),");
    expect(lines).toContain("- Lưu Văn phòng Tỉnh ủy.");
    const sign = lines.indexOf("T/M BAN THƯỜNG VỤ");
    expect(sign).toBeGreaterThan(lines.indexOf("Nơi nhận:"));
    expect(lines[sign + 1]).toBe("BÍ THƯ");
  });

  it("states times in Vietnam time only, never UTC or an ISO stamp", async () => {
    const { text } = await docx(draft);
    expect(text).toContain("Số liệu tổng hợp lúc 01/02/2016 01:30 (giờ Việt Nam)");
    expect(text).not.toMatch(/UTC|\d{4}-\d\d-\d\dT\d/);
    expect(placeAndDate("Lâm Đồng", new Date("2026-12-06T17:00:00Z"), "vi")).toBe("Lâm Đồng, ngày 07 tháng 12 năm 2026");
    expect(placeAndDate("Lâm Đồng", new Date("2026-12-06T16:59:59Z"), "vi")).toBe("Lâm Đồng, ngày 06 tháng 12 năm 2026");
    expect(placeAndDate("Lâm Đồng", new Date("2027-03-09T03:00:00Z"), "vi")).toBe("Lâm Đồng, ngày 09 tháng 3 năm 2027");
  });

  it("is Times New Roman, black, vi-VN, A4, with page numbers from the second page", async () => {
    const { document, styles, headers } = await docx(draft);
    const fonts = [...document.matchAll(/<w:rFonts [^>]*w:ascii="([^"]+)"/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(20);
    expect(new Set(fonts)).toEqual(new Set(["Times New Roman"]));
    const runs = document.split("<w:r>").length - 1;
    expect(document.split('<w:lang w:val="vi-VN"/>').length - 1).toBeGreaterThanOrEqual(runs);
    expect(styles).toContain('w:val="vi-VN"');
    // Word's built-in headings are blue: every style the document uses, and every run, is black.
    const used = new Set([...document.matchAll(/<w:pStyle w:val="([^"]+)"/g)].map((m) => m[1]!));
    expect(used.has("Heading2")).toBe(true);
    const styleXml = (id: string) => styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`))?.[0] ?? "";
    const colours = [...document.matchAll(/<w:color w:val="([0-9A-Fa-f]{6})"/g), ...[...used].flatMap((id) => [...styleXml(id).matchAll(/<w:color w:val="([0-9A-Fa-f]{6})"/g)])].map((m) => m[1]!.toUpperCase());
    expect(colours.length).toBeGreaterThan(0);
    expect(colours.filter((c) => c !== "000000")).toEqual([]);
    const sizes = [...document.matchAll(/<w:sz w:val="(\d+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(24);
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).toContain("<w:titlePg/>");
    expect(headers.some((h) => /PAGE/.test(h))).toBe(true);
  });

  it("says what happened within the period by its kind: Trong năm, Trong quý", () => {
    expect(body(draft)).toMatch(/Trong năm đã kết nạp \d+ đảng viên/);
    expect(body(draft)).not.toContain("Trong kỳ");
    const q = rollupFrom({ registry: BTH, province: "BTH", period: "2015-Q3", values: new Map([["BTH-HTN", communes(0)]]) });
    const dq = draftReport({ rollup: q, lang: "vi" });
    expect(body(dq)).toMatch(/Trong quý đã kết nạp \d+ đảng viên/);
    expect(dq.head.subject).toBe("sơ kết xây dựng hệ thống chính trị cơ sở quý III năm 2015");
    expect(body(draftReport({ rollup: q, lang: "en" }))).toMatch(/In the quarter \d+ members were admitted/);
  });

  it("names the units' targets not met, with what each achieved", () => {
    const missed = current.targets.filter((t) => t.scope === "BTH-HTN" && t.met === false);
    expect(missed.length).toBeGreaterThan(0);
    const para = draft.sections.flatMap((s) => s.paragraphs).find((p) => p.text.startsWith("Ở các đơn vị"))!;
    expect(para.text).toContain(`còn ${missed.length} mục tiêu chưa đạt`);
    expect(para.text.split(/Hàm Tân: [^;]*\(đạt [\d.,]+%?\)/).length - 1).toBe(missed.length);
    // All met: the paragraph is left out, not printed empty.
    const allMet = { ...current, targets: current.targets.map((t) => ({ ...t, met: true })) };
    expect(body(draftReport({ rollup: allMet, lang: "vi" }))).not.toContain("Ở các đơn vị");
  });

  it("takes the province's details from data: another body, a K/T signer, a number; bad details are refused", async () => {
    const mine = PartyIssuer.parse({ province: "BTH", superior: "TỈNH ỦY BÌNH THUẬN", body: "BAN TỔ CHỨC", symbol: "BTCTU", place: "Phan Thiết",
      signer: { capacity: "K/T", of: "TRƯỞNG BAN", title: "PHÓ TRƯỞNG BAN" }, recipients: ["Thường trực Tỉnh ủy (để báo cáo)", "Lưu Văn phòng"] });
    const d = draftReport({ rollup: current, lang: "vi", issuer: mine, number: 15, issuedAt: new Date("2016-02-03T02:00:00Z") });
    const { text } = await docx(d);
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
    expect(lines.slice(0, 6)).toEqual(["TỈNH ỦY BÌNH THUẬN", "BAN TỔ CHỨC", "*", "Số 15-BC/BTCTU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Phan Thiết, ngày 03 tháng 02 năm 2016"]);
    expect(lines).toContain("K/T TRƯỞNG BAN");
    expect(lines).not.toContain("DỰ THẢO");
    expect(lines.at(-1)).toBe("PHÓ TRƯỞNG BAN");
    expect(PartyIssuer.safeParse({ ...mine, symbol: "bc/tu" }).success).toBe(false);
    expect(PartyIssuer.safeParse({ ...mine, recipients: [] }).success).toBe(false);
    expect(PartyIssuer.safeParse({ ...mine, extra: 1 }).success).toBe(false);
    for (const x of PARTY_ISSUERS_V1) expect(PartyIssuer.safeParse(x).success, x.province).toBe(true);
  });

  it("a province not listed gets the standard form from its name; a sample province is marked as a sample", () => {
    expect(issuerFor({ code: "LCU", name: "Lai Châu" })).toMatchObject({ body: "TỈNH ỦY LAI CHÂU", place: "Lai Châu", sample: false });
    const sample = issuerFor({ code: "STS", name: "Tỉnh mẫu STS" });
    expect(sample).toMatchObject({ body: "TỈNH ỦY TỈNH MẪU STS", place: "Tỉnh mẫu STS", sample: true });
    const r: RollupResponse = { ...current, province: "STS", name: "Tỉnh mẫu STS" };
    expect(draftReport({ rollup: r, lang: "vi" }).head.marks).toEqual(["DỰ THẢO", "BẢN MẪU — số liệu và đơn vị mẫu"]);
    expect(issuerFor({ code: "MAU", name: "Tỉnh mẫu MAU" }).sample).toBe(true);
  });
});

describe("comparisons in the report that compare like with like", () => {
  const reg = syntheticProvince("CVG", 4, 1);
  const of = (ds: string[], k: number) => new Map(ds.map((d, i) => [d, { [`${d}-M01`]: communeValues(i + k) }]));
  const all = ["CVG-D01", "CVG-D02", "CVG-D03", "CVG-D04"];
  const now = rollupFrom({ registry: reg, province: "CVG", period: "2015", values: of(all, 1) });
  const members = (d: Draft) => d.sections.flatMap((s) => s.paragraphs).find((p) => p.text.startsWith("Tổng số đảng viên"))!.text;

  it("says in the same paragraph that the earlier period covered fewer units", () => {
    const fewer = rollupFrom({ registry: reg, province: "CVG", period: "2014", values: of(all.slice(0, 3), 1) });
    const text = members(draftReport({ rollup: now, previous: fewer, lang: "vi" }));
    // The change is the units' own: over the three with figures in both years, as the sheet's change row counts it.
    expect(text).toMatch(/^Tổng số đảng viên là [\d.]+, ((tăng|giảm) [\d.]+|không thay đổi) ở 3 đơn vị có số liệu cả hai kỳ so với năm 2014\. Số liệu so sánh chưa cùng phạm vi: 4\/4 đơn vị báo cáo năm 2015, so với 3\/4 đơn vị năm 2014\.$/);
    const units = now.districts.filter((d) => fewer.districts.find((x) => x.unit === d.unit)?.submitted);
    const own = units.reduce((n, d) => n + d.values["members.total"]! - fewer.districts.find((x) => x.unit === d.unit)!.values["members.total"]!, 0);
    const seg = draftReport({ rollup: now, previous: fewer, lang: "vi" }).sections.flatMap((s) => s.paragraphs).flatMap((p) => p.segments).find((x) => x.figure?.kind === "change" && x.figure.code === "members.total")!;
    expect(seg.figure!.value).toBe(own);
    // The rate over the same units as its count: the three units' figures did not change, so neither moves.
    const poverty = draftReport({ rollup: now, previous: fewer, lang: "vi" }).sections.flatMap((s) => s.paragraphs).find((p) => p.text.includes("hộ nghèo"))!.text;
    expect(poverty).toContain("so với năm 2014, số hộ nghèo không thay đổi ở 3 đơn vị có số liệu cả hai kỳ, tỷ lệ hộ nghèo không thay đổi ở 3 đơn vị có số liệu cả hai kỳ");
    const sheet = layoutRollup(now, "vi", { previous: fewer }).comparisons.find((c) => c.kind === "total" && c.label === "Toàn tỉnh")!;
    expect(sheet.values[layoutRollup(now, "vi").codes.indexOf("members.total")]).toBe(own);
    const en = draftReport({ rollup: now, previous: fewer, lang: "en" }).sections.flatMap((s) => s.paragraphs).find((p) => p.text.startsWith("Party members number"))!.text;
    expect(en).toMatch(/The comparison does not cover the same units: 4\/4 units reported in year 2015, against 3\/4 in year 2014\.$/);
  });

  it("says nothing of coverage when both periods cover the same units", () => {
    const same = rollupFrom({ registry: reg, province: "CVG", period: "2014", values: of(all, 3) });
    expect(members(draftReport({ rollup: now, previous: same, lang: "vi" }))).not.toMatch(/phạm vi/);
  });

  it("moves a count and its rate together in words (poor households and the poverty rate)", () => {
    const before = rollupFrom({ registry: reg, province: "CVG", period: "2014", values: of(all, 3) });
    const p = draftReport({ rollup: now, previous: before, lang: "vi" }).sections.flatMap((s) => s.paragraphs).find((x) => x.text.includes("hộ nghèo"))!;
    const d = now.totals["poverty.poor"]! - before.totals["poverty.poor"]!;
    expect(d).not.toBe(0);
    expect(p.text).toContain(`so với năm 2014, số hộ nghèo ${d > 0 ? "tăng" : "giảm"} ${new Intl.NumberFormat("vi-VN").format(Math.abs(d))}, tỷ lệ hộ nghèo `);
  });
});
