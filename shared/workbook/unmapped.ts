// The mapping stage's notice: a header no indicator was matched to, with the nearest guess.
import type { ColumnMapping } from "./mapping.ts";
import { matchHeader } from "./mapping.ts";
import type { Push, ReadCtx } from "./read-types.ts";

export function reportUnmapped(ctx: ReadCtx, unmapped: ColumnMapping[], where: (u: ColumnMapping) => string, parts: (u: ColumnMapping) => string[], push: Push = ctx.push): void {
  const { catalog } = ctx.opts;
  for (const u of unmapped) {
    if (u.source === "saved") continue;
    // A part beside its whole is never suggested as the whole.
    const whole = u.evidence?.partOf?.indicator;
    const guess = matchHeader(parts(u), catalog, whole ? new Set([whole]) : undefined);
    const suggestion = guess.indicator && guess.confidence >= 0.35 ? catalog.byCode.get(guess.indicator)!.label[ctx.lang] : "";
    push("info", "unmapped_column", [where(u)], null, [], { column: u.column, header: u.header, suggestion });
  }
}
