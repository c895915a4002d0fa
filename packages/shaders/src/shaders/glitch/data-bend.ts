import { defineShader } from '@glyphreel/core';

/**
 * Datamosh: treating the frame as flat bytes, copies `chunk` bytes from `offset` to `offset + 3·chunk` (both mod the
 * byte count), shortened so neither range runs past the end. Overlapping ranges copy as memmove does.
 */
export const dataBend = defineShader({
  name: 'data_bend',
  description: 'Copies `chunk` raw bytes from offset to offset + 3·chunk',
  params: {
    offset: { type: 'integer', default: 1000, min: 0, max: 2 ** 31 - 1, description: 'source byte offset (mod size)' },
    chunk: { type: 'integer', default: 500, min: 0, max: 2 ** 29, description: 'bytes copied' },
  },
  apply(frame, p) {
    const d = frame.data;
    const n = d.length;
    const src = p.offset % n;
    const dst = (p.offset + p.chunk * 3) % n;
    const len = Math.min(p.chunk, n - src, n - dst);
    if (len > 0 && src !== dst) d.copyWithin(dst, src, src + len);
  },
});
