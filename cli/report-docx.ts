import { Packer } from "docx";
import { draftDocument } from "../shared/report/draft-docx.ts";
import type { Draft } from "../shared/report/draft.ts";

/** The draft report as .docx bytes (the document itself is built in shared/, as the pane builds it). */
export async function draftToDocx(draft: Draft): Promise<Buffer> {
  return Packer.toBuffer(draftDocument(draft));
}
