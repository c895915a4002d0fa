// The SIMD kernels of threshold, color_ramp, color_wobble, halftone and static, as WebAssembly text.
// `node wasm/build.mjs` compiles it into src/shaders/internal/simd/pixel-wasm.ts. Each shader is one exported call
// over the whole frame. The arithmetic is the integer (and, for halftone's radii, f64/f32) arithmetic of the
// JavaScript these kernels replaced, so the bytes are identical; the per-pixel paths have no data-dependent
// branches (threshold on a noise frame took twice as long as on a glyph frame in JavaScript: mispredictions).
//
// Shuffle patterns are computed here; every pattern checks that the bytes it needs lie in its two sources.

import { shuffleLanes } from './lanes.mjs';
const lanes = (what, src) => shuffleLanes('pixel.wat', what, src);

/**
 * Channel c of the 16 pixels in $v0 $v1 $v2 (48 rgb24 bytes) as one vector: lanes from $v0/$v1 first, then the
 * lanes that lie in $v2 replaced by a second shuffle.
 */
function channel(c) {
  const first = lanes('channel', (i) => (3 * i + c < 32 ? 3 * i + c : 0));
  const second = lanes('channel', (i) => (3 * i + c < 32 ? i : 3 * i + c - 32 + 16));
  return `(i8x16.shuffle ${second} (i8x16.shuffle ${first} (local.get $v0) (local.get $v1)) (local.get $v2))`;
}

/** Sets $lo and $hi (i16x8) to r + g + b of pixels 0–7 and 8–15 of the group in $v0 $v1 $v2. */
function channelSums() {
  const out = [];
  for (let c = 0; c < 3; c++) out.push(`(local.set $c${c} ${channel(c)})`);
  for (const half of ['low', 'high']) {
    const ext = (c) => `(i16x8.extend_${half}_i8x16_u (local.get $c${c}))`;
    out.push(`(local.set $${half === 'low' ? 'lo' : 'hi'} (i16x8.add (i16x8.add ${ext(0)} ${ext(1)}) ${ext(2)}))`);
  }
  return out.join('\n        ');
}

/** Output vector v of a group whose pixel i gets byte i of $m in all three channels. */
const spreadMask = (v) => lanes('spread', (t) => Math.floor((16 * v + t) / 3));

/**
 * Output vector v of a group from four vectors $q0..$q3 of packed 0x00bbggrr pixels (pixel i in lane i mod 4 of
 * $q⌊i/4⌋): byte j is byte (j mod 3) of pixel ⌊j/3⌋.
 */
function packedOut(v) {
  const j0 = 16 * v;
  const m = Math.floor(Math.floor(j0 / 3) / 4);
  const pat = lanes('packed', (t) => {
    const j = j0 + t;
    const i = Math.floor(j / 3);
    return 16 * (Math.floor(i / 4) - m) + 4 * (i % 4) + (j % 3);
  });
  return `(i8x16.shuffle ${pat} (local.get $q${m}) (local.get $q${m + 1}))`;
}

/** The four packed-pixel vectors $q0..$q3: the table entries for the sums in $lo and $hi (16 gathers). */
function gatherRamp() {
  const out = [];
  for (let q = 0; q < 4; q++) {
    let e = '(v128.const i32x4 0 0 0 0)';
    for (let l = 0; l < 4; l++) {
      const i = 4 * q + l;
      const sum = `(i16x8.extract_lane_u ${i & 7} (local.get $${i < 8 ? 'lo' : 'hi'}))`;
      e = `(v128.load32_lane ${l} (i32.add (local.get $lut) (i32.shl ${sum} (i32.const 2))) ${e})`;
    }
    out.push(`(local.set $q${q} ${e})`);
  }
  return out.join('\n        ');
}

/**
 * The SplitMix32/murmur3 finalizer of ../src/shaders/internal/noise.ts of $counter, into $z; inlined (a call per
 * cell measured slower).
 */
const hashVec = `(local.set $zv (i32x4.mul (v128.xor (local.get $cv) (i32x4.shr_u (local.get $cv) (i32.const 16))) (i32x4.splat (i32.const 0x85ebca6b))))
          (local.set $zv (i32x4.mul (v128.xor (local.get $zv) (i32x4.shr_u (local.get $zv) (i32.const 13))) (i32x4.splat (i32.const 0xc2b2ae35))))
          (local.set $zv (v128.xor (local.get $zv) (i32x4.shr_u (local.get $zv) (i32.const 16))))`;

const hash = `(local.set $z (i32.mul (i32.xor (local.get $counter) (i32.shr_u (local.get $counter) (i32.const 16))) (i32.const 0x85ebca6b)))
        (local.set $z (i32.mul (i32.xor (local.get $z) (i32.shr_u (local.get $z) (i32.const 13))) (i32.const 0xc2b2ae35)))
        (local.set $z (i32.xor (local.get $z) (i32.shr_u (local.get $z) (i32.const 16))))`;

/** The largest block side whose block sum stays below 2^24 (exact in f32 however it is accumulated). */
export const HALFTONE_EXACT_DOT = 148;

export function wat() {
  if (HALFTONE_EXACT_DOT * HALFTONE_EXACT_DOT * 765 >= 2 ** 24) throw new Error('pixel.wat: HALFTONE_EXACT_DOT too large');
  return `(module
  (import "env" "memory" (memory 1 32768 shared))

  ;; threshold: every channel of a pixel becomes 255 when r + g + b > lim, else 0 (lim in [−1, 765]).
  (func (export "threshold") (param $p i32) (param $npx i32) (param $lim i32)
    (local $end i32) (local $l v128) (local $m v128) (local $s i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $c0 v128) (local $c1 v128) (local $c2 v128)
    (local $lo v128) (local $hi v128)
    (local.set $l (i16x8.splat (local.get $lim)))
    (local.set $end (i32.add (local.get $p) (i32.mul (i32.and (local.get $npx) (i32.const -16)) (i32.const 3))))
    (block $done (loop $g
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $v0 (v128.load (local.get $p)))
      (local.set $v1 (v128.load offset=16 (local.get $p)))
      (local.set $v2 (v128.load offset=32 (local.get $p)))
        ${channelSums()}
      (local.set $m (i8x16.narrow_i16x8_s (i16x8.gt_s (local.get $lo) (local.get $l)) (i16x8.gt_s (local.get $hi) (local.get $l))))
      (v128.store (local.get $p) (i8x16.shuffle ${spreadMask(0)} (local.get $m) (local.get $m)))
      (v128.store offset=16 (local.get $p) (i8x16.shuffle ${spreadMask(1)} (local.get $m) (local.get $m)))
      (v128.store offset=32 (local.get $p) (i8x16.shuffle ${spreadMask(2)} (local.get $m) (local.get $m)))
      (local.set $p (i32.add (local.get $p) (i32.const 48)))
      (br $g)))
    (local.set $end (i32.add (local.get $p) (i32.mul (i32.and (local.get $npx) (i32.const 15)) (i32.const 3))))
    (block $done2 (loop $t
      (br_if $done2 (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $s (i32.sub (i32.const 0) (i32.gt_s
        (i32.add (i32.add (i32.load8_u (local.get $p)) (i32.load8_u offset=1 (local.get $p))) (i32.load8_u offset=2 (local.get $p)))
        (local.get $lim))))
      (i32.store16 (local.get $p) (local.get $s))
      (i32.store8 offset=2 (local.get $p) (local.get $s))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (br $t))))

  ;; color_ramp: pixel := lut[r + g + b], lut being 766 packed 0x00bbggrr i32 entries.
  (func (export "color_ramp") (param $p i32) (param $npx i32) (param $lut i32)
    (local $end i32) (local $o i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $c0 v128) (local $c1 v128) (local $c2 v128)
    (local $lo v128) (local $hi v128) (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local.set $end (i32.add (local.get $p) (i32.mul (i32.and (local.get $npx) (i32.const -16)) (i32.const 3))))
    (block $done (loop $g
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $v0 (v128.load (local.get $p)))
      (local.set $v1 (v128.load offset=16 (local.get $p)))
      (local.set $v2 (v128.load offset=32 (local.get $p)))
        ${channelSums()}
        ${gatherRamp()}
      (v128.store (local.get $p) ${packedOut(0)})
      (v128.store offset=16 (local.get $p) ${packedOut(1)})
      (v128.store offset=32 (local.get $p) ${packedOut(2)})
      (local.set $p (i32.add (local.get $p) (i32.const 48)))
      (br $g)))
    (local.set $end (i32.add (local.get $p) (i32.mul (i32.and (local.get $npx) (i32.const 15)) (i32.const 3))))
    (block $done2 (loop $t
      (br_if $done2 (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $o (i32.load (i32.add (local.get $lut) (i32.shl
        (i32.add (i32.add (i32.load8_u (local.get $p)) (i32.load8_u offset=1 (local.get $p))) (i32.load8_u offset=2 (local.get $p)))
        (i32.const 2)))))
      (i32.store16 (local.get $p) (local.get $o))
      (i32.store8 offset=2 (local.get $p) (i32.shr_u (local.get $o) (i32.const 16)))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (br $t))))

  ;; The three two-byte tables of channel_luts from the byte tables r, g, b (256 bytes each, at t8): pairs of bytes
  ;; at even offsets of rgb24 are (r, g), (b, r) or (g, b), so t16 holds rg[65536], br[65536], gb[65536] (u16 each).
  (func (export "build_channel_lut16") (param $t8 i32) (param $t16 i32)
    (local $i i32) (local $lo i32) (local $hi i32) (local $k i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (i32.const 65536)))
      (local.set $lo (i32.and (local.get $i) (i32.const 255)))
      (local.set $hi (i32.shr_u (local.get $i) (i32.const 8)))
      (local.set $k (i32.add (local.get $t16) (i32.shl (local.get $i) (i32.const 1))))
      (i32.store16 (local.get $k) (i32.or (i32.load8_u (i32.add (local.get $t8) (local.get $lo)))
        (i32.shl (i32.load8_u offset=256 (i32.add (local.get $t8) (local.get $hi))) (i32.const 8))))
      (i32.store16 offset=131072 (local.get $k) (i32.or (i32.load8_u offset=512 (i32.add (local.get $t8) (local.get $lo)))
        (i32.shl (i32.load8_u (i32.add (local.get $t8) (local.get $hi))) (i32.const 8))))
      (i32.store16 offset=262144 (local.get $k) (i32.or (i32.load8_u offset=256 (i32.add (local.get $t8) (local.get $lo)))
        (i32.shl (i32.load8_u offset=512 (i32.add (local.get $t8) (local.get $hi))) (i32.const 8))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l))))

  ;; channel_luts: red, green and blue bytes of npx rgb24 pixels through their own tables, two bytes per look-up in
  ;; the tables of build_channel_lut16. Four pixels are three words: rg br · gb rg · br gb.
  (func (export "channel_luts") (param $p i32) (param $npx i32) (param $t16 i32)
    (local $end i32) (local $w i32) (local $br i32) (local $gb i32)
    (local.set $br (i32.add (local.get $t16) (i32.const 131072)))
    (local.set $gb (i32.add (local.get $t16) (i32.const 262144)))
    (local.set $end (i32.add (local.get $p) (i32.mul (i32.and (local.get $npx) (i32.const -4)) (i32.const 3))))
    (block $done (loop $g
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      ${[
        ['0', '$t16', '$br'],
        ['4', '$gb', '$t16'],
        ['8', '$br', '$gb'],
      ]
        .map(
          ([off, a, b]) => `(local.set $w (i32.load offset=${off} (local.get $p)))
      (i32.store offset=${off} (local.get $p) (i32.or
        (i32.load16_u (i32.add (local.get ${a}) (i32.shl (i32.and (local.get $w) (i32.const 0xffff)) (i32.const 1))))
        (i32.shl (i32.load16_u (i32.add (local.get ${b}) (i32.shl (i32.shr_u (local.get $w) (i32.const 16)) (i32.const 1)))) (i32.const 16))))`,
        )
        .join('\n      ')}
      (local.set $p (i32.add (local.get $p) (i32.const 12)))
      (br $g)))
    ;; the last pixels bytewise: entry c of rg, gb and br has table[c] of r, g and b in its low byte
    (local.set $end (i32.add (local.get $p) (i32.mul (i32.and (local.get $npx) (i32.const 3)) (i32.const 3))))
    (block $done2 (loop $t
      (br_if $done2 (i32.ge_u (local.get $p) (local.get $end)))
      (i32.store8 (local.get $p) (i32.load16_u (i32.add (local.get $t16) (i32.shl (i32.load8_u (local.get $p)) (i32.const 1)))))
      (i32.store8 offset=1 (local.get $p) (i32.load16_u (i32.add (local.get $gb) (i32.shl (i32.load8_u offset=1 (local.get $p)) (i32.const 1)))))
      (i32.store8 offset=2 (local.get $p) (i32.load16_u (i32.add (local.get $br) (i32.shl (i32.load8_u offset=2 (local.get $p)) (i32.const 1)))))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (br $t))))

  ;; static: for each 2×2 cell (row-major over cell rows), counter += golden; when hash(counter) < limit (u32, or
  ;; every cell when all ≠ 0) each of the cell's pixels inside the image, row by row, takes counter += golden;
  ;; z = hash(counter) as its bytes z, z >> 8, z >> 16 (color ≠ 0) or z, z, z.
  (func (export "static_cells") (param $p i32) (param $w i32) (param $h i32) (param $counter i32) (param $golden i32)
      (param $limit i32) (param $all i32) (param $color i32)
    (local $y i32) (local $x i32) (local $yy i32) (local $xx i32) (local $y1 i32) (local $x1 i32) (local $stride i32)
    (local $z i32) (local $o i32) (local $cv v128) (local $zv v128) (local $steps v128) (local $lim v128) (local $g4 i32)
    (local.set $stride (i32.mul (local.get $w) (i32.const 3)))
    (local.set $steps (i32x4.mul (i32x4.splat (local.get $golden)) (v128.const i32x4 1 2 3 4)))
    (local.set $lim (i32x4.splat (local.get $limit)))
    (local.set $g4 (i32.shl (local.get $golden) (i32.const 2)))
    (block $rows (loop $ly
      (br_if $rows (i32.ge_u (local.get $y) (local.get $h)))
      (local.set $y1 (select (i32.add (local.get $y) (i32.const 2)) (local.get $h)
        (i32.lt_u (i32.add (local.get $y) (i32.const 2)) (local.get $h))))
      (local.set $x (i32.const 0))
      (block $cells (loop $lx
        (br_if $cells (i32.ge_u (local.get $x) (local.get $w)))
        ;; four cells at once while none of them is replaced (most cells at low density): no per-cell branch
        (if (i32.and (i32.eqz (local.get $all)) (i32.le_u (i32.add (local.get $x) (i32.const 8)) (local.get $w))) (then
          (local.set $cv (i32x4.add (i32x4.splat (local.get $counter)) (local.get $steps)))
          ${hashVec}
          (if (i32.eqz (v128.any_true (i32x4.lt_u (local.get $zv) (local.get $lim)))) (then
            (local.set $counter (i32.add (local.get $counter) (local.get $g4)))
            (local.set $x (i32.add (local.get $x) (i32.const 8)))
            (br $lx)))))
        (local.set $counter (i32.add (local.get $counter) (local.get $golden)))
        ${hash}
        (if (i32.or (local.get $all) (i32.lt_u (local.get $z) (local.get $limit))) (then
          (local.set $x1 (select (i32.add (local.get $x) (i32.const 2)) (local.get $w)
            (i32.lt_u (i32.add (local.get $x) (i32.const 2)) (local.get $w))))
          (local.set $yy (local.get $y))
          (loop $cy
            (local.set $xx (local.get $x))
            (local.set $o (i32.add (local.get $p) (i32.add (i32.mul (local.get $yy) (local.get $stride)) (i32.mul (local.get $xx) (i32.const 3)))))
            (loop $cx
              (local.set $counter (i32.add (local.get $counter) (local.get $golden)))
              ${hash}
              (if (i32.eqz (local.get $color)) (then
                (local.set $z (i32.mul (i32.and (local.get $z) (i32.const 255)) (i32.const 0x010101)))))
              (i32.store16 (local.get $o) (local.get $z))
              (i32.store8 offset=2 (local.get $o) (i32.shr_u (local.get $z) (i32.const 16)))
              (local.set $o (i32.add (local.get $o) (i32.const 3)))
              (local.set $xx (i32.add (local.get $xx) (i32.const 1)))
              (br_if $cx (i32.lt_u (local.get $xx) (local.get $x1))))
            (local.set $yy (i32.add (local.get $yy) (i32.const 1)))
            (br_if $cy (i32.lt_u (local.get $yy) (local.get $y1))))))
        (local.set $x (i32.add (local.get $x) (i32.const 2)))
        (br $lx)))
      (local.set $y (i32.add (local.get $y) (i32.const 2)))
      (br $ly))))

  ;; acc[j] (u16) := row[j] for j < n when first ≠ 0, else acc[j] += row[j]. Sums of at most 257 rows fit.
  (func $accumulate (param $row i32) (param $acc i32) (param $n i32) (param $first i32)
    (local $end i32) (local $v v128) (local $a0 v128) (local $a1 v128)
    (local.set $end (i32.add (local.get $row) (i32.and (local.get $n) (i32.const -16))))
    (block $done (loop $g
      (br_if $done (i32.ge_u (local.get $row) (local.get $end)))
      (local.set $v (v128.load (local.get $row)))
      (local.set $a0 (i16x8.extend_low_i8x16_u (local.get $v)))
      (local.set $a1 (i16x8.extend_high_i8x16_u (local.get $v)))
      (if (i32.eqz (local.get $first)) (then
        (local.set $a0 (i16x8.add (local.get $a0) (v128.load (local.get $acc))))
        (local.set $a1 (i16x8.add (local.get $a1) (v128.load offset=16 (local.get $acc))))))
      (v128.store (local.get $acc) (local.get $a0))
      (v128.store offset=16 (local.get $acc) (local.get $a1))
      (local.set $row (i32.add (local.get $row) (i32.const 16)))
      (local.set $acc (i32.add (local.get $acc) (i32.const 32)))
      (br $g)))
    (local.set $end (i32.add (local.get $row) (i32.and (local.get $n) (i32.const 15))))
    (block $done2 (loop $t
      (br_if $done2 (i32.ge_u (local.get $row) (local.get $end)))
      (i32.store16 (local.get $acc) (i32.add (i32.load8_u (local.get $row))
        (select (i32.const 0) (i32.load16_u (local.get $acc)) (local.get $first))))
      (local.set $row (i32.add (local.get $row) (i32.const 1)))
      (local.set $acc (i32.add (local.get $acc) (i32.const 2)))
      (br $t))))

  ;; halftone (glyphreel's filled dots, README "Decisions"). Per dot x dot block (row-major, edge blocks cut by the
  ;; image) with channel sums S0 S1 S2 over its w x h pixels and peak P = max(S0, S1, S2): the dot's colour is
  ;; C_c = trunc(255 S_c min(1, a dot^2) / P) (the block's mean colour at full brightness, dimmed by the area when the
  ;; disc is under one pixel; 0 when P = 0) and its area a dot^2 with a = P/(255 w h), so r2 = a dot^2 / pi (f64). A pixel at (dx, dy) from the block-local centre (dot/2, dot/2,
  ;; rounded down) takes the colour C iff dx^2 + dy^2 < r2, i.e. dx^2 + dy^2 <= ceil(r2) - 1, else turns black: per
  ;; block row kpx[j] = ceil(r2) - 1 - dx^2 (i16) and col[j] = C of byte j's channel for every byte j of the row,
  ;; and each row becomes col & (dy^2 <= kpx[j]). The rows are added up in u16 per byte (at most 148 rows at a
  ;; time, one at a time above that) and the block sums kept in f32: a channel sum of a 256 x 256 block is at most
  ;; 256^2 255 < 2^24, so every sum is exact. Scratch: acc and kpx 2 (3 width) + 32 bytes each, col 3 width + 32,
  ;; sums 12 ceil(width/dot) bytes.
  (func (export "halftone") (param $p i32) (param $w i32) (param $h i32) (param $dot i32)
      (param $acc i32) (param $kpx i32) (param $sums i32) (param $col i32)
    (local $stride i32) (local $nbx i32) (local $cb i32) (local $y0 i32) (local $y1 i32) (local $y i32)
    (local $chunk i32) (local $c1 i32) (local $bx i32) (local $x0 i32) (local $bw i32) (local $bh i32)
    (local $j i32) (local $jend i32) (local $s i32) (local $a i32) (local $k i32) (local $dx i32) (local $v i32)
    (local $r f64) (local $q i32) (local $qend i32) (local $dy2 v128) (local $dy2s i32) (local $row i32)
    (local $s1 i32) (local $s2 i32) (local $cq i32) (local $t0 f64) (local $t1 f64) (local $t2 f64) (local $pk f64)
    (local $k0 i32) (local $k1 i32) (local $k2 i32) (local $area f64) (local $sc f64)
    (local.set $stride (i32.mul (local.get $w) (i32.const 3)))
    (local.set $nbx (i32.div_u (i32.add (local.get $w) (i32.sub (local.get $dot) (i32.const 1))) (local.get $dot)))
    (local.set $cb (i32.shr_u (local.get $dot) (i32.const 1)))
    (local.set $chunk (select (local.get $dot) (i32.const 1) (i32.le_u (local.get $dot) (i32.const ${HALFTONE_EXACT_DOT}))))
    (block $blockRows (loop $lb
      (br_if $blockRows (i32.ge_u (local.get $y0) (local.get $h)))
      (local.set $y1 (select (i32.add (local.get $y0) (local.get $dot)) (local.get $h)
        (i32.lt_u (i32.add (local.get $y0) (local.get $dot)) (local.get $h))))
      (local.set $bh (i32.sub (local.get $y1) (local.get $y0)))
      (memory.fill (local.get $sums) (i32.const 0) (i32.mul (local.get $nbx) (i32.const 12)))
      ;; sums[3 bx + c] += s_c for the block channel sums s_c of each chunk of rows
      (local.set $y (local.get $y0))
      (loop $lc
        (local.set $c1 (select (i32.add (local.get $y) (local.get $chunk)) (local.get $y1)
          (i32.lt_u (i32.add (local.get $y) (local.get $chunk)) (local.get $y1))))
        (local.set $row (local.get $y))
        (loop $lr
          (call $accumulate (i32.add (local.get $p) (i32.mul (local.get $row) (local.get $stride))) (local.get $acc)
            (local.get $stride) (i32.eq (local.get $row) (local.get $y)))
          (local.set $row (i32.add (local.get $row) (i32.const 1)))
          (br_if $lr (i32.lt_u (local.get $row) (local.get $c1))))
        (local.set $bx (i32.const 0))
        (local.set $j (i32.const 0))
        (loop $lh
          (local.set $jend (i32.mul (i32.const 3) (select (i32.mul (i32.add (local.get $bx) (i32.const 1)) (local.get $dot)) (local.get $w)
            (i32.lt_u (i32.mul (i32.add (local.get $bx) (i32.const 1)) (local.get $dot)) (local.get $w)))))
          (local.set $s (i32.const 0))
          (local.set $s1 (i32.const 0))
          (local.set $s2 (i32.const 0))
          (block $hd (loop $lj
            (br_if $hd (i32.ge_u (local.get $j) (local.get $jend)))
            (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 1))))
            (local.set $s (i32.add (local.get $s) (i32.load16_u (local.get $a))))
            (local.set $s1 (i32.add (local.get $s1) (i32.load16_u offset=2 (local.get $a))))
            (local.set $s2 (i32.add (local.get $s2) (i32.load16_u offset=4 (local.get $a))))
            (local.set $j (i32.add (local.get $j) (i32.const 3)))
            (br $lj)))
          (local.set $a (i32.add (local.get $sums) (i32.mul (local.get $bx) (i32.const 12))))
          (f32.store (local.get $a) (f32.add (f32.load (local.get $a)) (f32.convert_i32_u (local.get $s))))
          (f32.store offset=4 (local.get $a) (f32.add (f32.load offset=4 (local.get $a)) (f32.convert_i32_u (local.get $s1))))
          (f32.store offset=8 (local.get $a) (f32.add (f32.load offset=8 (local.get $a)) (f32.convert_i32_u (local.get $s2))))
          (local.set $bx (i32.add (local.get $bx) (i32.const 1)))
          (br_if $lh (i32.lt_u (local.get $bx) (local.get $nbx))))
        (local.set $y (local.get $c1))
        (br_if $lc (i32.lt_u (local.get $y) (local.get $y1))))
      ;; kpx and col for every block of this block row
      (local.set $bx (i32.const 0))
      (local.set $q (local.get $kpx))
      (local.set $cq (local.get $col))
      (loop $lk
        (local.set $x0 (i32.mul (local.get $bx) (local.get $dot)))
        (local.set $bw (select (local.get $dot) (i32.sub (local.get $w) (local.get $x0))
          (i32.lt_u (local.get $dot) (i32.sub (local.get $w) (local.get $x0)))))
        (local.set $a (i32.add (local.get $sums) (i32.mul (local.get $bx) (i32.const 12))))
        (local.set $t0 (f64.promote_f32 (f32.load (local.get $a))))
        (local.set $t1 (f64.promote_f32 (f32.load offset=4 (local.get $a))))
        (local.set $t2 (f64.promote_f32 (f32.load offset=8 (local.get $a))))
        (local.set $pk (f64.max (f64.max (local.get $t0) (local.get $t1)) (local.get $t2)))
        ;; area = a dot^2 in pixels; a disc under one pixel still lights the centre pixel, so its colour is scaled by
        ;; the area (min(1, area)): a near-black block then gives a faint dot, not a full-brightness one.
        (local.set $area (f64.mul
          (f64.div (local.get $pk) (f64.convert_i32_u (i32.mul (i32.mul (i32.const 255) (local.get $bw)) (local.get $bh))))
          (f64.convert_i32_u (i32.mul (local.get $dot) (local.get $dot)))))
        (local.set $sc (f64.min (local.get $area) (f64.const 1)))
        ;; 0/0 is NaN, which trunc_sat makes 0: a black block gets colour 0 (and r2 = 0: no pixel)
        (local.set $k0 (i32.trunc_sat_f64_s (f64.div (f64.mul (f64.mul (local.get $t0) (f64.const 255)) (local.get $sc)) (local.get $pk))))
        (local.set $k1 (i32.trunc_sat_f64_s (f64.div (f64.mul (f64.mul (local.get $t1) (f64.const 255)) (local.get $sc)) (local.get $pk))))
        (local.set $k2 (i32.trunc_sat_f64_s (f64.div (f64.mul (f64.mul (local.get $t2) (f64.const 255)) (local.get $sc)) (local.get $pk))))
        (local.set $r (f64.div (local.get $area) (f64.const 3.141592653589793)))
        (local.set $k (i32.sub (i32.trunc_f64_s (f64.ceil (local.get $r))) (i32.const 1)))
        (local.set $dx (i32.sub (i32.const 0) (local.get $cb)))
        (local.set $qend (i32.add (local.get $q) (i32.mul (local.get $bw) (i32.const 6))))
        (loop $lp
          (local.set $v (i32.sub (local.get $k) (i32.mul (local.get $dx) (local.get $dx))))
          (i32.store16 (local.get $q) (local.get $v))
          (i32.store16 offset=2 (local.get $q) (local.get $v))
          (i32.store16 offset=4 (local.get $q) (local.get $v))
          (i32.store8 (local.get $cq) (local.get $k0))
          (i32.store8 offset=1 (local.get $cq) (local.get $k1))
          (i32.store8 offset=2 (local.get $cq) (local.get $k2))
          (local.set $dx (i32.add (local.get $dx) (i32.const 1)))
          (local.set $q (i32.add (local.get $q) (i32.const 6)))
          (local.set $cq (i32.add (local.get $cq) (i32.const 3)))
          (br_if $lp (i32.lt_u (local.get $q) (local.get $qend))))
        (local.set $bx (i32.add (local.get $bx) (i32.const 1)))
        (br_if $lk (i32.lt_u (local.get $bx) (local.get $nbx))))
      ;; the mask, row by row
      (local.set $y (local.get $y0))
      (loop $lm
        (local.set $dy2s (i32.mul (i32.sub (i32.sub (local.get $y) (local.get $y0)) (local.get $cb))
          (i32.sub (i32.sub (local.get $y) (local.get $y0)) (local.get $cb))))
        (local.set $dy2 (i16x8.splat (local.get $dy2s)))
        (local.set $row (i32.add (local.get $p) (i32.mul (local.get $y) (local.get $stride))))
        (local.set $jend (i32.add (local.get $row) (i32.and (local.get $stride) (i32.const -16))))
        (local.set $q (local.get $kpx))
        (local.set $cq (local.get $col))
        (block $md (loop $lg
          (br_if $md (i32.ge_u (local.get $row) (local.get $jend)))
          (v128.store (local.get $row) (v128.and (v128.load (local.get $cq)) (i8x16.narrow_i16x8_s
            (i16x8.le_s (local.get $dy2) (v128.load (local.get $q)))
            (i16x8.le_s (local.get $dy2) (v128.load offset=16 (local.get $q))))))
          (local.set $row (i32.add (local.get $row) (i32.const 16)))
          (local.set $q (i32.add (local.get $q) (i32.const 32)))
          (local.set $cq (i32.add (local.get $cq) (i32.const 16)))
          (br $lg)))
        (local.set $jend (i32.add (local.get $row) (i32.and (local.get $stride) (i32.const 15))))
        (block $td (loop $lt
          (br_if $td (i32.ge_u (local.get $row) (local.get $jend)))
          (i32.store8 (local.get $row) (i32.and (i32.load8_u (local.get $cq))
            (i32.sub (i32.const 0) (i32.le_s (local.get $dy2s) (i32.load16_s (local.get $q))))))
          (local.set $row (i32.add (local.get $row) (i32.const 1)))
          (local.set $q (i32.add (local.get $q) (i32.const 2)))
          (local.set $cq (i32.add (local.get $cq) (i32.const 1)))
          (br $lt)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br_if $lm (i32.lt_u (local.get $y) (local.get $y1))))
      (local.set $y0 (local.get $y1))
      (br $lb))))
)
`;
}
