import type { Catalog, Lang } from "../../../../shared/index.ts";

/** The choice meaning "read this column by its header" (the mapping holds no entry for it). */
export const AUTO = "@auto";

/** The catalog and language every picker searches: set by whoever draws pickers, before drawing. */
export const pickerSource: { catalog: Catalog | null; lang: Lang } = { catalog: null, lang: "vi" };
