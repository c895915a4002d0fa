import { describe, expect, it } from '@jest/globals';
import { clearCellLayer, clearFrame, copyFrame, createCellLayer, createField, createFrame, meanBrightness, ScratchPool, zeroBytes } from './buffers.js';
import { createGeometry, GEOMETRY_FIELDS, geometryFields, sequentialGlyphIds } from './geometry.js';

describe('createGeometry', () => {
  const g = createGeometry({ rows: 4, cols: 6, cellWidthPx: 10, cellHeightPx: 20, frameWidthPx: 64, frameHeightPx: 85 });

  it('computes the coordinate fields as full matrices, round on screen', () => {
    expect(g.row.length).toBe(24);
    // cell (row 3, col 5): cx = 3, cy = 2, asp = cw/ch = 0.5. A row is 2 column widths tall, so dy = (3 − 2)/0.5 = 2
    // (the reference's (rr − cy)·asp = 0.5 shrank vertical distances: circles came out ~4× taller than wide), and the
    // normalized fields share one scale, the column count: dyN = dy/cols, not (rr − cy)/rows·asp.
    const i = 3 * 6 + 5;
    expect(g.row[i]).toBe(3);
    expect(g.col[i]).toBe(5);
    expect(g.dx[i]).toBe(2);
    expect(g.dy[i]).toBe(2);
    expect(g.dist[i]).toBeCloseTo(Math.sqrt(8));
    expect(g.angle[i]).toBeCloseTo(Math.PI / 4); // the cell 20 px right and 20 px down of the centre: 45°
    expect(g.dxN[i]).toBeCloseTo(2 / 6);
    expect(g.dyN[i]).toBeCloseTo(2 / 6);
    expect(g.distN[i]).toBeCloseTo(Math.hypot(2 / 6, 2 / 6));
    expect(g.cellAspect).toBe(0.5); // still cw/ch
  });

  it('measures distances in pixels: cells at equal dist are at equal pixel distances from the centre, in every direction', () => {
    // 1:2.1 cells, as a real monospace font gives; pixel centre of a cell relative to the grid centre.
    const cw = 9;
    const ch = 19;
    const geo = createGeometry({ rows: 41, cols: 121, cellWidthPx: cw, cellHeightPx: ch });
    const px = (k: number) => Math.hypot((geo.col[k]! - geo.cols / 2) * cw, (geo.row[k]! - geo.rows / 2) * ch);
    for (let k = 0; k < geo.dist.length; k += 97) {
      expect(geo.dist[k]! * cw).toBeCloseTo(px(k), 2);
      expect(geo.distN[k]! * geo.cols * cw).toBeCloseTo(px(k), 2);
    }
    // The cell at the top of the centre column (x = −0.5 cells, y = −20.5 rows) points almost straight up.
    expect(geo.angle[60]).toBeCloseTo(Math.atan2(-20.5 * ch, -0.5 * cw), 5);
  });

  it('centres the grid in the frame', () => {
    expect(g.offsetXPx).toBe(2);
    expect(g.offsetYPx).toBe(2);
  });

  it('rejects empty grids', () => {
    expect(() => createGeometry({ rows: 0, cols: 3 })).toThrow('positive integer rows and cols');
  });

  it('takes precomputed fields as they are, and refuses ones of the wrong type or length', () => {
    const input = { rows: 4, cols: 6, cellWidthPx: 8, cellHeightPx: 16 };
    const fields = geometryFields(4, 6, 0.5);
    const g = createGeometry(input, fields);
    for (const k of GEOMETRY_FIELDS) expect(g[k]).toBe(fields[k]);
    const computed = createGeometry(input);
    for (const k of GEOMETRY_FIELDS) expect(Array.from(fields[k])).toEqual(Array.from(computed[k]));
    expect(() => createGeometry(input, { ...fields, dist: new Float32Array(23) })).toThrow('createGeometry: the precomputed field "dist" must be a Float32Array of 24 cells');
    expect(() => createGeometry(input, { ...fields, angle: new Float64Array(24) as unknown as Float32Array })).toThrow('the precomputed field "angle"');
  });

  it('sequentialGlyphIds maps space to 0 and is stable', () => {
    const ids = sequentialGlyphIds();
    expect([...ids(' ab')]).toEqual([0, 1, 2]);
    expect([...ids('ba█')]).toEqual([2, 1, 3]);
    expect(ids(' ab')).toBe(ids(' ab'));
    expect(ids.glyphOf(3)).toBe('█');
  });
});

describe('buffers', () => {
  it('allocates, clears and copies', () => {
    const f = createFrame(4, 2);
    expect(f.data.length).toBe(24);
    f.data.fill(30);
    expect(meanBrightness(f)).toBe(30);
    const h = createFrame(4, 2);
    copyFrame(f, h);
    expect(h.data[23]).toBe(30);
    expect(() => copyFrame(f, createFrame(2, 2))).toThrow('sizes differ');
    expect(() => createFrame(0, 2)).toThrow('positive integer dimensions');
    const layer = createCellLayer({ rows: 2, cols: 3 });
    layer.glyphs[1] = 5;
    layer.colors[4] = 9;
    clearCellLayer(layer);
    expect(layer.glyphs.every((x) => x === 0) && layer.colors.every((x) => x === 0)).toBe(true);
    expect(createField({ rows: 2, cols: 3 }).length).toBe(6);
  });

  it('zeroBytes and clearFrame clear heap and shared bytes of any length, and only them', () => {
    for (const n of [0, 1, 4095, 4096, 65536, 65537, 200_003]) {
      const shared = new Uint8Array(new SharedArrayBuffer(n + 2)).fill(7);
      const view = shared.subarray(1, n + 1);
      zeroBytes(view);
      expect([n, view.every((x) => x === 0), shared[0], shared[n + 1]]).toEqual([n, true, 7, 7]);
      const heap = new Uint8Array(n).fill(3);
      zeroBytes(heap);
      expect(heap.every((x) => x === 0)).toBe(true);
    }
    const f = { width: 2, height: 2, data: new Uint8Array(new SharedArrayBuffer(12)).fill(1) };
    clearFrame(f);
    expect(f.data.every((x) => x === 0)).toBe(true);
  });

  it('ScratchPool returns the same buffer for the same key and length', () => {
    const p = new ScratchPool();
    const a = p.u8('x', 10);
    expect(p.u8('x', 10)).toBe(a);
    expect(p.u8('x', 11)).not.toBe(a);
    expect(p.f32('x', 10)).toBeInstanceOf(Float32Array);
    expect(p.i32('y', 3)).toBe(p.i32('y', 3));
  });
});
