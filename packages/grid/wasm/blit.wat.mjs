// The glyph blit of @glyphreel/grid (blitLayer in src/blit.ts) as WebAssembly text: max-compositing a cell layer's
// glyph runs into an rgb24 frame in @glyphreel/core's arena. `node wasm/build.mjs` compiles it into src/blit-wasm.ts;
// a test checks that the committed bytes match this source, and that the kernel and the JavaScript blit write the same
// bytes. WebAssembly is used for its start-up, not its peak: it runs at full speed from the first frame, where the
// JavaScript loop runs unoptimized for a worker's first frames and then costs two optimizing compiles per thread.

/** max(d[p], v) stored back, for the byte at address `p` (an i32 expression) and value `v` (a local name). */
const maxStore = (p, v) => `(if (i32.gt_u (local.get ${v}) (i32.load8_u ${p})) (then (i32.store8 ${p} (local.get ${v}))))`;

/** v = ⌊cov·c/255⌋ = (x + 1 + (x >> 8)) >> 8 with x = cov·c, the JavaScript blit's division-free form. */
const mulDiv255 = (c) => `(local.set $x (i32.mul (local.get $cv) (local.get ${c})))
              (local.set $v (i32.shr_u (i32.add (i32.add (local.get $x) (i32.const 1)) (i32.shr_u (local.get $x) (i32.const 8))) (i32.const 8)))`;

export function wat() {
  return `(module
  (import "env" "memory" (memory 1 32768 shared))

  ;; Returns 0, or g + 1 for the first glyph id g ≥ nGlyphs met (the caller throws; the cells before it are drawn, as
  ;; in the JavaScript blit). Addresses: glyphs u16 per cell, colors 3 bytes per cell, runStart/runOff/runLen/runCov
  ;; i32, cov u8; frame0 is the byte of the grid's top-left pixel.
  (func (export "blit_layer")
    (param $glyphs i32) (param $colors i32) (param $rows i32) (param $cols i32) (param $colsVis i32)
    (param $frame0 i32) (param $rowStride i32) (param $cellStride i32)
    (param $runStart i32) (param $runOff i32) (param $runLen i32) (param $runCov i32) (param $cov i32) (param $nGlyphs i32)
    (result i32)
    (local $r i32) (local $c i32) (local $i i32) (local $g i32) (local $ci i32)
    (local $R i32) (local $G i32) (local $B i32) (local $rowBase i32) (local $base i32)
    (local $q i32) (local $qe i32) (local $p i32) (local $e i32) (local $k i32) (local $cv i32) (local $x i32) (local $v i32)
    (if (i32.or (i32.le_s (local.get $rows) (i32.const 0)) (i32.le_s (local.get $colsVis) (i32.const 0))) (then (return (i32.const 0))))
    (loop $row
      (local.set $rowBase (i32.add (local.get $frame0) (i32.mul (local.get $r) (local.get $rowStride))))
      (local.set $i (i32.mul (local.get $r) (local.get $cols)))
      (local.set $c (i32.const 0))
      (loop $cell
        (block $skip
          (local.set $g (i32.load16_u (i32.add (local.get $glyphs) (i32.shl (local.get $i) (i32.const 1)))))
          (br_if $skip (i32.eqz (local.get $g)))
          (local.set $ci (i32.add (local.get $colors) (i32.mul (local.get $i) (i32.const 3))))
          (local.set $R (i32.load8_u (local.get $ci)))
          (local.set $G (i32.load8_u offset=1 (local.get $ci)))
          (local.set $B (i32.load8_u offset=2 (local.get $ci)))
          (br_if $skip (i32.eqz (i32.or (i32.or (local.get $R) (local.get $G)) (local.get $B))))
          (if (i32.ge_u (local.get $g) (local.get $nGlyphs)) (then (return (i32.add (local.get $g) (i32.const 1)))))
          (local.set $base (i32.add (local.get $rowBase) (i32.mul (local.get $c) (local.get $cellStride))))
          (local.set $q (i32.load (i32.add (local.get $runStart) (i32.shl (local.get $g) (i32.const 2)))))
          (local.set $qe (i32.load offset=4 (i32.add (local.get $runStart) (i32.shl (local.get $g) (i32.const 2)))))
          (block $runsDone
            (br_if $runsDone (i32.ge_s (local.get $q) (local.get $qe)))
            (loop $run
              (local.set $p (i32.add (local.get $base) (i32.load (i32.add (local.get $runOff) (i32.shl (local.get $q) (i32.const 2))))))
              (local.set $e (i32.add (local.get $p) (i32.load (i32.add (local.get $runLen) (i32.shl (local.get $q) (i32.const 2))))))
              (local.set $k (i32.load (i32.add (local.get $runCov) (i32.shl (local.get $q) (i32.const 2)))))
              (if (i32.lt_s (local.get $k) (i32.const 0))
                (then
                  (loop $full
                    ${maxStore('(local.get $p)', '$R')}
                    ${maxStore('(i32.add (local.get $p) (i32.const 1))', '$G')}
                    ${maxStore('(i32.add (local.get $p) (i32.const 2))', '$B')}
                    (local.set $p (i32.add (local.get $p) (i32.const 3)))
                    (br_if $full (i32.lt_u (local.get $p) (local.get $e)))))
                (else
                  (local.set $k (i32.add (local.get $cov) (local.get $k)))
                  (loop $partial
                    (local.set $cv (i32.load8_u (local.get $k)))
                    ${mulDiv255('$R')}
                    ${maxStore('(local.get $p)', '$v')}
                    ${mulDiv255('$G')}
                    ${maxStore('(i32.add (local.get $p) (i32.const 1))', '$v')}
                    ${mulDiv255('$B')}
                    ${maxStore('(i32.add (local.get $p) (i32.const 2))', '$v')}
                    (local.set $p (i32.add (local.get $p) (i32.const 3)))
                    (local.set $k (i32.add (local.get $k) (i32.const 1)))
                    (br_if $partial (i32.lt_u (local.get $p) (local.get $e))))))
              (local.set $q (i32.add (local.get $q) (i32.const 1)))
              (br_if $run (i32.lt_s (local.get $q) (local.get $qe))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br_if $cell (i32.lt_s (local.get $c) (local.get $colsVis))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $row (i32.lt_s (local.get $r) (local.get $rows))))
    (i32.const 0))
)
`;
}
