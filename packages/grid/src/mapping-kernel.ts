import type { CellLayer, Field, WasmArena } from '@glyphreel/core';
import { WASM_BASE64 as MAPPING_WASM } from './mapping-wasm.js';

/** The export of wasm/mapping.wat.mjs. */
interface MappingKernel {
  field_to_layer(
    value: number,
    hue: number,
    hueField: number,
    hueConst: number,
    n: number,
    palette: number,
    np: number,
    saturation: number,
    threshold: number,
    glyphs: number,
    colors: number,
  ): void;
}

let kernel: { arena: WasmArena; k: MappingKernel } | undefined;

/**
 * fieldToLayer by the wasm kernel: the fields and palette are copied into arena scratch, the glyphs and colours
 * copied back into the layer (≈ 150 KB each way for a 1080p md grid, against a per-frame loop V8 would otherwise
 * optimize twice per thread). Sizes are checked by the caller.
 */
export function fieldToLayerInArena(arena: WasmArena, layer: CellLayer, value: Field, hue: Field | number, palette: Uint16Array, saturation: number, threshold: number): void {
  if (kernel?.arena !== arena) kernel = { arena, k: arena.load<MappingKernel>(MAPPING_WASM) };
  const n = value.length;
  const field = typeof hue !== 'number';
  const vp = arena.scratch('map:value', n * 4);
  const hp = arena.scratch('map:hue', field ? n * 4 : 4);
  const pp = arena.scratch('map:palette', palette.length * 2);
  const gp = arena.scratch('map:glyphs', n * 2);
  const cp = arena.scratch('map:colors', n * 3);
  // Views only after every scratch call: a call may grow the memory and detach earlier views.
  const buf = arena.buffer;
  new Float32Array(buf, vp, n).set(value);
  if (field) new Float32Array(buf, hp, n).set(hue);
  arena.u16(pp, palette.length).set(palette);
  kernel.k.field_to_layer(vp, hp, field ? 1 : 0, field ? 0 : hue, n, pp, palette.length, saturation, threshold, gp, cp);
  layer.glyphs.set(arena.u16(gp, n));
  layer.colors.set(arena.u8(cp, n * 3));
}
