import { UNIT_CODE, type ApprovalsResponse, type UnitApproval } from "../shared/contract/index.ts";
import type { Lang } from "../shared/index.ts";
import { approvalAction, fetchApprovals, type Server } from "./api-client.ts";
import { CliError } from "./errors.ts";

export type ApprovalCommand = "approve" | "return" | "reopen";
/** The state each command acts on, for --all. */
const FROM: Record<ApprovalCommand, string> = { approve: "complete", return: "complete", reopen: "approved" };
const DONE: Record<ApprovalCommand, { vi: string; en: string }> = {
  approve: { vi: "Đã duyệt", en: "Approved" }, return: { vi: "Đã trả lại", en: "Returned" }, reopen: { vi: "Đã mở lại", en: "Reopened" },
};

/** `--level N`: an approval level 1…5, or none (the server picks each unit's from the user's rights). */
export function parseLevel(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-5]$/.test(raw.trim())) throw new CliError(`--level nhận một cấp duyệt từ 1 đến 5, không phải "${raw.slice(0, 20)}".`, `--level takes an approval level from 1 to 5, not "${raw.slice(0, 20)}".`);
  return Number(raw.trim());
}

/**
 * With --all, the units the step applies to: in the state it acts on and, where the province has
 * several levels, waiting at the level asked for (else at one the user holds).
 */
function applicable(list: ApprovalsResponse, command: ApprovalCommand, level: number | undefined): UnitApproval[] {
  const inState = list.units.filter((u) => u.state === FROM[command]);
  if (command === "reopen" || list.levels.length <= 1) return inState;
  const levels = level !== undefined ? [level] : list.myLevels;
  return inState.filter((u) => u.awaitingLevel !== null && levels.includes(u.awaitingLevel));
}

/** The level a unit's step was taken at, read from its levels afterwards: the returned one, or the highest approved. */
function actedAt(u: UnitApproval, command: ApprovalCommand): number | null {
  if (command === "reopen") return u.levels.at(-1)?.level ?? null;
  const hit = u.levels.filter((l) => l.state === (command === "return" ? "returned" : "approved"));
  return hit.at(-1)?.level ?? null;
}

/** `--unit A,B` as codes, checked; or every unit in the state the command acts on with `--all`. */
export function parseUnits(raw: string | undefined, all: boolean | undefined): string[] | "all" {
  if (all && raw) throw new CliError("Dùng --unit hoặc --all, không dùng cả hai.", "Use --unit or --all, not both.");
  if (all) return "all";
  if (!raw) throw new CliError("Thiếu --unit MÃ[,MÃ…] (hoặc --all).", "Missing --unit CODE[,CODE…] (or --all).");
  const codes = raw.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = codes.filter((c) => !UNIT_CODE.test(c));
  if (!codes.length || bad.length) throw new CliError(`Mã đơn vị không hợp lệ: ${bad.join(", ") || raw}.`, `Invalid unit codes: ${bad.join(", ") || raw}.`);
  if (codes.length > 500) throw new CliError("Tối đa 500 đơn vị một lần.", "At most 500 units at a time.");
  return [...new Set(codes)];
}

/**
 * Approves, returns or reopens units: the versions are the ones the server lists now (what the
 * person looked at when they ran the command). Exit 1 when the server refuses some units (nothing
 * written), naming each with why.
 */
export async function runApproval(opts: { server: Server; province: string; period: string; command: ApprovalCommand; units: string[] | "all"; comment?: string; level?: number; lang: Lang }): Promise<{ code: number; lines: string[] }> {
  const vi = opts.lang === "vi";
  if (opts.command !== "approve" && !opts.comment?.trim()) throw new CliError(`"${opts.command}" cần --comment "lý do".`, `"${opts.command}" needs --comment "why".`);
  const list = await fetchApprovals(opts.server, opts.province, opts.period);
  const byCode = new Map(list.units.map((u) => [u.unit, u]));
  const picked = opts.units === "all" ? applicable(list, opts.command, opts.level) : opts.units.map((c) => byCode.get(c) ?? { unit: c, name: c, dataVersion: 0 });
  if (!picked.length) return { code: 0, lines: [vi ? `Không có đơn vị nào ở trạng thái "${FROM[opts.command]}".` : `No unit is in state "${FROM[opts.command]}".`] };
  const r = await approvalAction(opts.server, opts.province, opts.period, opts.command, {
    units: picked.map((u) => ({ unit: u.unit, version: Math.max(1, u.dataVersion) })), ...(opts.comment ? { comment: opts.comment } : {}), ...(opts.level !== undefined ? { level: opts.level } : {}),
  });
  if (r.kind === "conflict") {
    const name = (c: string) => byCode.get(c)?.name ?? c;
    return { code: 1, lines: [vi ? r.message.vi : r.message.en, ...r.refused.map((x) => `  ${name(x.unit)} (${x.unit}): ${x.reason}, ${vi ? "trạng thái" : "state"} ${x.state}`)] };
  }
  const d = DONE[opts.command];
  const names = (us: readonly UnitApproval[]) => us.map((u) => u.name).join(", ");
  // One level: the words as before levels existed. Several: each group of units with its level's name and what comes next.
  if (list.levels.length <= 1) return { code: 0, lines: [`${vi ? d.vi : d.en} ${r.body.units.length} ${vi ? "đơn vị" : "unit(s)"}: ${names(r.body.units)}`] };
  const byLevel = new Map<number | null, UnitApproval[]>();
  for (const u of r.body.units) { const l = actedAt(u, opts.command); byLevel.set(l, [...(byLevel.get(l) ?? []), u]); }
  const levelName = (l: number) => list.levels.find((x) => x.level === l)?.name[opts.lang] ?? String(l);
  const lines = [...byLevel].map(([l, us]) => {
    const at = l === null ? "" : vi ? ` ở cấp ${l} (${levelName(l)})` : ` at level ${l} (${levelName(l)})`;
    const next = us[0]?.awaitingLevel;
    const then = opts.command === "approve" && next ? (vi ? `; chờ cấp ${next} (${levelName(next)})` : `; waiting for level ${next} (${levelName(next)})`) : "";
    return `${vi ? d.vi : d.en}${at} ${us.length} ${vi ? "đơn vị" : "unit(s)"}: ${names(us)}${then}`;
  });
  return { code: 0, lines };
}
