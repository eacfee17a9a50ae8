/**
 * Route templates as the Functions host reads them: `{name}`, `{name?}`, `{*rest}` and
 * constraints (`{id:int}`, ignored here); literal segments win over parameters.
 */
export interface CompiledRoute {
  template: string;
  match(segments: string[]): Record<string, string> | null;
  /** Higher is more specific. */
  rank: number;
}

export function compileRoute(template: string): CompiledRoute {
  const parts = template.split("/").filter(Boolean).map((p) => {
    const m = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::[^}?]*)?(\?)?\}$/.exec(p);
    return m ? { param: m[2]!, catchAll: !!m[1], optional: !!m[3] } : { literal: p.toLowerCase() };
  });
  const rank = parts.reduce((r, p) => r * 3 + ("literal" in p ? 2 : 1), 0) * 100 + parts.length;
  return {
    template,
    rank,
    match(segments) {
      const params: Record<string, string> = {};
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i]!;
        const s = segments[i];
        if ("literal" in p) {
          if (s === undefined || s.toLowerCase() !== p.literal) return null;
          continue;
        }
        if (p.catchAll) { params[p.param] = segments.slice(i).join("/"); return params; }
        if (s === undefined) { if (p.optional) continue; return null; }
        params[p.param] = s;
      }
      return segments.length <= parts.length ? params : null;
    },
  };
}
