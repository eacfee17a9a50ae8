/**
 * Excel's rules for a sheet name, as the Office.js `worksheets.add` and `name` setter apply them:
 * at most 31 characters, none of [ ] : * ? / \, no apostrophe at either end, not blank, not the
 * reserved "History"; and unique without regard to case ("KIỂM TRA" takes "Kiểm tra").
 */
export const MAX_SHEET_NAME = 31;
const FORBIDDEN = /[[\]:*?/\\]/;

/** Why `name` cannot be a sheet name, or null when it can. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === "") return "a sheet name cannot be blank";
  if ([...name].length > MAX_SHEET_NAME) return `a sheet name has at most ${MAX_SHEET_NAME} characters`;
  if (FORBIDDEN.test(name)) return "a sheet name cannot contain [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "a sheet name cannot begin or end with an apostrophe";
  if (name.toLowerCase() === "history") return "\"History\" is reserved by Excel";
  return null;
}

/** Excel's comparison of sheet names: case-insensitive, in any script. */
export const sameSheetName = (a: string, b: string): boolean => a.toLocaleUpperCase() === b.toLocaleUpperCase();
