/**
 * Names of the report sheets the product writes under a fixed name, in one small module so that
 * a host can tell them from the clerks' data sheets without loading their layouts.
 */
export const ROLLUP_SHEET = "Tổng hợp tỉnh";
export const STATUS_SHEET = "Tình hình nộp báo cáo";
export const SCORECARD_SHEET = "Chất lượng số liệu";
