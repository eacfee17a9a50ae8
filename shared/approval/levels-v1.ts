import { ApprovalLevelsData, ProvinceApprovalLevels } from "./levels.ts";

/** The product's approval levels (version 1): one level, any of the province's staff, as before levels existed. */
export const APPROVAL_LEVELS_V1: ApprovalLevelsData = ApprovalLevelsData.parse({
  version: "1.0.0",
  default: { levels: [{ level: 1, name: { vi: "Cấp tỉnh duyệt", en: "Province approval" }, who: "province_staff" }] },
  provinces: {},
});

/** An example of a two-level chain, for the documentation and the tests: a review, then the approval. */
export const TWO_LEVEL_EXAMPLE: ProvinceApprovalLevels = ProvinceApprovalLevels.parse({
  levels: [
    { level: 1, name: { vi: "Ban Tổ chức thẩm định", en: "Organisation Commission review" }, who: "assigned" },
    { level: 2, name: { vi: "Ban Thường vụ duyệt", en: "Standing Committee approval" }, who: "assigned" },
  ],
});

/** The chain that applies in `province`: its stored one, else the product's data for it, else the default. */
export function approvalLevelsFor(province: string, stored: ProvinceApprovalLevels | null, data: ApprovalLevelsData = APPROVAL_LEVELS_V1): ProvinceApprovalLevels {
  return stored ?? data.provinces[province] ?? data.default;
}

/** The levels a province staff member may act at, given the assignment's own list. */
export function levelsHeld(chain: ProvinceApprovalLevels, assigned: readonly number[] | undefined): number[] {
  return chain.levels.filter((l) => l.who === "province_staff" || (assigned ?? []).includes(l.level)).map((l) => l.level);
}
