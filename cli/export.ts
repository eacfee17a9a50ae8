import { readFile, writeFile } from "node:fs/promises";
import type { Lang } from "../shared/index.ts";
import { Dhis2Mapping } from "../shared/contract/dhis2-mapping.ts";
import { ExportEmptyError, ExportUnmappedError, exportRollup, type ExportFormat } from "../shared/export/dhis2-export.ts";
import { fetchRollup, type Server } from "./api-client.ts";
import { CliError } from "./errors.ts";

const MAX_MAPPING = 1024 * 1024;

/** The DHIS2 mapping file, parsed once; the first problem named by its place in the file. */
export async function loadDhis2Mapping(file: string | undefined): Promise<Dhis2Mapping> {
  if (!file) throw new CliError("Thiếu --mapping <tệp ánh xạ DHIS2 .json>.", "Missing --mapping <DHIS2 mapping .json>.");
  let text: string;
  try { text = await readFile(file, "utf8"); } catch { throw new CliError(`Không đọc được tệp ánh xạ "${file}".`, `Cannot read the mapping file "${file}".`); }
  if (text.length > MAX_MAPPING) throw new CliError(`Tệp ánh xạ "${file}" quá lớn (tối đa 1 MB).`, `The mapping file "${file}" is too large (1 MB at most).`);
  let json: unknown;
  try { json = JSON.parse(text); } catch { throw new CliError(`Tệp ánh xạ "${file}" không phải JSON hợp lệ.`, `The mapping file "${file}" is not valid JSON.`); }
  const r = Dhis2Mapping.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new CliError(`Tệp ánh xạ không hợp lệ ở "${i.path.join(".") || "(gốc)"}": ${i.message}`, `Invalid mapping file at "${i.path.join(".") || "(root)"}": ${i.message}`);
  }
  return r.data;
}

export function parseFormat(f: string | undefined): ExportFormat {
  if (f === "adx" || f === "dhis2-csv") return f;
  throw new CliError('--format nhận "adx" hoặc "dhis2-csv".', '--format takes "adx" or "dhis2-csv".');
}

/** Fetches the rollup and writes it for DHIS2; nothing is written when the mapping leaves something out. */
export async function writeExport(opts: { server: Server; province: string; period: string; format: ExportFormat; mapping: Dhis2Mapping; output: string; lang: Lang; includeAggregates?: boolean }): Promise<{ code: number; lines: string[] }> {
  const rollup = await fetchRollup(opts.server, opts.province, opts.period);
  let out;
  try {
    out = exportRollup(rollup, opts.mapping, opts.format, { lang: opts.lang, includeAggregates: opts.includeAggregates === true });
  } catch (e) {
    if (e instanceof ExportEmptyError) return { code: 1, lines: [opts.lang === "vi" ? "Chưa xuất." : "Not exported.", e.message] };
    if (!(e instanceof ExportUnmappedError)) throw e;
    return { code: 1, lines: [opts.lang === "vi" ? "Chưa xuất: bảng ánh xạ DHIS2 chưa đủ." : "Not exported: the DHIS2 mapping is incomplete.", ...e.message.split("\n")] };
  }
  await writeFile(opts.output, out.body, "utf8");
  return { code: 0, lines: [opts.lang === "vi" ? `Đã xuất ${out.values} giá trị (${opts.format}) → ${opts.output}` : `Exported ${out.values} values (${opts.format}) → ${opts.output}`] };
}
