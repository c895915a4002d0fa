// Shared by the kernel sources: i8x16.shuffle lane lists computed from a rule, checked against their sources.

/**
 * The 16 lanes of an i8x16.shuffle: `src(t)` gives, for output byte t, the byte index in the 32-byte concatenation
 * of the two source vectors. Throws (naming the module and the pattern) when a rule needs a byte outside them, so a
 * wrong pattern fails the build instead of producing a valid module that reads the wrong bytes.
 */
export function shuffleLanes(module, what, src) {
  const out = [];
  for (let t = 0; t < 16; t++) {
    const b = src(t);
    if (!(b >= 0 && b < 32)) throw new Error(`${module}: ${what} lane ${t} needs byte ${b}, outside its two sources`);
    out.push(b);
  }
  return out.join(' ');
}
