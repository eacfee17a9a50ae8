import { z } from "zod";

/**
 * The levels at which a province approves its units' data, lowest first, as data: one level by
 * default (the province's staff approve, as before levels existed), or a chain such as a review
 * by the Ban Tổ chức before the approval of the Ban Thường vụ. Each level approves only after the
 * one below it has; `approved` means the top level has.
 *
 * Who may act at a level:
 *   - "province_staff": any of the province's staff (the default level);
 *   - "assigned": only province staff whose assignment lists the level (Assignment.levels),
 *     which an operator sets, as it sets the staff themselves, so nobody widens their own rights.
 * The province keeps its own chain beside its registry (rowKey "approvalLevels", GET/PUT
 * approval-levels/{province}); a province with none stored follows APPROVAL_LEVELS_V1
 * (levels-v1.ts, the data, apart from these schemas so the pane's first load carries only them).
 */
/** A level's name is shown in the pane, the CLI and messages: plain text, no control characters, never read as a formula. */
const Name = z.string().trim().min(1).max(80).refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s) && !/^[=+\-@]/.test(s), "a level's name is plain text: no control characters, not starting with = + - @");
const LevelName = z.strictObject({ vi: Name, en: Name });

export const ApprovalLevelDef = z.strictObject({
  /** 1 for the lowest level, then 2, 3…: the order levels approve in. */
  level: z.number().int().min(1).max(5),
  name: LevelName,
  who: z.enum(["province_staff", "assigned"]),
});
export type ApprovalLevelDef = z.infer<typeof ApprovalLevelDef>;

/** A province's chain: 1…n without a gap, at most five levels. */
export const ProvinceApprovalLevels = z.strictObject({
  levels: z.array(ApprovalLevelDef).min(1).max(5)
    .refine((ls) => ls.every((l, i) => l.level === i + 1), "levels are numbered 1, 2, 3… in order, without a gap"),
});
export type ProvinceApprovalLevels = z.infer<typeof ProvinceApprovalLevels>;

export const ApprovalLevelsData = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  /** What a province without a chain of its own follows. */
  default: ProvinceApprovalLevels,
  /** Provinces whose chain is part of the product's data (a stored chain still wins). */
  provinces: z.record(z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/), ProvinceApprovalLevels).default({}),
});
export type ApprovalLevelsData = z.infer<typeof ApprovalLevelsData>;
