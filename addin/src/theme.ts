/**
 * The Office theme (desktop Office reports its body colours) as the pane's CSS variables, when
 * the pair is readable (WCAG contrast ≥ 4.5:1); dark themes get matching muted text, lines and
 * notice backgrounds. Anything else keeps the light defaults in taskpane.css.
 */
export interface OfficeTheme { bodyBackgroundColor?: string; bodyForegroundColor?: string }

function rgb(hex: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: string, b: string): number | null {
  const x = rgb(a), y = rgb(b);
  if (!x || !y) return null;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export function themeVariables(theme: OfficeTheme | undefined | null): Record<string, string> {
  const bg = theme?.bodyBackgroundColor, ink = theme?.bodyForegroundColor;
  if (!bg || !ink || (contrast(bg, ink) ?? 0) < 4.5) return {};
  const dark = luminance(rgb(bg)!) < 0.2;
  return dark
    ? { "--bg": bg, "--ink": ink, "--muted": "#d6d6d6", "--line": "#666666", "--stroke": "#adadad", "--brand": "#479ef5", "--brand-hover": "#62abf5", "--brand-pressed": "#2886de", "--on-brand": "#000000",
      "--error": "#f1707b", "--warn": "#f7c144", "--ok": "#54b054", "--info": "#479ef5",
      "--error-bg": "rgba(241,112,123,.12)", "--warn-bg": "rgba(247,193,68,.12)", "--ok-bg": "rgba(84,176,84,.12)", "--info-bg": "rgba(71,158,245,.12)",
      "--disabled-ink": "#adadad", "--disabled-bg": "#3d3d3d" }
    : { "--bg": bg, "--ink": ink };
}

/** A readable dark Office theme (Fluent then uses its dark tokens too). */
export function isDarkTheme(theme: OfficeTheme | undefined | null): boolean {
  return themeVariables(theme)["--on-brand"] === "#000000";
}
