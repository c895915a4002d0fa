import { GlyphreelError, type RgbFrame } from '@glyphreel/core';

export function checkTransitionFrames(name: string, from: RgbFrame, to: RgbFrame, out: RgbFrame): void {
  if (from.width !== to.width || from.height !== to.height || out.width !== from.width || out.height !== from.height) {
    throw new GlyphreelError(
      'E_PARAM',
      `transition ${name}: frame sizes differ (from ${from.width}×${from.height}, to ${to.width}×${to.height}, out ${out.width}×${out.height})`,
    );
  }
}

const orderCache = new Map<string, Float32Array>();

/**
 * A reveal order: one value s ∈ [0, 1) per pixel; the pixel shows `to` once progress passes s. Static per (size,
 * shape, params), so it is built once and cached (a few MiB at 1080p; at most 6 kept).
 */
export function revealOrder(key: string, width: number, height: number, fill: (order: Float32Array) => void): Float32Array {
  const full = `${width}x${height}:${key}`;
  let order = orderCache.get(full);
  if (!order) {
    order = new Float32Array(width * height);
    fill(order);
    if (orderCache.size >= 6) orderCache.delete(orderCache.keys().next().value as string);
    orderCache.set(full, order);
  }
  return order;
}

/**
 * out = from where the pixel is not yet revealed, to where it is, and ⌊from·(1 − m) + to·m⌋ in a soft edge of width
 * `feather` (in order units). The edge runs from −feather to 1 so progress 0 is exactly `from` and 1 exactly `to`.
 */
export function revealMix(from: RgbFrame, to: RgbFrame, out: RgbFrame, order: Float32Array, progress: number, feather: number): void {
  const a = from.data;
  const b = to.data;
  const o = out.data;
  if (!(progress > 0)) {
    if (o !== a) o.set(a);
    return;
  }
  if (progress >= 1) {
    if (o !== b) o.set(b);
    return;
  }
  const n = order.length;
  const edge = progress * (1 + feather);
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    const s = order[i] as number;
    let m: number;
    if (feather > 0) {
      m = (edge - s) / feather;
      m = m < 0 ? 0 : m > 1 ? 1 : m;
    } else {
      m = s < progress ? 1 : 0;
    }
    if (m === 0) {
      o[p] = a[p] as number;
      o[p + 1] = a[p + 1] as number;
      o[p + 2] = a[p + 2] as number;
    } else if (m === 1) {
      o[p] = b[p] as number;
      o[p + 1] = b[p + 1] as number;
      o[p + 2] = b[p + 2] as number;
    } else {
      const k = 1 - m;
      o[p] = (a[p] as number) * k + (b[p] as number) * m;
      o[p + 1] = (a[p + 1] as number) * k + (b[p + 1] as number) * m;
      o[p + 2] = (a[p + 2] as number) * k + (b[p + 2] as number) * m;
    }
  }
}
