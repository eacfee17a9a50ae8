import { describe, expect, it } from "vitest";
import { DocSettings, QUEUE_BYTES, QueueFullError, type QueuedSubmission } from "../../addin/src/doc-settings.ts";
import { loadLang, t } from "../../addin/src/i18n.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";
import { submission } from "../functions/stack.ts";

const item = (key: string): QueuedSubmission => ({ idempotencyKey: key, queuedAt: "2026-12-01T00:00:00Z", request: submission("BTH-HTN") });

/** Office's document settings: at most 2 MB, and none in a read-only workbook. */
describe("saving the queue in the workbook's settings", () => {
  it("a read-only workbook refuses the save: the promise rejects with Office's reason, nothing is stored", async () => {
    const wb = new FakeWorkbook();
    wb.readOnly = true;
    const docs = new DocSettings(new FakeExcelHost(wb).office);
    await expect(docs.setQueue([item("a")])).rejects.toThrow(/read-only/);
    expect(wb.settings).toEqual({});
  });

  it("settings over Office's 2 MB are refused whole, as Office does", async () => {
    const wb = new FakeWorkbook();
    const host = new FakeExcelHost(wb);
    host.office.settings.set("big", "x".repeat(2 * 1024 * 1024));
    await expect(new DocSettings(host.office).setQueue([item("a")])).rejects.toThrow(/2097152/);
    expect(wb.settings).toEqual({});
  });

  it("the queue is capped below that: a queue over its share is refused before Office is asked, with its own message", async () => {
    const wb = new FakeWorkbook();
    const docs = new DocSettings(new FakeExcelHost(wb).office);
    await docs.setQueue([item("a")]);
    const one = JSON.stringify(item("b")).length;
    const many = Array.from({ length: Math.ceil(QUEUE_BYTES / one) + 1 }, (_, i) => item(`k${i}`));
    await expect(docs.setQueue(many)).rejects.toBeInstanceOf(QueueFullError);
    expect((wb.settings["htct.queue"] as QueuedSubmission[]).map((q) => q.idempotencyKey)).toEqual(["a"]);
    expect(t("vi", "submit.queueFull")).toMatch(/hàng chờ.*đầy/);
    await loadLang("en");
    expect(t("en", "submit.notSaved", { reason: "r" })).toMatch(/could not keep it.*\(r\)/);
  });
});
