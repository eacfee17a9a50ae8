
import { describe, expect, it } from "vitest";
import { formats, setUpMarkedSeed } from "./marked-seed.ts";
import { deleteRowWithFormulas } from "../../addin/src/preview/formulas.ts";
import { validate } from "./sheets.ts";

/**
 * The clerk deletes rows after marking (Excel moves the marks with the cells, and rewrites the
 * record's row anchors): Clear then finds every mark where it is now and puts the clerk's own
 * formatting back, and a second marking after the deletion leaves no mark behind.
 */
const shifted = (list: string[], row: number) => list
  .map((x) => x.split(",")).filter(([r]) => Number(r) !== row - 1)
  .map(([r, ...rest]) => [Number(r) > row - 1 ? Number(r) - 1 : Number(r), ...rest].join(",")).sort();

describe("marks follow the rows they were put on", () => {
  it("Clear after deleting rows restores every cell where it now is", async () => {
    const { wb, sheet, adapter } = await setUpMarkedSeed();
    const before = formats(sheet);
    const snap = await adapter.readSheet("Báo cáo");
    await adapter.annotate(validate(snap), "vi", snap.sheets);
    expect(formats(sheet).length).toBeGreaterThan(before.length);
    deleteRowWithFormulas(wb, sheet, 6); // row 7
    deleteRowWithFormulas(wb, sheet, 10); // row 11 of what is left
    expect((await adapter.clear()).cleared).toBe(true);
    expect(formats(sheet)).toEqual(shifted(shifted(before, 7), 11));
  });

  it("marking again after a deletion takes the moved marks off before marking afresh", async () => {
    const { wb, sheet, adapter } = await setUpMarkedSeed();
    const before = formats(sheet);
    let snap = await adapter.readSheet("Báo cáo");
    const first = validate(snap);
    await adapter.annotate(first, "vi", snap.sheets);
    deleteRowWithFormulas(wb, sheet, 6);
    snap = await adapter.readSheet("Báo cáo");
    // As the pane's re-check does: the issues the marks showed are passed as `previous`.
    await adapter.annotate(validate(snap), "vi", snap.sheets, first);
    await adapter.clear();
    expect(formats(sheet)).toEqual(shifted(before, 7));
  });
});
