import type { RgbFrame } from '@glyphreel/core';
import { BoundedCache } from '../cache.js';
import { arena } from './arena.js';
import { WASM_BASE64 } from './remap-wasm.js';

/** The export of wasm/remap.wat.mjs the remaps use (pointers into the arena). */
interface GatherKernel {
  gather_px(p: number, npx: number, map: number, src: number): void;
}

/**
 * Writes the source byte offset of every output pixel of a width × height frame, for one parameter value. The offset
 * 3·width·height (one pixel past the frame) reads a black pixel.
 */
export type RemapBuilder = (width: number, height: number, param: number, out: Int32Array) => void;

/**
 * A whole-frame remap through a cached per-pixel source map (CRT barrel, kaleidoscope). The maps live in the SIMD
 * arena, at most 8 per remap (an evicted map's region goes back to the arena); a hit builds nothing.
 */
export function cachedRemap(build: RemapBuilder): (frame: RgbFrame, param: number) => void {
  const maps = new BoundedCache<number>(8, (ptr) => arena().release(ptr));
  const make = (width: number, height: number, param: number): number => {
    const a = arena();
    const ptr = a.alloc(width * height * 4);
    build(width, height, param, a.i32(ptr, width * height));
    return ptr;
  };
  return (frame, param) => {
    const { width, height, data } = frame;
    const npx = width * height;
    if (npx === 0) return;
    const a = arena();
    const map = maps.lookup(width, height, param, 0, 0, make);
    // The kernel moves 4 bytes per pixel, so the copy it reads from has bytes to spare: the pixel after the frame is
    // black (a map entry of 3·npx reads it) and one more byte for the 4-byte move.
    const src = a.scratch('remap:source', 3 * npx + 8);
    a.u8(src + 3 * npx, 8).fill(0);
    const kernel = a.load<GatherKernel>(WASM_BASE64);
    a.withBytes(data, (ptr) => kernel.gather_px(ptr, npx, map, src));
  };
}
