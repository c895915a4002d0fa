/**
 * Typed entry points to the SIMD kernels for any Uint8Array: frames allocated by createSimdFrame are worked on in
 * place, other arrays through a copy (still faster than the JavaScript passes for the per-pixel arithmetic).
 */
import { arena, kernels } from './arena.js';

const lastTable = new Uint8Array(256);
let lastTableValid = false;

/** The address of the two-byte table for `table`, rebuilt only when the table changed since the last call. */
function lut16For(table: Uint8Array): number {
  const a = arena();
  const t16 = a.scratch('lut:t16', 131072);
  const t8 = a.scratch('lut:t8', 256);
  let same = lastTableValid;
  for (let i = 0; same && i < 256; i++) same = lastTable[i] === table[i];
  if (!same) {
    lastTable.set(table.subarray(0, 256));
    lastTableValid = true;
    a.u8(t8, 256).set(lastTable);
    kernels().build_lut16(t8, t16);
  }
  return t16;
}

/** data[i] = table[data[i]] for i in [start, end). */
export function lutBytes(data: Uint8Array, table: Uint8Array, start = 0, end = data.length): void {
  if (end <= start) return;
  const t16 = lut16For(table);
  const a = arena();
  const own = a.ptrOf(data);
  if (own >= 0) {
    kernels().lut16(own + start, end - start, t16);
    return;
  }
  a.withBytes(data.subarray(start, end), (p) => kernels().lut16(p, end - start, t16));
}

export { arena, kernels } from './arena.js';
