import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeLegacyGrid, fromTcvn3, fromVni, legacyNotice, looksLegacy, toTcvn3, toVni } from "../../shared/parse/legacy-encoding.ts";
import type { SheetGrid } from "../../shared/model.ts";

const LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ";
const word = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 7 }).map((a) => a.join(""));
const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((a) => a.join(" "));
// Detection reads text as Vietnamese syllables, so the sheets are made of the words forms use.
const SYLLABLES = "tổng số đảng viên chi bộ xếp loại hoàn thành tốt nhiệm vụ xuất sắc không mới kết nạp hội liên hiệp phụ nữ đoàn thanh niên cựu chiến binh nông dân hộ nghèo cận thôn tổ dân phố tỷ lệ trong đó đạt trong sạch vững mạnh xã mẫu phường thị trấn cộng toàn đảng ghi chú áp dụng có bị kỷ luật".split(" ");
const realPhrase = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 1, maxLength: 6 }).map((a) => a.join(" "));

describe("legacy Vietnamese encodings", () => {
  it("reads the texts clerks' old files hold", () => {
    expect(fromTcvn3("Tæng sè ®¶ng viªn")).toBe("Tổng số đảng viên");
    expect(fromTcvn3("Sè chi bé ®¹t trong s¹ch, v÷ng m¹nh")).toBe("Số chi bộ đạt trong sạch, vững mạnh");
    expect(fromTcvn3("X· mÉu 01")).toBe("Xã mẫu 01");
    expect(fromTcvn3("§¶ng bé")).toBe("Đảng bộ");
    expect(fromVni("Toång soá ñaûng vieân")).toBe("Tổng số đảng viên");
    expect(fromVni("Xaõ maãu 01")).toBe("Xã mẫu 01");
    expect(fromVni("Hoäi Lieân hieäp Phuï nöõ")).toBe("Hội Liên hiệp Phụ nữ");
    expect(fromVni("Ñaûng boä")).toBe("Đảng bộ");
  });

  it("round-trips any Vietnamese text through both encodings", () => {
    fc.assert(fc.property(phrase, (s) => fromTcvn3(toTcvn3(s)) === s && fromVni(toVni(s)) === s));
  });

  it("leaves Unicode Vietnamese, English and numbers alone", () => {
    for (const t of ["Tổng số đảng viên", "Xã mẫu 01", "Total members", "12,5%", "Café", "x", "-"]) expect(looksLegacy(t)).toBe(false);
    fc.assert(
      fc.property(fc.array(phrase, { minLength: 1, maxLength: 5 }), (texts) => {
        const grid: SheetGrid = { name: "s", values: [texts] };
        const d = decodeLegacyGrid(grid);
        return d.converted.length === 0 && d.grid === grid;
      }),
    );
  });

  it("converts a TCVN3 sheet and a VNI sheet cell by cell, keeping the original grid", () => {
    fc.assert(
      fc.property(fc.array(realPhrase, { minLength: 3, maxLength: 8 }), fc.constantFrom("tcvn3" as const, "vni" as const), (texts, enc) => {
        const encode = enc === "tcvn3" ? toTcvn3 : toVni;
        const values = [texts.map(encode), [1, 2, 3]];
        const original = JSON.stringify(values);
        const d = decodeLegacyGrid({ name: "s", values });
        expect(JSON.stringify(values)).toBe(original);
        // Texts with no accented letter look the same in every encoding: those stay as written.
        const legacy = texts.filter((t) => looksLegacy(encode(t)));
        if (legacy.length * 2 > texts.length) expect(d.encoding).toBe(enc);
        if (d.encoding === enc) expect(d.grid.values[0]).toEqual(texts);
        expect(d.grid.values[1]).toEqual([1, 2, 3]);
      }),
    );
  });

  it("follows the font when the host knows it", () => {
    const values = [["Tæng sè", "Tổng số"]];
    const d = decodeLegacyGrid({ name: "s", values }, [[".VnTime", "Times New Roman"]]);
    expect(d.grid.values[0]).toEqual(["Tổng số", "Tổng số"]);
    expect(d.converted).toEqual([[0, 0]]);
    const h = decodeLegacyGrid({ name: "s", values: [["b¸o c¸o"]] }, [[".VnTimeH"]]);
    expect(h.grid.values[0]).toEqual(["BÁO CÁO"]);
  });

  it("tells the clerk in Vietnamese first", () => {
    expect(legacyNotice("tcvn3", 4, "vi")).toContain("Tệp dùng bảng mã TCVN3; đã đọc theo Unicode");
    expect(legacyNotice("vni", 4, "en")).toContain("VNI-Windows");
  });
});
