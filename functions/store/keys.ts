import { createHash } from "node:crypto";
import { ApiError } from "../lib/errors.ts";

/**
 * Row and partition keys of the single table:
 *   P|<province>|<period>   META · D|<unit> · H|<unit>|<reverse ticks> · I|<hash>
 *   SNAP|<period>           <province>|<unit> (rollup snapshots of every province)
 *   REF|<province>          orgunits · targets
 *   ASSIGN                  <user id>
 *   MAP|<province>          <form fingerprint> (shared column mappings)
 */
/**
 * Names the reporting unit's data row has carried since reporting units were districts. Older
 * rows and every backup carry them, so they stay as stored: the `D|` row-key prefix and the
 * entity property "district" holding the unit's code. Code reads and writes them only through
 * these two constants.
 */
export const UNIT_ROW_PREFIX = "D|";
export const STORED_UNIT_PROPERTY = "district";

const FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

/** The last line of defence: codes are validated at the edge, but nothing unsafe becomes a key. */
export function keyPart(s: string): string {
  if (!s || s.length > 200 || FORBIDDEN.test(s)) {
    throw new ApiError(400, "bad_request", {
      vi: "Mã chứa ký tự không được phép (/ \\ # ? hoặc ký tự điều khiển).",
      en: "A code contains characters that are not allowed (/ \\ # ? or control characters).",
    });
  }
  return s;
}

export const pk = {
  period: (province: string, period: string) => `P|${keyPart(province)}|${keyPart(period)}`,
  ref: (province: string) => `REF|${keyPart(province)}`,
  snapshots: (period: string) => `SNAP|${keyPart(period)}`,
  assign: "ASSIGN",
  mappings: (province: string) => `MAP|${keyPart(province)}`,
};

export const rk = {
  meta: "META",
  unit: (unit: string) => `${UNIT_ROW_PREFIX}${keyPart(unit)}`,
  historyPrefix: (unit: string) => `H|${keyPart(unit)}|`,
  history: (unit: string, at: Date) => `H|${keyPart(unit)}|${reverseTicks(at)}`,
  idempotency: (unit: string, user: string, key: string) =>
    `I|${createHash("sha256").update(`${unit}\u0000${user}\u0000${key}`).digest("hex")}`,
  /** An approval step: unit, then reverse ticks (newest first) and a sequence for steps of one instant. */
  approvalStep: (unit: string, at: Date, seq: number) => `AP|${keyPart(unit)}|${reverseTicks(at)}|${String(seq).padStart(4, "0")}`,
  approvalSteps: "AP|",
  snapshot: (province: string, unit: string) => `${keyPart(province)}|${keyPart(unit)}`,
  snapshotPrefix: (province: string) => `${keyPart(province)}|`,
};

/** Upper bound for a prefix range scan: every key that starts with `prefix` is below it. */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

const MAX_TICKS = 3155378975999999999n; // DateTime.MaxValue.Ticks
const EPOCH_TICKS = 621355968000000000n; // 1970-01-01 in .NET ticks

/** .NET-style reverse ticks, zero-padded, so that newer rows sort first. */
export function reverseTicks(at: Date): string {
  const ticks = EPOCH_TICKS + BigInt(at.getTime()) * 10000n;
  return (MAX_TICKS - ticks).toString().padStart(19, "0");
}
