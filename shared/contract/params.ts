import { z } from "zod";
import { Period, UnitCode } from "./codes.ts";
import { HistoryQuery } from "./submissions.ts";

/** Path parameters: parsed before any storage key is built from them. */
export const ProvinceParams = z.strictObject({ province: UnitCode });
export const PeriodParams = z.strictObject({ province: UnitCode, period: Period });
export const HistoryParams = z.strictObject({ province: UnitCode, period: Period, unit: UnitCode });
export const HistoryQueryShape = HistoryQuery;
export const InUnitsParams = z.strictObject({ province: UnitCode, period: Period, units: Period });
