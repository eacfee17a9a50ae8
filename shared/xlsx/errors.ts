/**
 * Why a workbook's bytes could not be read, in words a clerk can act on. Every failure of the
 * reader is one of these, never a stack trace: hosts show `message[lang]`.
 */
export type XlsxErrorCode = "not-zip" | "old-format" | "encrypted" | "damaged" | "too-large" | "missing-part" | "malformed" | "unsupported";

export class XlsxError extends Error {
  readonly code: XlsxErrorCode;
  readonly text: { vi: string; en: string };
  constructor(code: XlsxErrorCode, vi: string, en: string) {
    super(en);
    this.name = "XlsxError";
    this.code = code;
    this.text = { vi, en };
  }
}

export const damaged = (why: string): XlsxError =>
  new XlsxError("damaged", `Tệp bị hỏng, không đọc được (${why}).`, `The file is damaged and cannot be read (${why}).`);

export const malformed = (part: string, why: string): XlsxError =>
  new XlsxError("malformed", `Tệp bị hỏng: phần "${part}" không phải XML hợp lệ (${why}).`, `The file is damaged: part "${part}" is not valid XML (${why}).`);

export const tooLarge = (what: { vi: string; en: string }): XlsxError =>
  new XlsxError("too-large", `Tệp vượt giới hạn đọc được: ${what.vi}.`, `The file is beyond what can be read: ${what.en}.`);
