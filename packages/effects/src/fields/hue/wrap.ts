/** x mod 1 into [0,1) for any finite x (Python's `% 1.0`; float rounding of tiny negatives can give 1, mapped to 0). */
export function frac(x: number): number {
  const f = x - Math.floor(x);
  return f >= 1 ? 0 : f;
}
