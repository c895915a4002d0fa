import { defineShader } from '@glyphreel/core';

/** Default source position, as a fraction of the frame's byte count (README "Decisions"). */
export const DATA_BEND_AT = 0.35;
/** Default chunk, as a fraction of the frame's byte count: the copy lands at at + 3·span = 50 % of the frame. */
export const DATA_BEND_SPAN = 0.05;

/**
 * Datamosh: treating the frame as flat bytes, copies `chunk` bytes from `offset` to `offset + 3·chunk` (both mod the
 * byte count), shortened so neither range runs past the end. Overlapping ranges copy as memmove does.
 *
 * `offset` and `chunk` are bytes, as in the catalog, when given (≥ 0). Left at their default −1 they are relative to
 * the frame: ⌊at·n⌋ and ⌊span·n⌋ for n bytes. The catalog's fixed 1000/500 bytes only ever touched the blank top rows
 * of a frame (0.3 % of a 960×540 one), so the shader did nothing visible at any resolution.
 */
export const dataBend = defineShader({
  name: 'data_bend',
  description: 'Copies `chunk` raw bytes from offset to offset + 3·chunk (by default relative to the frame: 35 % → 50 %, 5 % of it)',
  params: {
    offset: { type: 'integer', default: -1, min: -1, max: 2 ** 31 - 1, description: 'source byte offset (mod size); −1: ⌊at · bytes⌋' },
    chunk: { type: 'integer', default: -1, min: -1, max: 2 ** 29, description: 'bytes copied; −1: ⌊span · bytes⌋' },
    at: { type: 'number', default: DATA_BEND_AT, min: 0, max: 1, description: 'source offset as a fraction of the frame bytes, when offset is −1' },
    span: { type: 'number', default: DATA_BEND_SPAN, min: 0, max: 1, description: 'chunk as a fraction of the frame bytes, when chunk is −1' },
  },
  apply(frame, p) {
    const d = frame.data;
    const n = d.length;
    if (n === 0) return;
    const offset = p.offset >= 0 ? p.offset : Math.floor(p.at * n);
    const chunk = p.chunk >= 0 ? p.chunk : Math.floor(p.span * n);
    const src = offset % n;
    const dst = (offset + chunk * 3) % n;
    const len = Math.min(chunk, n - src, n - dst);
    if (len > 0 && src !== dst) d.copyWithin(dst, src, src + len);
  },
});
