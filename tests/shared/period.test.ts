import { describe, expect, it } from "vitest";
import { earlierPeriods } from "../../shared/contract/index.ts";

describe("earlier periods of the same kind", () => {
  it.each([
    ["2024", ["2023", "2022", "2021", "2020"]],
    ["2024-02", ["2024-01", "2023-12", "2023-11", "2023-10"]],
    ["2024-Q1", ["2023-Q4", "2023-Q3", "2023-Q2", "2023-Q1"]],
    ["2024-H2", ["2024-H1", "2023-H2", "2023-H1", "2022-H2"]],
  ])("%s", (period, expected) => {
    expect(earlierPeriods(period, 4)).toEqual(expected);
  });
});
