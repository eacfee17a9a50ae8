import { readFile } from "node:fs/promises";
import { ApprovalLevelsPutRequest, type ApprovalLevelsResponse } from "../shared/contract/index.ts";
import type { Lang } from "../shared/index.ts";
import { fetchApprovalLevels, putApprovalLevels, type Server } from "./api-client.ts";
import { CliError } from "./errors.ts";

/** A chain file is a few levels: far below this. */
const MAX_FILE_BYTES = 64 * 1024;

/** The chain in words: each level with who acts there, and whether it is the province's own. */
export function levelLines(r: ApprovalLevelsResponse, lang: Lang): string[] {
  const vi = lang === "vi";
  const who = (w: string) => (w === "province_staff" ? (vi ? "mọi cán bộ tỉnh" : "any province staff") : (vi ? "cán bộ được giao cấp này" : "staff assigned this level"));
  return [
    vi ? `Các cấp duyệt của tỉnh ${r.province}${r.own ? "" : " (mặc định)"}:` : `Approval levels of province ${r.province}${r.own ? "" : " (the default)"}:`,
    ...r.chain.levels.map((l) => `  ${l.level}. ${l.name[lang]}: ${who(l.who)}`),
  ];
}

/** Reads a chain file: `{"chain": {"levels": [...]}}` or the chain itself, checked before anything is sent. */
async function readChain(file: string): Promise<ApprovalLevelsPutRequest> {
  let text: string;
  try { text = await readFile(file, "utf8"); } catch { throw new CliError(`Không đọc được tệp ${file}.`, `Cannot read ${file}.`); }
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) throw new CliError(`Tệp ${file} quá lớn cho một danh sách cấp duyệt.`, `${file} is too large for a list of approval levels.`);
  let json: unknown;
  try { json = JSON.parse(text); } catch { throw new CliError(`Tệp ${file} không phải JSON hợp lệ.`, `${file} is not valid JSON.`); }
  const body = ApprovalLevelsPutRequest.safeParse(json && typeof json === "object" && "chain" in json ? json : { chain: json });
  if (!body.success) {
    const issue = body.error.issues[0];
    throw new CliError(`Tệp ${file} không đúng dạng các cấp duyệt (${issue?.path.join(".") || "gốc"}: ${issue?.message ?? ""}).`, `${file} is not a list of approval levels (${issue?.path.join(".") || "root"}: ${issue?.message ?? ""}).`);
  }
  return body.data;
}

/** `htct approval-levels`: shows the province's chain; with a file, an operator replaces it. */
export async function runApprovalLevels(opts: { server: Server; province: string; file?: string; lang: Lang }): Promise<{ code: number; lines: string[]; json: ApprovalLevelsResponse }> {
  const body = opts.file ? await readChain(opts.file) : null;
  const r = body ? await putApprovalLevels(opts.server, opts.province, body) : await fetchApprovalLevels(opts.server, opts.province);
  const lines = levelLines(r, opts.lang);
  if (body) lines.unshift(opts.lang === "vi" ? "Đã thay các cấp duyệt." : "Approval levels replaced.");
  return { code: 0, lines, json: r };
}
