// The compositing kernels (blend tables, feedback transforms, applyMask, the reveal transitions), as WebAssembly
// text. `node wasm/build.mjs` compiles it into src/shaders/internal/simd/compose-wasm.ts. They move bytes, read byte
// tables, or repeat the JavaScript's float64 arithmetic operation for operation, so the output is the JavaScript's
// byte for byte.
//
// Shuffle patterns are computed here, and every pattern checks that the bytes it needs lie in its two sources.

import { shuffleLanes } from './lanes.mjs';
const lanes = (what, src) => shuffleLanes('compose.wat', what, src);

// ---------------------------------------------------------------------------------------------------------------
// Blend tables: out[i] = lut[(a[i] << 8) | b[i]]. There is no byte gather, so each output byte is one table load;
// the 16-bit indices of 16 bytes are built by two shuffles (b low, a high) and each table byte is loaded straight
// into its output lane (v128.load8_lane), one vector store per 16 bytes. A 48-byte group (16 pixels) equal to the
// previous group in both inputs reuses the previous result: flat backgrounds, which glyph frames are mostly made of,
// then cost six compares instead of 48 table loads.

const INDEX_LO = lanes('index low', (t) => (t % 2 === 0 ? 16 + t / 2 : (t - 1) / 2));
const INDEX_HI = lanes('index high', (t) => (t % 2 === 0 ? 24 + t / 2 : 8 + (t - 1) / 2));

/** Looks up the 16 bytes of vectors $a<v>, $b<v> into $r<v>. */
function lookup16(v) {
  const out = [
    `(local.set $il (i8x16.shuffle ${INDEX_LO} (local.get $a${v}) (local.get $b${v})))`,
    `(local.set $ih (i8x16.shuffle ${INDEX_HI} (local.get $a${v}) (local.get $b${v})))`,
  ];
  for (let k = 0; k < 16; k++) {
    const idx = k < 8 ? '$il' : '$ih';
    out.push(`(local.set $r${v} (v128.load8_lane ${k} (i32.add (local.get $lut) (i16x8.extract_lane_u ${k % 8} (local.get ${idx}))) (local.get $r${v})))`);
  }
  return out.join('\n        ');
}

const V3 = [0, 1, 2];
const blend = `
  ;; $n bytes: out[i] = lut[(a[i] << 8) | b[i]], also written to $o2 unless it is 0. $o may equal $a or $b, and $o2
  ;; may equal $b (every group is read before it is written).
  (func (export "blend_lut") (param $a i32) (param $b i32) (param $o i32) (param $n i32) (param $lut i32) (param $o2 i32)
    (local $end i32) (local $have i32) (local $t i32) (local $il v128) (local $ih v128)
    ${V3.map((v) => `(local $a${v} v128) (local $b${v} v128) (local $r${v} v128) (local $pa${v} v128) (local $pb${v} v128)`).join(' ')}
    (local.set $end (i32.add (local.get $a) (i32.sub (local.get $n) (i32.rem_u (local.get $n) (i32.const 48)))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
      ${V3.map((v) => `(local.set $a${v} (v128.load offset=${16 * v} (local.get $a)))
      (local.set $b${v} (v128.load offset=${16 * v} (local.get $b)))`).join('\n      ')}
      (if (i32.eqz (i32.and (local.get $have) (i8x16.all_true (v128.and
            (v128.and (v128.and (i8x16.eq (local.get $a0) (local.get $pa0)) (i8x16.eq (local.get $b0) (local.get $pb0)))
                      (v128.and (i8x16.eq (local.get $a1) (local.get $pa1)) (i8x16.eq (local.get $b1) (local.get $pb1))))
            (v128.and (i8x16.eq (local.get $a2) (local.get $pa2)) (i8x16.eq (local.get $b2) (local.get $pb2)))))))
        (then
        ${V3.map(lookup16).join('\n        ')}
        ${V3.map((v) => `(local.set $pa${v} (local.get $a${v})) (local.set $pb${v} (local.get $b${v}))`).join('\n        ')}
        (local.set $have (i32.const 1))))
      ${V3.map((v) => `(v128.store offset=${16 * v} (local.get $o) (local.get $r${v}))`).join('\n      ')}
      (if (local.get $o2) (then
        ${V3.map((v) => `(v128.store offset=${16 * v} (local.get $o2) (local.get $r${v}))`).join('\n        ')}
        (local.set $o2 (i32.add (local.get $o2) (i32.const 48)))))
      (local.set $a (i32.add (local.get $a) (i32.const 48)))
      (local.set $b (i32.add (local.get $b) (i32.const 48)))
      (local.set $o (i32.add (local.get $o) (i32.const 48)))
      (br $l)))
    (local.set $end (i32.add (local.get $end) (i32.rem_u (local.get $n) (i32.const 48))))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $a) (local.get $end)))
      (local.set $t (i32.load8_u (i32.add (local.get $lut)
        (i32.or (i32.shl (i32.load8_u (local.get $a)) (i32.const 8)) (i32.load8_u (local.get $b))))))
      (i32.store8 (local.get $o) (local.get $t))
      (if (local.get $o2) (then
        (i32.store8 (local.get $o2) (local.get $t))
        (local.set $o2 (i32.add (local.get $o2) (i32.const 1)))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $l2))))
`;

// ---------------------------------------------------------------------------------------------------------------
// Pixel moves (feedback transforms). A pixel is read as the 32-bit word starting one byte before it, shifted down by
// 8: that never reads past the end of the source (its first pixel's word starts one byte before the source, which
// is memory in use by something else at an address ≥ 63 and only read). Pixels are written as 32-bit words in
// increasing order, so each word's fourth byte is rewritten by the next pixel; the last pixel of a run is written
// with 3 bytes so nothing after the run changes.

/** The source pixel at address `s` (an expression), as 0x00bbggrr. */
const readPx = (s) => `(i32.shr_u (i32.load offset=0 (i32.sub ${s} (i32.const 1))) (i32.const 8))`;
const writePx3 = (d, v) => `(local.set $w ${v})
      (i32.store16 ${d} (local.get $w))
      (i32.store8 offset=2 ${d} (i32.shr_u (local.get $w) (i32.const 16)))`;

const UNROLL = 4;

/** Moves pixels to $d.. from `src(k)` for k in [0, $count): 4-byte stores, then the last one in 3 bytes. */
function moveRun(src, advance) {
  return `
      (block $rd (loop $rl
        (br_if $rd (i32.lt_u (local.get $count) (i32.const ${UNROLL + 1})))
        ${Array.from({ length: UNROLL }, (_, k) => `(i32.store offset=${3 * k} (local.get $d) ${readPx(src(k))})`).join('\n        ')}
        (local.set $d (i32.add (local.get $d) (i32.const ${3 * UNROLL})))
        ${advance(UNROLL)}
        (local.set $count (i32.sub (local.get $count) (i32.const ${UNROLL})))
        (br $rl)))
      (block $rd1 (loop $rl1
        (br_if $rd1 (i32.lt_u (local.get $count) (i32.const 2)))
        (i32.store (local.get $d) ${readPx(src(0))})
        (local.set $d (i32.add (local.get $d) (i32.const 3)))
        ${advance(1)}
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $rl1)))
      (if (local.get $count) (then
        ${writePx3('(local.get $d)', readPx(src(0)))}))`;
}

const moves = `
  (func (export "copy_bytes") (param $dst i32) (param $src i32) (param $n i32)
    (memory.copy (local.get $dst) (local.get $src) (local.get $n)))

  (func (export "fill_bytes") (param $dst i32) (param $v i32) (param $n i32)
    (memory.fill (local.get $dst) (local.get $v) (local.get $n)))

  ;; Separable resize (zoom, shrink): dst row y = src row rowMap[y] (−1: black) sampled at the byte offsets
  ;; colByte[x] for x in [colStart, colEnd), black outside. Repeated source rows copy the row just written; identity
  ;; columns copy the row. $src and $dst must not overlap.
  (func (export "gather_rows") (param $src i32) (param $dst i32) (param $width i32) (param $height i32)
      (param $rowMap i32) (param $colByte i32) (param $colStart i32) (param $colEnd i32) (param $identity i32)
    (local $y i32) (local $rowLen i32) (local $sr i32) (local $prev i32) (local $d i32) (local $s0 i32)
    (local $cb i32) (local $count i32) (local $w i32)
    (local.set $rowLen (i32.mul (local.get $width) (i32.const 3)))
    (local.set $prev (i32.const -2))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $y) (local.get $height)))
      (local.set $sr (i32.load (i32.add (local.get $rowMap) (i32.shl (local.get $y) (i32.const 2)))))
      (local.set $d (i32.add (local.get $dst) (i32.mul (local.get $y) (local.get $rowLen))))
      (block $next
        (if (i32.lt_s (local.get $sr) (i32.const 0)) (then
          (memory.fill (local.get $d) (i32.const 0) (local.get $rowLen))
          (br $next)))
        (if (i32.eq (local.get $sr) (local.get $prev)) (then
          (memory.copy (local.get $d) (i32.sub (local.get $d) (local.get $rowLen)) (local.get $rowLen))
          (br $next)))
        (local.set $s0 (i32.add (local.get $src) (i32.mul (local.get $sr) (local.get $rowLen))))
        (if (local.get $identity) (then
          (memory.copy (local.get $d) (local.get $s0) (local.get $rowLen))
          (br $next)))
        (memory.fill (local.get $d) (i32.const 0) (i32.mul (local.get $colStart) (i32.const 3)))
        (local.set $d (i32.add (local.get $d) (i32.mul (local.get $colStart) (i32.const 3))))
        (local.set $cb (i32.add (local.get $colByte) (i32.shl (local.get $colStart) (i32.const 2))))
        (local.set $count (i32.sub (local.get $colEnd) (local.get $colStart)))
        ${moveRun((k) => `(i32.add (local.get $s0) (i32.load offset=${4 * k} (local.get $cb)))`,
          (k) => `(local.set $cb (i32.add (local.get $cb) (i32.const ${4 * k})))`)}
        (local.set $d (i32.add (local.get $dst) (i32.add (i32.mul (local.get $y) (local.get $rowLen)) (i32.mul (local.get $colEnd) (i32.const 3)))))
        (memory.fill (local.get $d) (i32.const 0) (i32.mul (i32.sub (local.get $width) (local.get $colEnd)) (i32.const 3))))
      (local.set $prev (local.get $sr))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $rows))))

  ;; dst pixel i = src pixel map[i] (pixel indices, i32) for npx pixels (rotations). No overlap.
  (func (export "gather_px") (param $src i32) (param $dst i32) (param $npx i32) (param $map i32)
    (local $d i32) (local $count i32) (local $w i32)
    (local.set $d (local.get $dst))
    (local.set $count (local.get $npx))
    ${moveRun((k) => `(i32.add (local.get $src) (i32.mul (i32.load offset=${4 * k} (local.get $map)) (i32.const 3)))`,
      (k) => `(local.set $map (i32.add (local.get $map) (i32.const ${4 * k})))`)})

  ;; dst = src flipped horizontally, row by row. No overlap.
  (func (export "mirror_rows") (param $src i32) (param $dst i32) (param $width i32) (param $height i32)
    (local $y i32) (local $rowLen i32) (local $s i32) (local $d i32) (local $count i32) (local $w i32)
    (local.set $rowLen (i32.mul (local.get $width) (i32.const 3)))
    (local.set $d (local.get $dst))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $y) (local.get $height)))
      ;; The last pixel of source row y.
      (local.set $s (i32.add (local.get $src) (i32.sub (i32.mul (i32.add (local.get $y) (i32.const 1)) (local.get $rowLen)) (i32.const 3))))
      (local.set $count (local.get $width))
      ${moveRun((k) => `(i32.sub (local.get $s) (i32.const ${3 * k}))`, (k) => `(local.set $s (i32.sub (local.get $s) (i32.const ${3 * k})))`)}
      (local.set $d (i32.add (local.get $d) (i32.const 3)))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $rows))))
`;

// ---------------------------------------------------------------------------------------------------------------
// applyMask: per row, runs of columns over one grid cell each (x0, x1, cell column as i32 triples); the run's mask
// value m (f32, widened to f64 as in JavaScript) keeps the pixels (m ≥ 1), copies the background or black (m ≤ 0,
// memory.copy/fill), or mixes ⌊d·m + g·(1 − m)⌋ (⌊d·m⌋ without a background) in f64 byte by byte, NaN giving 0 as
// the Uint8Array store does.

const mask = `
  (func (export "apply_mask") (param $data i32) (param $bg i32) (param $width i32) (param $height i32)
      (param $mask i32) (param $rowBase i32) (param $runs i32) (param $nruns i32)
    (local $y i32) (local $rowLen i32) (local $row i32) (local $mrow i32) (local $r i32) (local $run i32)
    (local $p i32) (local $q i32) (local $len i32) (local $end i32) (local $m f64) (local $k f64)
    (local.set $rowLen (i32.mul (local.get $width) (i32.const 3)))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $y) (local.get $height)))
      (local.set $row (i32.mul (local.get $y) (local.get $rowLen)))
      (local.set $mrow (i32.add (local.get $mask)
        (i32.shl (i32.load (i32.add (local.get $rowBase) (i32.shl (local.get $y) (i32.const 2)))) (i32.const 2))))
      (local.set $r (i32.const 0))
      (local.set $run (local.get $runs))
      (block $rdone (loop $rl
        (br_if $rdone (i32.ge_u (local.get $r) (local.get $nruns)))
        (local.set $m (f64.promote_f32 (f32.load (i32.add (local.get $mrow) (i32.shl (i32.load offset=8 (local.get $run)) (i32.const 2))))))
        (local.set $p (i32.add (local.get $row) (i32.mul (i32.load (local.get $run)) (i32.const 3))))
        (local.set $len (i32.mul (i32.sub (i32.load offset=4 (local.get $run)) (i32.load (local.get $run))) (i32.const 3)))
        (block $next
          (br_if $next (f64.ge (local.get $m) (f64.const 1)))
          (if (f64.le (local.get $m) (f64.const 0)) (then
            (if (local.get $bg)
              (then (memory.copy (i32.add (local.get $data) (local.get $p)) (i32.add (local.get $bg) (local.get $p)) (local.get $len)))
              (else (memory.fill (i32.add (local.get $data) (local.get $p)) (i32.const 0) (local.get $len))))
            (br $next)))
          (local.set $k (f64.sub (f64.const 1) (local.get $m)))
          (local.set $q (i32.add (local.get $data) (local.get $p)))
          (local.set $end (i32.add (local.get $q) (local.get $len)))
          (if (local.get $bg)
            (then
              (local.set $p (i32.add (local.get $bg) (local.get $p)))
              (block $bd (loop $bl
                (br_if $bd (i32.ge_u (local.get $q) (local.get $end)))
                (i32.store8 (local.get $q) (i32.trunc_sat_f64_u (f64.add
                  (f64.mul (f64.convert_i32_u (i32.load8_u (local.get $q))) (local.get $m))
                  (f64.mul (f64.convert_i32_u (i32.load8_u (local.get $p))) (local.get $k)))))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $bl))))
            (else
              (block $nd (loop $nl
                (br_if $nd (i32.ge_u (local.get $q) (local.get $end)))
                (i32.store8 (local.get $q) (i32.trunc_sat_f64_u
                  (f64.mul (f64.convert_i32_u (i32.load8_u (local.get $q))) (local.get $m))))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $nl))))))
        (local.set $run (i32.add (local.get $run) (i32.const 12)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rl)))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $rows))))
`;

// ---------------------------------------------------------------------------------------------------------------
// Reveal transitions: per pixel an order value s (f32). The caller gives two f32 thresholds computed from the
// JavaScript's f64 formula: s < lo certainly shows `to` (m = 1), s ≥ hi certainly shows `from` (m = 0). A 16-pixel
// group whose pixels all fall in one of those classes is a per-pixel bit-select of the two inputs (3 vectors); any
// other group (the feathered edge, NaN orders) runs the JavaScript's formula pixel by pixel.

/** Shuffle lanes giving byte j of output vector v the mask byte of its pixel ⌊(16v + j)/3⌋. */
const spreadPixel = (v) => lanes(`spread ${v}`, (t) => Math.floor((16 * v + t) / 3));

/** f32x4 compare of the 16 order values at $s into a 16-byte pixel mask. */
const classify = (op, bound) => `(i8x16.narrow_i16x8_s
          (i16x8.narrow_i32x4_s (${op} (v128.load offset=0 (local.get $s)) ${bound}) (${op} (v128.load offset=16 (local.get $s)) ${bound}))
          (i16x8.narrow_i32x4_s (${op} (v128.load offset=32 (local.get $s)) ${bound}) (${op} (v128.load offset=48 (local.get $s)) ${bound})))`;

const reveal = `
  ;; One pixel by the JavaScript formula (order at $s, bytes at offset $i of a, b and out).
  (func $reveal_px (param $a i32) (param $b i32) (param $o i32) (param $s i32) (param $edge f64) (param $feather f64) (param $progress f64)
    (local $v f64) (local $m f64) (local $k f64) (local $c i32)
    (local.set $v (f64.promote_f32 (f32.load (local.get $s))))
    (if (f64.gt (local.get $feather) (f64.const 0))
      (then
        (local.set $m (f64.div (f64.sub (local.get $edge) (local.get $v)) (local.get $feather)))
        (local.set $m (select (f64.const 0)
          (select (f64.const 1) (local.get $m) (f64.gt (local.get $m) (f64.const 1)))
          (f64.lt (local.get $m) (f64.const 0)))))
      (else (local.set $m (select (f64.const 1) (f64.const 0) (f64.lt (local.get $v) (local.get $progress))))))
    (if (f64.eq (local.get $m) (f64.const 0)) (then
      (i32.store16 (local.get $o) (i32.load16_u (local.get $a)))
      (i32.store8 offset=2 (local.get $o) (i32.load8_u offset=2 (local.get $a)))
      (return)))
    (if (f64.eq (local.get $m) (f64.const 1)) (then
      (i32.store16 (local.get $o) (i32.load16_u (local.get $b)))
      (i32.store8 offset=2 (local.get $o) (i32.load8_u offset=2 (local.get $b)))
      (return)))
    (local.set $k (f64.sub (f64.const 1) (local.get $m)))
    (loop $ch
      (i32.store8 (i32.add (local.get $o) (local.get $c)) (i32.trunc_sat_f64_u (f64.add
        (f64.mul (f64.convert_i32_u (i32.load8_u (i32.add (local.get $a) (local.get $c)))) (local.get $k))
        (f64.mul (f64.convert_i32_u (i32.load8_u (i32.add (local.get $b) (local.get $c)))) (local.get $m)))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $ch (i32.lt_u (local.get $c) (i32.const 3)))))

  ;; out = reveal(a, b) over npx pixels with order values at $order. $o may equal $a or $b.
  (func (export "reveal") (param $a i32) (param $b i32) (param $o i32) (param $order i32) (param $npx i32)
      (param $lo f32) (param $hi f32) (param $edge f64) (param $feather f64) (param $progress f64)
    (local $i i32) (local $s i32) (local $j i32) (local $to v128) (local $from v128) (local $vlo v128) (local $vhi v128)
    (local.set $vlo (f32x4.splat (local.get $lo)))
    (local.set $vhi (f32x4.splat (local.get $hi)))
    (local.set $s (local.get $order))
    (block $done (loop $l
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $npx)))
      (local.set $to ${classify('f32x4.lt', '(local.get $vlo)')})
      (local.set $from ${classify('f32x4.ge', '(local.get $vhi)')})
      (if (i8x16.all_true (v128.or (local.get $to) (local.get $from)))
        (then
          ${V3.map((v) => `(v128.store offset=${16 * v} (local.get $o) (v128.bitselect
            (v128.load offset=${16 * v} (local.get $b)) (v128.load offset=${16 * v} (local.get $a))
            (i8x16.shuffle ${spreadPixel(v)} (local.get $to) (local.get $to))))`).join('\n          ')})
        (else
          (local.set $j (i32.const 0))
          (loop $px
            (call $reveal_px
              (i32.add (local.get $a) (i32.mul (local.get $j) (i32.const 3))) (i32.add (local.get $b) (i32.mul (local.get $j) (i32.const 3)))
              (i32.add (local.get $o) (i32.mul (local.get $j) (i32.const 3))) (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2)))
              (local.get $edge) (local.get $feather) (local.get $progress))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $px (i32.lt_u (local.get $j) (i32.const 16))))))
      (local.set $a (i32.add (local.get $a) (i32.const 48)))
      (local.set $b (i32.add (local.get $b) (i32.const 48)))
      (local.set $o (i32.add (local.get $o) (i32.const 48)))
      (local.set $s (i32.add (local.get $s) (i32.const 64)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $l)))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $npx)))
      (call $reveal_px (local.get $a) (local.get $b) (local.get $o) (local.get $s) (local.get $edge) (local.get $feather) (local.get $progress))
      (local.set $a (i32.add (local.get $a) (i32.const 3)))
      (local.set $b (i32.add (local.get $b) (i32.const 3)))
      (local.set $o (i32.add (local.get $o) (i32.const 3)))
      (local.set $s (i32.add (local.get $s) (i32.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l2))))
`;

export function wat() {
  return `(module
  (import "env" "memory" (memory 1 32768 shared))
${blend}
${moves}
${mask}
${reveal}
)
`;
}
