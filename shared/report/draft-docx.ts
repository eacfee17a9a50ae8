import { AlignmentType, Document, HeadingLevel, Paragraph, TextRun } from "docx";
import type { Draft } from "./draft.ts";

/**
 * The draft report as a Word document (the `docx` library, which runs in the browser and in
 * Node): title, the consolidation time, one heading per section and its paragraphs, in Times New
 * Roman 14 as administrative documents are typed. Figures are plain runs: the text is the
 * draft's, word for word. Hosts pack it (a Buffer in the CLI, a Blob in the pane). Not exported
 * from shared/index.ts, so the pane loads docx only when someone asks for the file.
 */
export function draftDocument(draft: Draft): Document {
  const font = "Times New Roman";
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: draft.title, bold: true, font, size: 30 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: draft.subtitle, italics: true, font, size: 24 })] }),
  ];
  draft.sections.forEach((s, i) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 200, after: 80 }, children: [new TextRun({ text: `${i + 1}. ${s.heading}`, bold: true, font, size: 28 })] }));
    for (const p of s.paragraphs) {
      children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 567 }, spacing: { after: 120 }, children: [new TextRun({ text: p.text, font, size: 28 })] }));
    }
  });
  return new Document({
    creator: "HTCT indicators",
    title: draft.title,
    description: `template ${draft.templateId} ${draft.templateVersion}`,
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } }, children }],
  });
}
