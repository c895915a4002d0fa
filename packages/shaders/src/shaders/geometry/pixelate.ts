import { defineShader } from '@glyphreel/core';

export const pixelate = defineShader({
  name: 'pixelate',
  description: 'Every block-th pixel repeated into a block×block tile (cropped at the edges)',
  params: {
    block: { type: 'integer', default: 4, min: 1, max: 512, description: 'tile size in pixels' },
  },
  apply(frame, p) {
    const b = p.block;
    if (b <= 1) return;
    const { width, height, data } = frame;
    const stride = width * 3;
    for (let y = 0; y < height; y += b) {
      const row = y * stride;
      // Spread each tile's top-left pixel along its own row, then copy that row down the tile.
      for (let x = 0; x < width; x += b) {
        const s = row + x * 3;
        const r = data[s]!;
        const g = data[s + 1]!;
        const bl = data[s + 2]!;
        const end = row + Math.min(x + b, width) * 3;
        for (let o = s + 3; o < end; o += 3) {
          data[o] = r;
          data[o + 1] = g;
          data[o + 2] = bl;
        }
      }
      const yEnd = Math.min(y + b, height);
      for (let yy = y + 1; yy < yEnd; yy++) data.copyWithin(yy * stride, row, row + stride);
    }
  },
});
