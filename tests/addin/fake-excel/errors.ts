/** Excel's failures as the stand-in raises them: Office.js' error code first, as `error.code` reads. */
export class FakeExcelError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}
