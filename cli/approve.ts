import { UNIT_CODE } from "../shared/contract/index.ts";
import type { Lang } from "../shared/index.ts";
import { approvalAction, fetchApprovals, type Server } from "./api-client.ts";
import { CliError } from "./errors.ts";

export type ApprovalCommand = "approve" | "return" | "reopen";
/** The state each command acts on, for --all. */
const FROM: Record<ApprovalCommand, string> = { approve: "complete", return: "complete", reopen: "approved" };
const DONE: Record<ApprovalCommand, { vi: string; en: string }> = {
  approve: { vi: "Đã duyệt", en: "Approved" }, return: { vi: "Đã trả lại", en: "Returned" }, reopen: { vi: "Đã mở lại", en: "Reopened" },
};

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
export async function runApproval(opts: { server: Server; province: string; period: string; command: ApprovalCommand; units: string[] | "all"; comment?: string; lang: Lang }): Promise<{ code: number; lines: string[] }> {
  const vi = opts.lang === "vi";
  if (opts.command !== "approve" && !opts.comment?.trim()) throw new CliError(`"${opts.command}" cần --comment "lý do".`, `"${opts.command}" needs --comment "why".`);
  const list = await fetchApprovals(opts.server, opts.province, opts.period);
  const byCode = new Map(list.units.map((u) => [u.unit, u]));
  const picked = opts.units === "all" ? list.units.filter((u) => u.state === FROM[opts.command]) : opts.units.map((c) => byCode.get(c) ?? { unit: c, name: c, dataVersion: 0 });
  if (!picked.length) return { code: 0, lines: [vi ? `Không có đơn vị nào ở trạng thái "${FROM[opts.command]}".` : `No unit is in state "${FROM[opts.command]}".`] };
  const r = await approvalAction(opts.server, opts.province, opts.period, opts.command, { units: picked.map((u) => ({ unit: u.unit, version: Math.max(1, u.dataVersion) })), ...(opts.comment ? { comment: opts.comment } : {}) });
  if (r.kind === "conflict") {
    const name = (c: string) => byCode.get(c)?.name ?? c;
    return { code: 1, lines: [vi ? r.message.vi : r.message.en, ...r.refused.map((x) => `  ${name(x.unit)} (${x.unit}): ${x.reason}, ${vi ? "trạng thái" : "state"} ${x.state}`)] };
  }
  const d = DONE[opts.command];
  return { code: 0, lines: [`${vi ? d.vi : d.en} ${r.body.units.length} ${vi ? "đơn vị" : "unit(s)"}: ${r.body.units.map((u) => u.name).join(", ")}`] };
}
