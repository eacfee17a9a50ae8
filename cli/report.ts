import { readFile, writeFile } from "node:fs/promises";
import type { Lang } from "../shared/index.ts";
import { draftReport, TemplateError, type Draft } from "../shared/report/draft.ts";
import { DraftTemplate, type DraftTemplateInput } from "../shared/report/draft-template.ts";
import { fetchWithComparisonsInUnits, type Server } from "./api-client.ts";
import { CliError } from "./errors.ts";
import { draftToDocx } from "./report-docx.ts";

const MAX_TEMPLATE = 1024 * 1024;

/** Templates from a JSON file (one template or a list), parsed once; a clear message when they are not. */
export async function loadTemplates(file: string | undefined): Promise<DraftTemplateInput[] | undefined> {
  if (!file) return undefined;
  let text: string;
  try { text = await readFile(file, "utf8"); } catch { throw new CliError(`Không đọc được tệp mẫu báo cáo "${file}".`, `Cannot read the report template file "${file}".`); }
  if (text.length > MAX_TEMPLATE) throw new CliError(`Tệp mẫu báo cáo "${file}" quá lớn (tối đa 1 MB).`, `The report template file "${file}" is too large (1 MB at most).`);
  let json: unknown;
  try { json = JSON.parse(text); } catch { throw new CliError(`Tệp mẫu báo cáo "${file}" không phải JSON hợp lệ.`, `The report template file "${file}" is not valid JSON.`); }
  const list = Array.isArray(json) ? json : [json];
  const parsed = DraftTemplate.array().min(1).safeParse(list);
  if (!parsed.success) {
    const where = parsed.error.issues[0]!;
    throw new CliError(`Mẫu báo cáo không hợp lệ ở "${where.path.join(".")}": ${where.message}`, `Invalid report template at "${where.path.join(".")}": ${where.message}`);
  }
  return parsed.data;
}

/** Fetches the period's rollup and the two it is compared with, drafts the report and writes it as .docx. */
export async function writeDraftReport(opts: { server: Server; province: string; period: string; output: string; lang: Lang; templates?: DraftTemplateInput[]; approvedOnly?: boolean }): Promise<Draft> {
  // Compared in this period's units, as the rollup sheet is.
  const { rollup, previous, yearEarlier } = await fetchWithComparisonsInUnits(opts.server, opts.province, opts.period, { approvedOnly: opts.approvedOnly });
  let draft: Draft;
  try {
    draft = draftReport({ rollup, previous, yearEarlier, lang: opts.lang, templates: opts.templates });
  } catch (e) {
    if (e instanceof TemplateError) throw new CliError(`Mẫu báo cáo không dùng được: ${e.message}`, `The report template cannot be used: ${e.message}`);
    throw e;
  }
  await writeFile(opts.output, await draftToDocx(draft));
  return draft;
}
