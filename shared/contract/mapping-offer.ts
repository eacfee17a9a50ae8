import type { Catalog } from "../catalog/catalog.ts";
import type { ErrorDetail } from "./errors.ts";
import type { SharedMappingRequest } from "./mappings.ts";

/**
 * A shared mapping is data other clerks' workbooks are read with, so an offer is checked as
 * text before it is kept: header texts, mapping keys and the sheet name are text a spreadsheet
 * could take for a formula when written back into a cell (a value beginning with "=" or "@",
 * after any spaces, is refused; "+ Nam" and "- Trong đó" are ordinary headers of Vietnamese
 * forms and pass), no control characters, and every indicator it names is in the catalog.
 */
const FORMULA = /^\s*[=@]/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function mappingOfferProblems(catalog: Catalog, offer: SharedMappingRequest): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const text = (path: string, v: string) => {
    if (FORMULA.test(v)) out.push({ path, problem: "text beginning with = or @ is not allowed (it would be read as a formula)" });
    else if (CONTROL.test(v)) out.push({ path, problem: "control characters are not allowed" });
  };
  offer.headers.forEach((h, i) => text(`headers.${i}`, h));
  if (offer.sheet !== undefined) text("sheet", offer.sheet);
  const known = (code: string) => catalog.byCode.has(code);
  for (const [k, v] of Object.entries(offer.mapping)) {
    text(`mapping.${k.slice(0, 40)}`, k);
    if (v === null) continue;
    for (const code of typeof v === "string" ? [v] : [v.part, v.whole]) {
      if (!known(code)) out.push({ path: `mapping.${k.slice(0, 40)}`, problem: `indicator ${code.slice(0, 100)} is not in the catalog` });
    }
  }
  return out.slice(0, 50);
}
