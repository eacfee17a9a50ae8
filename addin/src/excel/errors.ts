/**
 * Refusals the adapter decides on before it writes anything, so the pane can say what to do
 * instead of showing Excel's words.
 */
export type AdapterErrorCode = "protected" | "structureProtected" | "oldExcel" | "tooManyMarks";

export class AdapterError extends Error {
  constructor(readonly code: AdapterErrorCode, readonly sheet?: string, readonly count?: number) {
    super(code === "protected" ? `the sheet "${sheet}" is protected` : code === "structureProtected" ? "the workbook's structure is protected" : code === "tooManyMarks" ? `${count} cells to mark do not fit one restore record` : "this Excel lacks ExcelApi 1.2");
  }
}

/** Excel's codes for an answer or request that was too large; the web sometimes says only GeneralException. */
export function isSizeFailure(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded" || code === "RangeExceedsLimit" || code === "GeneralException";
}
