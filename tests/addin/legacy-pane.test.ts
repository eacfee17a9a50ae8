import { describe, expect, it } from "vitest";
import type { Issue } from "../../shared/index.ts";
import { toTcvn3, toVni } from "../../shared/parse/legacy-encoding.ts";
import { paneCheck } from "./pane-check.ts";

/**
 * The pane reads TCVN3 and VNI text as `htct check` does: converted before anything reads the
 * sheet, with one notice, the same issues as the Unicode sheet, and the clerk's cells untouched.
 */
type Rows = (string | number | null)[][];
const SHEET: Rows = [
  ["BÁO CÁO NĂM 2023"],
  ["Đơn vị", "Tổng số đảng viên", "Số chi bộ trực thuộc"],
  ["Xã Sơn Mỹ", 110, 10],
  ["Xã Tân Đức", 160, 9],
  ["Xã Tân Đức", 20, 1], // planted: a repeated unit
  ["Tổng cộng", 280, 20], // planted: the members add up to 290
];

const key = (i: Issue) => `${i.severity} ${i.rule} ${i.cells.join(",")} ${i.message}`;
const encoded = (enc: (t: string) => string) => SHEET.map((row) => row.map((v) => (typeof v === "string" ? enc(v) : v)));

describe("the pane reads legacy Vietnamese encodings", () => {
  for (const [name, enc] of [["TCVN3", toTcvn3], ["VNI", toVni]] as const) {
    it(`gives a ${name} sheet the Unicode sheet's issues, with one notice, leaving the cells as typed`, async () => {
      const plain = (await paneCheck(SHEET)).issues;
      expect(plain.map((i) => i.rule)).toEqual(expect.arrayContaining(["unit_duplicate", "total_row"]));
      const rows = encoded(enc);
      expect(rows[1]![1]).not.toBe("Tổng số đảng viên");
      const { issues, wb } = await paneCheck(rows);
      const notice = issues.filter((i) => i.rule === "legacy_encoding");
      expect(notice).toHaveLength(1);
      expect(notice[0]!.message).toMatch(new RegExp(`^Tệp dùng bảng mã ${name}`));
      expect(issues.filter((i) => i.rule !== "legacy_encoding").map(key)).toEqual(plain.map(key));
      expect(wb.sheet("Báo cáo")!.get(1, 1)!.value).toBe(rows[1]![1]);
    });
  }
});
