import { GlyphreelError, type Field, type GridGeometry, type RgbFrame } from '@glyphreel/core';
import { checkMask } from './common.js';

interface CellMap {
  cellRow: Int32Array;
  cellCol: Int32Array;
}
const mapCache = new Map<string, CellMap>();

/**
 * The cell under each pixel row and column, from the grid's real geometry: cell = ⌊(px − offset)/cellSize⌋. Pixels in
 * the margins outside the grid take the nearest cell (clamped), so a mask that is 1 at the border keeps the margin and
 * a uniform mask is uniform over the whole frame.
 */
function cellMap(grid: GridGeometry, width: number, height: number): CellMap {
  const { rows, cols, cellWidthPx: cw, cellHeightPx: ch, offsetXPx: ox, offsetYPx: oy } = grid;
  const key = `${width}x${height}:${rows}x${cols}:${cw}x${ch}:${ox},${oy}`;
  let m = mapCache.get(key);
  if (!m) {
    const cellRow = new Int32Array(height);
    const cellCol = new Int32Array(width);
    for (let y = 0; y < height; y++) cellRow[y] = Math.min(rows - 1, Math.max(0, Math.floor((y - oy) / ch)));
    for (let x = 0; x < width; x++) cellCol[x] = Math.min(cols - 1, Math.max(0, Math.floor((x - ox) / cw)));
    m = { cellRow, cellCol };
    if (mapCache.size >= 16) mapCache.delete(mapCache.keys().next().value as string);
    mapCache.set(key, m);
  }
  return m;
}

/**
 * apply_mask_canvas, in place: frame = ⌊frame·m + bg·(1 − m)⌋ per channel (black where there is no bg), with the
 * grid mask expanded to pixels along the grid's actual cells. The reference repeated each cell ⌊H/rows⌋ + 1 times
 * from the frame's corner, ignoring the offsets and the exact cell size (catalog 9.3 item 31); that drifts by up to a
 * cell across the frame, so it is fixed here.
 */
export function applyMask(frame: RgbFrame, mask: Field, grid: GridGeometry, bg?: RgbFrame): RgbFrame {
  checkMask(mask, grid, 'applyMask');
  const { width, height, data } = frame;
  if (bg && (bg.width !== width || bg.height !== height)) {
    throw new GlyphreelError('E_PARAM', `applyMask: background is ${bg.width}×${bg.height}, frame is ${width}×${height}`);
  }
  const bgd = bg?.data;
  const { cellRow, cellCol } = cellMap(grid, width, height);
  const cols = grid.cols;
  for (let y = 0, p = 0; y < height; y++) {
    const rowBase = (cellRow[y] as number) * cols;
    for (let x = 0; x < width; x++, p += 3) {
      const m = mask[rowBase + (cellCol[x] as number)] as number;
      if (m >= 1) continue;
      if (m <= 0) {
        if (bgd) {
          data[p] = bgd[p] as number;
          data[p + 1] = bgd[p + 1] as number;
          data[p + 2] = bgd[p + 2] as number;
        } else {
          data[p] = 0;
          data[p + 1] = 0;
          data[p + 2] = 0;
        }
        continue;
      }
      const k = 1 - m;
      if (bgd) {
        data[p] = (data[p] as number) * m + (bgd[p] as number) * k;
        data[p + 1] = (data[p + 1] as number) * m + (bgd[p + 1] as number) * k;
        data[p + 2] = (data[p + 2] as number) * m + (bgd[p + 2] as number) * k;
      } else {
        data[p] = (data[p] as number) * m;
        data[p + 1] = (data[p + 1] as number) * m;
        data[p + 2] = (data[p + 2] as number) * m;
      }
    }
  }
  return frame;
}
