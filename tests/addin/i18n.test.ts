import { describe, expect, it } from "vitest";
import { langLoaded, loadLang, t } from "../../addin/src/i18n.ts";

describe("the pane's words", () => {
  it("carries Vietnamese from the start and fetches English when asked, answering in Vietnamese until then", async () => {
    expect(langLoaded("vi")).toBe(true);
    expect(langLoaded("en")).toBe(false);
    expect(t("en", "tab.validate")).toBe(t("vi", "tab.validate"));
    await loadLang("en");
    expect(langLoaded("en")).toBe(true);
    expect(t("en", "tab.validate")).toBe("Check");
  });

  it("counts the same way everywhere: '43 lỗi' in Vietnamese, '1 error' / '2 errors' in English", () => {
    expect(t("vi", "count.error", { n: 43 })).toBe("43 lỗi");
    expect(t("vi", "validate.summary", { errors: 43, warnings: 1, infos: 0 })).toBe("43 lỗi, 1 cảnh báo, 0 thông tin");
    expect(t("en", "count.error", { n: 1 })).toBe("1 error");
    expect(t("en", "count.warning", { n: 2 })).toBe("2 warnings");
    expect(t("en", "validate.summary", { errors: 1, warnings: 1, infos: 2 })).toBe("1 error, 1 warning, 2 notes");
    expect(t("en", "submit.blocked", { errors: 1 })).toMatch(/^1 error remains\./);
  });

  it("quotes sheet names typographically, in both languages", () => {
    expect(t("vi", "validate.annotated", { marked: 3, sheet: "Kiểm tra" })).toBe("Đã đánh dấu 3 ô; báo cáo ở trang “Kiểm tra”.");
    expect(t("en", "validate.annotated", { marked: 1, sheet: "Kiểm tra" })).toBe("Marked 1 cell; report on the “Kiểm tra” sheet.");
  });
});
