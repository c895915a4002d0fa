import { defineValueEffect, type ParamValues } from '@glyphreel/core';
import { sdfGlow, sdfRender, sdfRepeat } from '../sdf/combinators.js';
import { sdfBox, sdfCircle, sdfHeart, sdfLine, sdfRing, sdfStar, sdfTriangle, type SdfGrid } from '../sdf/primitives.js';
import { bool, int, num, oneOf } from '../schema.js';

const SHAPES = ['circle', 'box', 'ring', 'line', 'triangle', 'star', 'heart'] as const;

const params = {
  shape: oneOf(SHAPES, 'circle', 'primitive'),
  cx: num(0.5, -10, 10, 'centre x, fraction of the width'),
  cy: num(0.5, -10, 10, 'centre y, fraction of the height'),
  radius: num(0.3, 0, 10, 'circle/ring radius'),
  w: num(0.3, 0, 10, 'box half-width'),
  h: num(0.2, 0, 10, 'box half-height'),
  round_r: num(0, 0, 10, 'box corner radius'),
  thickness: num(0.03, 0, 10, 'ring half-thickness'),
  x0: num(0.2, -10, 10, 'line start x'),
  y0: num(0.5, -10, 10, 'line start y'),
  x1: num(0.8, -10, 10, 'line end x'),
  y1: num(0.5, -10, 10, 'line end y'),
  line_thickness: num(0.01, 0, 10, 'line half-thickness'),
  size: num(0.25, 0.0001, 10, 'triangle/heart size'),
  n_points: int(5, 2, 64, 'star points'),
  outer_r: num(0.25, 0, 10, 'star outer radius'),
  inner_r: num(0.12, 0, 10, 'star inner radius'),
  edge_width: num(1.5, 0.0001, 100, 'softness of the edge (sdf_render)'),
  invert: bool(false, 'bright outside instead of inside'),
  glow: bool(false, 'render as a glowing outline (sdf_glow) instead of a filled shape'),
  glow_falloff: num(0.03, 0, 1000, 'glow falloff'),
  repeat_x: num(0, 0, 10, 'tile spacing in x, fraction of the width (0 = no tiling)'),
  repeat_y: num(0, 0, 10, 'tile spacing in y, fraction of the height (0 = no tiling)'),
};
type SdfParams = ParamValues<typeof params>;

/** Options handed to the primitives; one reused object (fills are synchronous), so a frame allocates nothing. */
const opts = {
  cx: 0.5, cy: 0.5, radius: 0.3, w: 0.3, h: 0.2, round_r: 0, thickness: 0.03,
  x0: 0.2, y0: 0.5, x1: 0.8, y1: 0.5, size: 0.25, n_points: 5, outer_r: 0.25, inner_r: 0.12,
};
let shape: SdfParams['shape'] = 'circle';

function evalShape(o: Float32Array, g: SdfGrid): Float32Array {
  switch (shape) {
    case 'box': return sdfBox(o, g, opts);
    case 'ring': return sdfRing(o, g, opts);
    case 'line': return sdfLine(o, g, opts);
    case 'triangle': return sdfTriangle(o, g, opts);
    case 'star': return sdfStar(o, g, opts);
    case 'heart': return sdfHeart(o, g, opts);
    default: return sdfCircle(o, g, opts);
  }
}

/**
 * `vf_sdf`: a signed-distance primitive rendered as a value field (sdf_render or sdf_glow), ×(0.5 + 0.8·rms).
 * One parameter set serves every primitive; each reads the ones it needs. The reference's `animate` flag is left
 * out: it animates nothing (it only injects cx_frac/cy_frac defaults, which break triangle, star and heart).
 * Centres are `cx`/`cy` for every shape (heart: the reference default cy is 0.45; pass it to match).
 * repeat_x/repeat_y > 0 tile the shape (sdf_repeat); on a tiled axis the centre is relative to each tile, 0.5
 * being the tile's middle.
 */
export const sdf = defineValueEffect({
  name: 'sdf',
  pure: true,
  description: 'Signed-distance shape (circle, box, ring, line, triangle, star, heart) as a value field',
  params,
  fill(out, grid, ctx, p) {
    shape = p.shape;
    const tiled = p.repeat_x > 0 || p.repeat_y > 0;
    const dx = p.repeat_x > 0 ? 0.5 : 0;
    const dy = p.repeat_y > 0 ? 0.5 : 0;
    opts.cx = p.cx - dx;
    opts.cy = p.cy - dy;
    opts.x0 = p.x0 - dx;
    opts.x1 = p.x1 - dx;
    opts.y0 = p.y0 - dy;
    opts.y1 = p.y1 - dy;
    opts.radius = p.radius;
    opts.w = p.w;
    opts.h = p.h;
    opts.round_r = p.round_r;
    opts.thickness = p.shape === 'line' ? p.line_thickness : p.thickness;
    opts.size = p.size;
    opts.n_points = p.n_points;
    opts.outer_r = p.outer_r;
    opts.inner_r = p.inner_r;
    if (tiled) sdfRepeat(out, grid, evalShape, p.repeat_x, p.repeat_y);
    else evalShape(out, grid);
    if (p.glow) sdfGlow(out, out, p.glow_falloff);
    else sdfRender(out, out, p.edge_width, p.invert);
    const gain = 0.5 + ctx.features.get('rms') * 0.8;
    for (let i = 0; i < out.length; i++) {
      const v = out[i] * gain;
      out[i] = v > 1 ? 1 : v;
    }
  },
});
