// The glyph blit of @glyphreel/grid (blitLayer in src/blit.ts) as WebAssembly text: max-compositing a cell layer's
// glyph runs into an rgb24 frame in @glyphreel/core's arena; the same blit through a byte map, the strided histogram
// of a layer drawn on black, and a byte fill (src/mapped.ts). `node wasm/build.mjs` compiles it into
// src/blit-wasm.ts; a test checks that the committed bytes match this source, and that the kernels and the JavaScript
// loops write the same bytes. WebAssembly is used for its start-up, not its peak: it runs at full speed from the first
// frame, where the JavaScript loop runs unoptimized for a worker's first frames and then costs two optimizing
// compiles per thread.

/** max(d[p], v) stored back, for the byte at address `p` (an i32 expression) and value `v` (a local name). */
const maxStore = (p, v) => `(if (i32.gt_u (local.get ${v}) (i32.load8_u ${p})) (then (i32.store8 ${p} (local.get ${v}))))`;

/** v = ⌊cov·c/255⌋ = (x + 1 + (x >> 8)) >> 8 with x = cov·c, the JavaScript blit's division-free form. */
const mulDiv255 = (c, x = '$x') => `(local.set ${x} (i32.mul (local.get $cv) (local.get ${c})))
              (local.set $v (i32.shr_u (i32.add (i32.add (local.get ${x}) (i32.const 1)) (i32.shr_u (local.get ${x}) (i32.const 8))) (i32.const 8)))`;

/** v = map[v], when the blit is the mapped one. */
const mapV = (mapped) => (mapped ? '(local.set $v (i32.load8_u (i32.add (local.get $map) (local.get $v))))' : '');

/**
 * The blit, plain or through a byte map. The mapped one writes map[⌊cov·c/255⌋] for every glyph pixel, the colours
 * of full runs mapped once per cell: for a non-decreasing map that is map[max(frame, v)] = max(map[frame], map[v]), so
 * drawing a layer over a frame filled with map[0] gives the layer drawn on black with every byte then mapped.
 */
function blit(name, mapped) {
  const full = mapped ? ['$MR', '$MG', '$MB'] : ['$R', '$G', '$B'];
  return `
  (func (export "${name}")
    (param $glyphs i32) (param $colors i32) (param $rows i32) (param $cols i32) (param $colsVis i32)
    (param $frame0 i32) (param $rowStride i32) (param $cellStride i32)
    (param $runStart i32) (param $runOff i32) (param $runLen i32) (param $runCov i32) (param $cov i32) (param $nGlyphs i32)
    ${mapped ? '(param $map i32)' : ''}
    (result i32)
    (local $r i32) (local $c i32) (local $i i32) (local $g i32) (local $ci i32)
    (local $R i32) (local $G i32) (local $B i32) (local $rowBase i32) (local $base i32)
    (local $q i32) (local $qe i32) (local $p i32) (local $e i32) (local $k i32) (local $cv i32) (local $x i32) (local $v i32)
    ${mapped ? '(local $MR i32) (local $MG i32) (local $MB i32)' : ''}
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
          ${mapped ? `(local.set $MR (i32.load8_u (i32.add (local.get $map) (local.get $R))))
          (local.set $MG (i32.load8_u (i32.add (local.get $map) (local.get $G))))
          (local.set $MB (i32.load8_u (i32.add (local.get $map) (local.get $B))))` : ''}
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
                    ${maxStore('(local.get $p)', full[0])}
                    ${maxStore('(i32.add (local.get $p) (i32.const 1))', full[1])}
                    ${maxStore('(i32.add (local.get $p) (i32.const 2))', full[2])}
                    (local.set $p (i32.add (local.get $p) (i32.const 3)))
                    (br_if $full (i32.lt_u (local.get $p) (local.get $e)))))
                (else
                  (local.set $k (i32.add (local.get $cov) (local.get $k)))
                  (loop $partial
                    (local.set $cv (i32.load8_u (local.get $k)))
                    ${mulDiv255('$R')}
                    ${mapV(mapped)}
                    ${maxStore('(local.get $p)', '$v')}
                    ${mulDiv255('$G')}
                    ${mapV(mapped)}
                    ${maxStore('(i32.add (local.get $p) (i32.const 1))', '$v')}
                    ${mulDiv255('$B')}
                    ${mapV(mapped)}
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
    (i32.const 0))`;
}

/** hist[v]++ and n++ for a non-zero v (a channel value of a sampled pixel). */
const count = `(if (local.get $v) (then
                  (local.set $h (i32.add (local.get $hist) (i32.shl (local.get $v) (i32.const 2))))
                  (i32.store (local.get $h) (i32.add (i32.load (local.get $h)) (i32.const 1)))
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))))`;

export function wat() {
  return `(module
  (import "env" "memory" (memory 1 32768 shared))

  ;; blit_layer and blit_layer_mapped return 0, or g + 1 for the first glyph id g ≥ nGlyphs met (the caller throws;
  ;; the cells before it are drawn, as in the JavaScript blit). Addresses: glyphs u16 per cell, colors 3 bytes per
  ;; cell, runStart/runOff/runLen/runCov i32, cov u8, map 256 bytes; frame0 is the byte of the grid's top-left pixel.
  ${blit('blit_layer', false)}
  ${blit('blit_layer_mapped', true)}

  ;; Adds to hist (256 i32) every non-zero channel value of the pixels at rows 0, step, 2·step, … and columns 0, step,
  ;; … that the layer would draw on a black frame, and returns how many it added (the caller counts the rest as 0).
  ;; The grid's cells [0, rows) × [0, colsVis) start at pixel (ox, oy), cw × ch each; masks holds every glyph's
  ;; coverage, cellSize = cw·ch bytes per glyph id. Glyph ids ≥ nGlyphs are skipped (the blit reports them).
  (func (export "hist_layer")
    (param $glyphs i32) (param $colors i32) (param $rows i32) (param $cols i32) (param $colsVis i32)
    (param $ox i32) (param $oy i32) (param $cw i32) (param $ch i32) (param $step i32)
    (param $masks i32) (param $cellSize i32) (param $nGlyphs i32) (param $hist i32)
    (result i32)
    (local $y i32) (local $yEnd i32) (local $r i32) (local $dy i32) (local $x0 i32) (local $xEnd i32) (local $x i32)
    (local $c i32) (local $dx i32) (local $i i32) (local $g i32) (local $ci i32) (local $cv i32) (local $v i32)
    (local $h i32) (local $n i32) (local $t i32)
    (if (i32.or (i32.le_s (local.get $rows) (i32.const 0)) (i32.le_s (local.get $colsVis) (i32.const 0))) (then (return (i32.const 0))))
    ;; the first sampled row and column inside the grid
    (local.set $y (i32.mul (i32.div_u (i32.sub (i32.add (local.get $oy) (local.get $step)) (i32.const 1)) (local.get $step)) (local.get $step)))
    (local.set $x0 (i32.mul (i32.div_u (i32.sub (i32.add (local.get $ox) (local.get $step)) (i32.const 1)) (local.get $step)) (local.get $step)))
    (local.set $yEnd (i32.add (local.get $oy) (i32.mul (local.get $rows) (local.get $ch))))
    (local.set $xEnd (i32.add (local.get $ox) (i32.mul (local.get $colsVis) (local.get $cw))))
    (if (i32.ge_u (local.get $x0) (local.get $xEnd)) (then (return (i32.const 0))))
    (block $rowsDone (loop $row
      (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $yEnd)))
      (local.set $r (i32.div_u (i32.sub (local.get $y) (local.get $oy)) (local.get $ch)))
      (local.set $dy (i32.sub (i32.sub (local.get $y) (local.get $oy)) (i32.mul (local.get $r) (local.get $ch))))
      (local.set $x (local.get $x0))
      (local.set $c (i32.div_u (i32.sub (local.get $x) (local.get $ox)) (local.get $cw)))
      (local.set $dx (i32.sub (i32.sub (local.get $x) (local.get $ox)) (i32.mul (local.get $c) (local.get $cw))))
      (loop $col
        (block $skip
          (local.set $i (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $c)))
          (local.set $g (i32.load16_u (i32.add (local.get $glyphs) (i32.shl (local.get $i) (i32.const 1)))))
          (br_if $skip (i32.or (i32.eqz (local.get $g)) (i32.ge_u (local.get $g) (local.get $nGlyphs))))
          (local.set $cv (i32.load8_u (i32.add (i32.add (local.get $masks) (i32.mul (local.get $g) (local.get $cellSize)))
            (i32.add (i32.mul (local.get $dy) (local.get $cw)) (local.get $dx)))))
          (br_if $skip (i32.eqz (local.get $cv)))
          (local.set $ci (i32.add (local.get $colors) (i32.mul (local.get $i) (i32.const 3))))
          (local.set $v (i32.load8_u (local.get $ci)))
          ${mulDiv255('$v', '$t')}
          ${count}
          (local.set $v (i32.load8_u offset=1 (local.get $ci)))
          ${mulDiv255('$v', '$t')}
          ${count}
          (local.set $v (i32.load8_u offset=2 (local.get $ci)))
          ${mulDiv255('$v', '$t')}
          ${count})
        (local.set $x (i32.add (local.get $x) (local.get $step)))
        (local.set $dx (i32.add (local.get $dx) (local.get $step)))
        (block $inCell (loop $carry
          (br_if $inCell (i32.lt_u (local.get $dx) (local.get $cw)))
          (local.set $dx (i32.sub (local.get $dx) (local.get $cw)))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br $carry)))
        (br_if $col (i32.lt_u (local.get $x) (local.get $xEnd))))
      (local.set $y (i32.add (local.get $y) (local.get $step)))
      (br $row)))
    (local.get $n))

  ;; n bytes at p set to value (typed-array fill on shared memory runs element by element).
  (func (export "fill_bytes") (param $p i32) (param $value i32) (param $n i32)
    (memory.fill (local.get $p) (local.get $value) (local.get $n)))
)
`;
}
