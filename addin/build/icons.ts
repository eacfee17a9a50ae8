import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodePng } from "./png.ts";

/**
 * Draws the add-in icon at each size the manifest names: a red rounded square (the colour of the
 * ribbon group) with three rising white bars and a yellow tick, anti-aliased by 4×4 supersampling
 * of shapes given as distance functions, so every size is drawn, not scaled.
 */
export const ICON_SIZES = [16, 32, 64, 80] as const;
type RGBA = [number, number, number, number];
const RED: RGBA = [200, 16, 46, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const YELLOW: RGBA = [255, 205, 0, 255];

// Shapes in a unit square (0..1), each a signed distance (negative inside).
function roundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): number {
  const cx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const cy = Math.max(y0 + r - y, 0, y - (y1 - r));
  const outside = Math.hypot(cx, cy) - r;
  const inside = Math.max(x0 - x, x - x1, y0 - y, y - y1);
  return cx > 0 || cy > 0 ? outside : inside;
}
function segment(x: number, y: number, ax: number, ay: number, bx: number, by: number, w: number): number {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - w;
}

function colourAt(x: number, y: number): RGBA | null {
  if (roundedRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.18) > 0) return null;
  if (segment(x, y, 0.5, 0.33, 0.62, 0.45, 0.055) < 0 || segment(x, y, 0.62, 0.45, 0.86, 0.16, 0.055) < 0) return YELLOW;
  const bars: [number, number][] = [[0.16, 0.62], [0.40, 0.5], [0.64, 0.36]];
  for (const [x0, top] of bars) if (roundedRect(x, y, x0, top, x0 + 0.18, 0.84, 0.03) < 0) return WHITE;
  return RED;
}

export function drawIcon(size: number): Buffer {
  const px = new Uint8Array(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = colourAt((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a += 255;
        }
      }
      const n = a / 255;
      const o = (y * size + x) * 4;
      if (n > 0) { px[o] = Math.round(r / n); px[o + 1] = Math.round(g / n); px[o + 2] = Math.round(b / n); }
      px[o + 3] = Math.round(a / (S * S));
    }
  }
  return encodePng(size, size, px);
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(here, "..", "assets");
  mkdirSync(out, { recursive: true });
  for (const size of ICON_SIZES) {
    writeFileSync(join(out, `icon-${size}.png`), drawIcon(size));
    console.log(`addin/assets/icon-${size}.png`);
  }
}
