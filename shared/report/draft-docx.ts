import { AlignmentType, BorderStyle, Document, Header, HeadingLevel, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { Draft } from "./draft.ts";

/**
 * The draft report as a Word document in the party's document form (Hướng dẫn 36-HD/VPTW): the
 * issuing body, its star and the number in the top left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place
 * and date in the top right, the kind and subject centred, the body, then "Nơi nhận" on the left
 * and the signature block on the right. Times New Roman throughout, every heading black, every
 * run marked vi-VN (so Word checks the spelling in Vietnamese), A4 with the guide's margins and the
 * page number at the top centre from the second page. Figures are plain runs: the text is the
 * draft's, word for word. Hosts pack it (a Buffer in the CLI, a Blob in the pane). Not exported
 * from shared/index.ts, so the pane loads docx only when someone asks for the file.
 */
const FONT = "Times New Roman";
/** Half-points: body 14 pt, the nation line and the kind 15 pt, recipients 12 pt. */
const SIZE = { body: 28, nation: 30, kind: 30, recipients: 24, page: 26 } as const;
/** Twips: A4; margins top and bottom 20 mm, left 30 mm, right 15 mm. */
const PAGE = { width: 11906, height: 16838, top: 1134, bottom: 1134, left: 1701, right: 850 } as const;
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE } as const;

interface RunStyle { bold?: boolean; italics?: boolean; underline?: boolean; size?: number }
const run = (text: string, s: RunStyle = {}) =>
  new TextRun({ text, font: FONT, size: s.size ?? SIZE.body, bold: s.bold, italics: s.italics, underline: s.underline ? {} : undefined, language: { value: "vi-VN" } });
const centred = (text: string, s: RunStyle = {}, after = 0) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: [run(text, s)] });

/** Two columns without borders, as the head and the closing are set (left 45%, right 55%). */
function twoColumns(left: Paragraph[], right: Paragraph[]): Table {
  const l = Math.round(TEXT_WIDTH * 0.45);
  const cell = (children: Paragraph[], size: number) => new TableCell({ width: { size, type: WidthType.DXA }, borders: NO_BORDERS, children });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [l, TEXT_WIDTH - l], borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, l), cell(right, TEXT_WIDTH - l)] })],
  });
}

export function draftDocument(draft: Draft): Document {
  const h = draft.head;
  const headLeft = [
    ...(h.issuer.superior ? [centred(h.issuer.superior)] : []),
    centred(h.issuer.body, { bold: true }),
    centred("*"),
    centred(h.number),
  ];
  const headRight = [
    centred(h.nation, { bold: true, underline: true, size: SIZE.nation }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120 }, children: [run(h.placeDate, { italics: true })] }),
  ];
  const children: (Paragraph | Table)[] = [
    ...h.marks.map((m) => new Paragraph({ alignment: AlignmentType.LEFT, children: [run(m, { bold: true, size: SIZE.recipients })] })),
    twoColumns(headLeft, headRight),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360 }, children: [run(h.kind, { bold: true, size: SIZE.kind })] }),
    centred(h.subject, { bold: true }),
    centred("-----"),
    centred(draft.subtitle, { italics: true }, 240),
  ];
  draft.sections.forEach((s, i) => {
    // A heading style keeps the document's outline; its run sets the colour, so Word's blue never shows.
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 200, after: 80 }, indent: { firstLine: 567 }, children: [new TextRun({ text: `${i + 1}. ${s.heading}`, bold: true, font: FONT, size: SIZE.body, color: "000000", language: { value: "vi-VN" } })] }));
    for (const p of s.paragraphs) {
      children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 567 }, spacing: { after: 120 }, children: [run(p.text)] }));
    }
  });
  const closingLeft = [
    new Paragraph({ children: [run(h.recipientsLabel, { underline: true })] }),
    ...h.recipients.map((r) => new Paragraph({ children: [run(r, { size: SIZE.recipients })] })),
  ];
  const closingRight = [
    centred(h.signature.capacity, { bold: true }),
    centred(h.signature.title, { bold: true }, 1400),
    centred(h.signature.name ?? "", { bold: true }),
  ];
  children.push(new Paragraph({ spacing: { before: 240 }, children: [] }), twoColumns(closingLeft, closingRight));

  const pageHeader = new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.page })] })] });
  return new Document({
    creator: "HTCT indicators",
    title: draft.title,
    description: `template ${draft.templateId} ${draft.templateVersion}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE.body, language: { value: "vi-VN" } } },
        heading2: { run: { font: FONT, size: SIZE.body, bold: true, color: "000000" } },
        title: { run: { font: FONT, color: "000000" } },
        heading1: { run: { font: FONT, color: "000000" } },
      },
    },
    sections: [{
      properties: {
        titlePage: true,
        page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } },
      },
      // The number from the second page on, at the top centre; the first page has none.
      headers: { default: pageHeader, first: new Header({ children: [new Paragraph({ children: [] })] }) },
      children,
    }],
  });
}
