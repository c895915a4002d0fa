// The SIMD kernels of soft_focus, edge_glow and radial_blur, as WebAssembly text. `node wasm/build.mjs` compiles it
// into src/shaders/internal/simd/glow-wasm.ts. Each shader is one exported call that loops over the frame's rows
// itself (a call per row from JavaScript would cost more than some of the rows). The arithmetic is the exact integer
// (and, for soft_focus's weights, f64) arithmetic of the JavaScript these kernels replaced, so the bytes are identical.
//
// Shuffle patterns are computed here, and every pattern checks that the bytes it needs lie in its two sources.

import { shuffleLanes } from './lanes.mjs';
const lanes = (what, src) => shuffleLanes('glow.wat', what, src);

/** The first of two consecutive vectors (of `count`) holding bytes [lo, hi] of their concatenation, or throws. */
function pairOf(what, lo, hi, count) {
  const m = Math.min(Math.floor(lo / 16), count - 2);
  if (hi >= 16 * m + 32) throw new Error(`glow.wat: ${what} spans more than two vectors`);
  return m;
}

// ---------------------------------------------------------------------------------------------------------------
// soft_focus

/** Output vector m (bytes 16m..16m+15) of 16 compacted stride-2 samples reads frame bytes from this offset on. */
const COMPACT_BASE = [0, 31, 62];

/** Compacts 16 stride-2 samples (96 frame bytes at $s) into 48 bytes at $o: sample i = frame bytes 6i..6i+2. */
function compactBody() {
  const out = [];
  for (let m = 0; m < 3; m++) {
    const base = COMPACT_BASE[m];
    const pat = lanes('compact', (t) => {
      const j = 16 * m + t;
      return 6 * Math.floor(j / 3) + (j % 3) - base;
    });
    out.push(`(v128.store offset=${16 * m} (local.get $o) (i8x16.shuffle ${pat}
          (v128.load offset=${base} (local.get $s)) (v128.load offset=${base + 16} (local.get $s))))`);
  }
  return out.join('\n        ');
}

/**
 * The lerp of 16 pixels (48 bytes at $q) with their weights: byte j of the group belongs to pixel ⌊j/3⌋, whose
 * sample is ⌊j/6⌋, so its weight is i32 number 3·⌊j/6⌋ + j mod 3 of the 24 at $a (six vectors $a0..$a5).
 */
function lerpBody() {
  const out = [];
  for (let k = 0; k < 6; k++) out.push(`(local.set $a${k} (v128.load offset=${16 * k} (local.get $a)))`);
  for (let v = 0; v < 3; v++) {
    out.push(`(local.set $c (v128.load offset=${16 * v} (local.get $q)))`);
    out.push(`(local.set $lo (i16x8.extend_low_i8x16_u (local.get $c)))`);
    out.push(`(local.set $hi (i16x8.extend_high_i8x16_u (local.get $c)))`);
    for (let t = 0; t < 4; t++) {
      const bytes = [0, 1, 2, 3].map((u) => 16 * v + 4 * t + u);
      const idx = bytes.map((j) => 3 * Math.floor(j / 6) + (j % 3));
      const m = pairOf('lerp weights', 4 * Math.min(...idx), 4 * Math.max(...idx) + 3, 6);
      const pat = lanes('lerp weights', (l) => 4 * (idx[l >> 2] - 4 * m) + (l & 3));
      const c16 = t < 2 ? '$lo' : '$hi';
      const half = t % 2 === 0 ? 'low' : 'high';
      out.push(`(local.set $s${t} (i32x4.shr_u (i32x4.add
          (i32x4.extmul_${half}_i16x8_u (local.get ${c16}) (local.get $A))
          (i8x16.shuffle ${pat} (local.get $a${m}) (local.get $a${m + 1}))) (i32.const 16)))`);
    }
    out.push(`(v128.store offset=${16 * v} (local.get $q) (i8x16.narrow_i16x8_u
          (i16x8.narrow_i32x4_u (local.get $s0) (local.get $s1)) (i16x8.narrow_i32x4_u (local.get $s2) (local.get $s3))))`);
  }
  return out.join('\n        ');
}

/** floor(x·kb) + bias for the four u32 lanes of $e, in f64 as JavaScript's (x·kb) | 0 computes it. */
const weights4 = `(i32x4.add (local.get $bv) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (i32x4.trunc_sat_f64x2_s_zero (f64x2.mul (local.get $kv) (f64x2.convert_low_i32x4_s (local.get $e))))
          (i32x4.trunc_sat_f64x2_s_zero (f64x2.mul (local.get $kv) (f64x2.convert_low_i32x4_s
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $e) (local.get $e)))))))`;

const softFocus = `
  ;; soft_focus on a w×h rgb24 frame at $p: lerp every byte towards the 3×3 box (edge-padded) of the stride-2
  ;; samples, out = (c·A + floor(sum9·kb) + bias) >> 16. Scratch: $pad (3·sw + 64 bytes), $ring (3 rows of $hrow
  ;; bytes, $hrow ≥ 6·sw + 32), $abuf (12·sw + 64 bytes), with sw = ⌈w/2⌉. A must be below 65536.
  (func (export "soft_focus") (param $p i32) (param $w i32) (param $h i32) (param $kb f64) (param $A i32) (param $bias i32)
    (param $pad i32) (param $ring i32) (param $hrow i32) (param $abuf i32)
    (local $sw i32) (local $sh i32) (local $stride i32) (local $sy i32) (local $row i32)
    (local.set $sw (i32.shr_u (i32.add (local.get $w) (i32.const 1)) (i32.const 1)))
    (local.set $sh (i32.shr_u (i32.add (local.get $h) (i32.const 1)) (i32.const 1)))
    (local.set $stride (i32.mul (local.get $w) (i32.const 3)))
    (call $sf_hsum (local.get $p) (local.get $w) (local.get $sw) (local.get $pad) (local.get $ring))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $sy) (local.get $sh)))
      ;; Sample row sy + 1 comes from frame row 2sy + 2, which the lerp of rows 2sy and 2sy + 1 leaves alone.
      (if (i32.lt_u (i32.add (local.get $sy) (i32.const 1)) (local.get $sh)) (then
        (call $sf_hsum (i32.add (local.get $p) (i32.mul (i32.add (i32.shl (local.get $sy) (i32.const 1)) (i32.const 2)) (local.get $stride)))
          (local.get $w) (local.get $sw) (local.get $pad)
          (call $slot (local.get $ring) (local.get $hrow) (i32.add (local.get $sy) (i32.const 1))))))
      (call $sf_weights
        (call $slot (local.get $ring) (local.get $hrow) (select (i32.sub (local.get $sy) (i32.const 1)) (i32.const 0) (local.get $sy)))
        (call $slot (local.get $ring) (local.get $hrow) (local.get $sy))
        (call $slot (local.get $ring) (local.get $hrow)
          (select (i32.add (local.get $sy) (i32.const 1)) (local.get $sy) (i32.lt_u (i32.add (local.get $sy) (i32.const 1)) (local.get $sh))))
        (i32.mul (local.get $sw) (i32.const 3)) (local.get $kb) (local.get $bias) (local.get $abuf))
      (local.set $row (i32.shl (local.get $sy) (i32.const 1)))
      (call $sf_lerp_row (i32.add (local.get $p) (i32.mul (local.get $row) (local.get $stride))) (local.get $w) (local.get $A) (local.get $abuf))
      (if (i32.lt_u (i32.add (local.get $row) (i32.const 1)) (local.get $h)) (then
        (call $sf_lerp_row (i32.add (local.get $p) (i32.mul (i32.add (local.get $row) (i32.const 1)) (local.get $stride)))
          (local.get $w) (local.get $A) (local.get $abuf))))
      (local.set $sy (i32.add (local.get $sy) (i32.const 1)))
      (br $l))))

  ;; Row k mod 3 of a three-row ring.
  (func $slot (param $ring i32) (param $bytes i32) (param $k i32) (result i32)
    (i32.add (local.get $ring) (i32.mul (i32.rem_u (local.get $k) (i32.const 3)) (local.get $bytes))))

  ;; dst[i] (u16) = the horizontal edge-padded 3-tap of the stride-2 samples of the frame row at $src, i < 3·sw.
  ;; The samples are compacted into $pad with one sample of padding on each side. Writes up to 16 values past 3·sw.
  (func $sf_hsum (param $src i32) (param $w i32) (param $sw i32) (param $pad i32) (param $dst i32)
    (local $i i32) (local $s i32) (local $o i32) (local $n3 i32) (local $j i32) (local $x v128) (local $y v128) (local $z v128)
    (local.set $s (local.get $src))
    (local.set $o (i32.add (local.get $pad) (i32.const 3)))
    ;; A group reads frame bytes up to 6i + 93: stay inside the row.
    (block $done (loop $l
      (br_if $done (i32.gt_u (i32.add (i32.mul (local.get $i) (i32.const 6)) (i32.const 94)) (i32.mul (local.get $w) (i32.const 3))))
        ${compactBody()}
      (local.set $s (i32.add (local.get $s) (i32.const 96)))
      (local.set $o (i32.add (local.get $o) (i32.const 48)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $l)))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $sw)))
      (i32.store16 (local.get $o) (i32.load16_u (local.get $s)))
      (i32.store8 offset=2 (local.get $o) (i32.load8_u offset=2 (local.get $s)))
      (local.set $s (i32.add (local.get $s) (i32.const 6)))
      (local.set $o (i32.add (local.get $o) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l2)))
    (local.set $n3 (i32.mul (local.get $sw) (i32.const 3)))
    (i32.store16 (local.get $pad) (i32.load16_u offset=3 (local.get $pad)))
    (i32.store8 offset=2 (local.get $pad) (i32.load8_u offset=5 (local.get $pad)))
    (i32.store16 offset=3 (i32.add (local.get $pad) (local.get $n3)) (i32.load16_u (i32.add (local.get $pad) (local.get $n3))))
    (i32.store8 offset=5 (i32.add (local.get $pad) (local.get $n3)) (i32.load8_u offset=2 (i32.add (local.get $pad) (local.get $n3))))
    (local.set $o (local.get $pad))
    (block $done3 (loop $l3
      (br_if $done3 (i32.ge_u (local.get $j) (local.get $n3)))
      (local.set $x (v128.load offset=0 (local.get $o)))
      (local.set $y (v128.load offset=3 (local.get $o)))
      (local.set $z (v128.load offset=6 (local.get $o)))
      (v128.store offset=0 (local.get $dst) (i16x8.add (i16x8.add (i16x8.extend_low_i8x16_u (local.get $x))
        (i16x8.extend_low_i8x16_u (local.get $y))) (i16x8.extend_low_i8x16_u (local.get $z))))
      (v128.store offset=16 (local.get $dst) (i16x8.add (i16x8.add (i16x8.extend_high_i8x16_u (local.get $x))
        (i16x8.extend_high_i8x16_u (local.get $y))) (i16x8.extend_high_i8x16_u (local.get $z))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $l3))))

  ;; abuf[i] (i32) = floor((up[i] + mid[i] + dn[i])·kb) + bias for i < n3 (and up to 7 more).
  (func $sf_weights (param $up i32) (param $mid i32) (param $dn i32) (param $n3 i32) (param $kb f64) (param $bias i32) (param $abuf i32)
    (local $j i32) (local $v v128) (local $e v128) (local $kv v128) (local $bv v128)
    (local.set $kv (f64x2.splat (local.get $kb)))
    (local.set $bv (i32x4.splat (local.get $bias)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $j) (local.get $n3)))
      (local.set $v (i16x8.add (i16x8.add (v128.load (local.get $up)) (v128.load (local.get $mid))) (v128.load (local.get $dn))))
      (local.set $e (i32x4.extend_low_i16x8_u (local.get $v)))
      (v128.store offset=0 (local.get $abuf) ${weights4})
      (local.set $e (i32x4.extend_high_i16x8_u (local.get $v)))
      (v128.store offset=16 (local.get $abuf) ${weights4})
      (local.set $up (i32.add (local.get $up) (i32.const 16)))
      (local.set $mid (i32.add (local.get $mid) (i32.const 16)))
      (local.set $dn (i32.add (local.get $dn) (i32.const 16)))
      (local.set $abuf (i32.add (local.get $abuf) (i32.const 32)))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $l))))

  ;; The lerp of one frame row: byte c of pixel x becomes (c·A + abuf[3·(x >> 1) + c]) >> 16.
  (func $sf_lerp_row (param $q i32) (param $w i32) (param $Ai i32) (param $a i32)
    (local $x i32) (local $A v128) (local $c v128) (local $lo v128) (local $hi v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128) (local $a5 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $j i32) (local $k i32)
    (local.set $A (i16x8.splat (local.get $Ai)))
    (block $done (loop $l
      (br_if $done (i32.gt_u (i32.add (local.get $x) (i32.const 16)) (local.get $w)))
        ${lerpBody()}
      (local.set $q (i32.add (local.get $q) (i32.const 48)))
      (local.set $a (i32.add (local.get $a) (i32.const 96)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $l)))
    ;; x is even here: pixels x and x + 1 share the weights at $a, which moves on after odd pixels.
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $x) (local.get $w)))
      (local.set $j (local.get $a))
      (if (i32.and (local.get $x) (i32.const 1)) (then (local.set $a (i32.add (local.get $a) (i32.const 12)))))
      (local.set $k (i32.const 0))
      (block $done3 (loop $l3
        (br_if $done3 (i32.ge_u (local.get $k) (i32.const 3)))
        (i32.store8 (local.get $q) (i32.shr_u (i32.add (i32.mul (i32.load8_u (local.get $q)) (local.get $Ai)) (i32.load (local.get $j))) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $l3)))
      (local.set $x (i32.add (local.get $x) (i32.const 1)))
      (br $l2))))
`;

// ---------------------------------------------------------------------------------------------------------------
// edge_glow and radial_blur: pixels packed one per i32 lane (0x00bbggrr, or with the pixel in bytes 1..3 when
// `at` = 1) are laid back out as rgb24, 16 pixels from four vectors into three.

/** Shuffle for rgb24 vector v (bytes 16v..16v+15) from the packed lanes: pixel P is lane P & 3 of vector P >> 2. */
function packPattern(v, at) {
  const m = pairOf('pack', 16 * Math.floor((16 * v) / 3 / 4), 16 * Math.floor((16 * v + 15) / 3 / 4) + 15, 4);
  return {
    m,
    pat: lanes('pack', (t) => {
      const j = 16 * v + t;
      const P = Math.floor(j / 3);
      return 16 * ((P >> 2) - m) + 4 * (P & 3) + at + (j % 3);
    }),
  };
}

/** The three rgb24 vectors of 16 packed pixels held in $<name>0..3 (an expression per vector). */
function packed(name, at) {
  return [0, 1, 2].map((v) => {
    const { m, pat } = packPattern(v, at);
    return `(i8x16.shuffle ${pat} (local.get $${name}${m}) (local.get $${name}${m + 1}))`;
  });
}

/** Sums of channels for 16 pixels at $s into 16 u16 at $d (pairs r+g through extadd, then + b). */
function sumsBody() {
  const rg = (first) =>
    lanes('sums rg', (t) => 3 * (first + (t >> 1)) + (t & 1) - (first === 0 ? 0 : 16));
  const b01 = lanes('sums b', (t) => (t < 10 ? 3 * t + 2 : 0));
  const b = lanes('sums b', (t) => (t < 10 ? t : 16 + 3 * t + 2 - 32));
  return `(local.set $v0 (v128.load offset=0 (local.get $s)))
        (local.set $v1 (v128.load offset=16 (local.get $s)))
        (local.set $v2 (v128.load offset=32 (local.get $s)))
        (local.set $b (i8x16.shuffle ${b} (i8x16.shuffle ${b01} (local.get $v0) (local.get $v1)) (local.get $v2)))
        (v128.store offset=0 (local.get $d) (i16x8.add (i16x8.extend_low_i8x16_u (local.get $b))
          (i16x8.extadd_pairwise_i8x16_u (i8x16.shuffle ${rg(0)} (local.get $v0) (local.get $v1)))))
        (v128.store offset=16 (local.get $d) (i16x8.add (i16x8.extend_high_i8x16_u (local.get $b))
          (i16x8.extadd_pairwise_i8x16_u (i8x16.shuffle ${rg(8)} (local.get $v1) (local.get $v2)))))`;
}

/** The overlay for 16 pixels: lane l of $o<n> = table[k] for k lane 4n + l of $k0, $k1 (8 each). */
function overlayGather() {
  const out = [];
  for (let n = 0; n < 4; n++) {
    let e = '(local.get $zero)';
    for (let l = 0; l < 4; l++) {
      const i = 4 * n + l;
      e = `(v128.load32_lane ${l} (i32.add (local.get $table) (i32.shl (i16x8.extract_lane_u ${i & 7} (local.get $k${i >> 3})) (i32.const 2))) ${e})`;
    }
    out.push(`(local.set $o${n} ${e})`);
  }
  const add = packed('o', 0).map(
    (e, v) => `(v128.store offset=${16 * v} (local.get $q) (i8x16.add_sat_u (v128.load offset=${16 * v} (local.get $q)) ${e}))`,
  );
  return [...out, ...add].join('\n            ');
}

/** |Δx| + |Δy| of the channel sums for 8 pixels from byte `off` on ($mid points one element before $up and $dn). */
const kOf = (off) => `(i16x8.add
          (i16x8.abs (i16x8.sub (v128.load offset=${off + 4} (local.get $mid)) (v128.load offset=${off} (local.get $mid))))
          (i16x8.abs (i16x8.sub (v128.load offset=${off} (local.get $dn)) (v128.load offset=${off} (local.get $up)))))`;

const edgeGlow = `
  ;; edge_glow on a w×h rgb24 frame at $p: k = |Δx| + |Δy| of the channel sums (central differences, none across
  ;; the frame's border), then the packed overlay table[k] (i32, 0x00bbggrr) is added with saturation. table[k] = 0
  ;; for every k < kzero, and groups of 16 pixels with no such k are skipped. $ring: three rows of $rb bytes
  ;; (≥ 2w + 64) for the sums of rows y − 1, y, y + 1.
  (func (export "edge_glow") (param $p i32) (param $w i32) (param $h i32) (param $ring i32) (param $rb i32) (param $table i32) (param $kzero i32)
    (local $y i32) (local $stride i32) (local $mid i32) (local $up i32) (local $dn i32)
    (local.set $stride (i32.mul (local.get $w) (i32.const 3)))
    ;; Sums start 16 bytes into their slot so that the element before the first can be read.
    (local.set $ring (i32.add (local.get $ring) (i32.const 16)))
    (call $eg_sums (local.get $p) (local.get $w) (local.get $ring))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $y) (local.get $h)))
      (local.set $mid (call $slot (local.get $ring) (local.get $rb) (local.get $y)))
      (local.set $up (local.get $mid))
      (local.set $dn (local.get $mid))
      ;; The sums of row y + 1 are taken before row y changes, those of y − 1 were taken before it changed.
      (if (i32.lt_u (i32.add (local.get $y) (i32.const 1)) (local.get $h)) (then
        (call $eg_sums (i32.add (local.get $p) (i32.mul (i32.add (local.get $y) (i32.const 1)) (local.get $stride))) (local.get $w)
          (call $slot (local.get $ring) (local.get $rb) (i32.add (local.get $y) (i32.const 1))))
        ;; Rows 0 and h − 1 have no vertical difference: up = dn = mid makes it vanish.
        (if (local.get $y) (then
          (local.set $up (call $slot (local.get $ring) (local.get $rb) (i32.sub (local.get $y) (i32.const 1))))
          (local.set $dn (call $slot (local.get $ring) (local.get $rb) (i32.add (local.get $y) (i32.const 1))))))))
      (call $eg_row (i32.add (local.get $p) (i32.mul (local.get $y) (local.get $stride))) (local.get $w)
        (local.get $up) (local.get $mid) (local.get $dn) (local.get $table) (local.get $kzero))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $l))))

  ;; d[x] (u16) = r + g + b of pixel x of the row at $s.
  (func $eg_sums (param $s i32) (param $w i32) (param $d i32)
    (local $x i32) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $b v128)
    (block $done (loop $l
      (br_if $done (i32.gt_u (i32.add (local.get $x) (i32.const 16)) (local.get $w)))
        ${sumsBody()}
      (local.set $s (i32.add (local.get $s) (i32.const 48)))
      (local.set $d (i32.add (local.get $d) (i32.const 32)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $l)))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $x) (local.get $w)))
      (i32.store16 (local.get $d) (i32.add (i32.add (i32.load8_u (local.get $s)) (i32.load8_u offset=1 (local.get $s))) (i32.load8_u offset=2 (local.get $s))))
      (local.set $s (i32.add (local.get $s) (i32.const 3)))
      (local.set $d (i32.add (local.get $d) (i32.const 2)))
      (local.set $x (i32.add (local.get $x) (i32.const 1)))
      (br $l2))))

  (func $eg_row (param $q i32) (param $w i32) (param $up i32) (param $mid i32) (param $dn i32) (param $table i32) (param $kzero i32)
    (local $x i32) (local $k0 v128) (local $k1 v128) (local $kz v128) (local $zero v128)
    (local $o0 v128) (local $o1 v128) (local $o2 v128) (local $o3 v128) (local $k i32)
    ;; Columns 0 and w − 1 have no horizontal difference.
    (call $eg_add (local.get $q) (local.get $table) (call $absdiff (i32.load16_u (local.get $dn)) (i32.load16_u (local.get $up))))
    (if (i32.gt_u (local.get $w) (i32.const 1)) (then
      (local.set $x (i32.shl (i32.sub (local.get $w) (i32.const 1)) (i32.const 1)))
      (call $eg_add (i32.add (local.get $q) (i32.mul (i32.sub (local.get $w) (i32.const 1)) (i32.const 3))) (local.get $table)
        (call $absdiff (i32.load16_u (i32.add (local.get $dn) (local.get $x))) (i32.load16_u (i32.add (local.get $up) (local.get $x)))))))
    (local.set $kz (i16x8.splat (i32.sub (local.get $kzero) (i32.const 1))))
    (local.set $x (i32.const 1))
    (local.set $q (i32.add (local.get $q) (i32.const 3)))
    (local.set $up (i32.add (local.get $up) (i32.const 2)))
    (local.set $dn (i32.add (local.get $dn) (i32.const 2)))
    ;; 16 interior pixels x..x + 15 (x + 15 ≤ w − 2) per iteration.
    (block $done (loop $l
      (br_if $done (i32.gt_u (i32.add (local.get $x) (i32.const 17)) (local.get $w)))
      (local.set $k0 ${kOf(0)})
      (local.set $k1 ${kOf(16)})
      (if (v128.any_true (v128.or (i16x8.gt_s (local.get $k0) (local.get $kz)) (i16x8.gt_s (local.get $k1) (local.get $kz)))) (then
            ${overlayGather()}))
      (local.set $q (i32.add (local.get $q) (i32.const 48)))
      (local.set $up (i32.add (local.get $up) (i32.const 32)))
      (local.set $mid (i32.add (local.get $mid) (i32.const 32)))
      (local.set $dn (i32.add (local.get $dn) (i32.const 32)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $l)))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (i32.add (local.get $x) (i32.const 1)) (local.get $w)))
      (call $eg_add (local.get $q) (local.get $table) (i32.add
        (call $absdiff (i32.load16_u offset=4 (local.get $mid)) (i32.load16_u (local.get $mid)))
        (call $absdiff (i32.load16_u (local.get $dn)) (i32.load16_u (local.get $up)))))
      (local.set $q (i32.add (local.get $q) (i32.const 3)))
      (local.set $up (i32.add (local.get $up) (i32.const 2)))
      (local.set $mid (i32.add (local.get $mid) (i32.const 2)))
      (local.set $dn (i32.add (local.get $dn) (i32.const 2)))
      (local.set $x (i32.add (local.get $x) (i32.const 1)))
      (br $l2))))

  (func $absdiff (param $a i32) (param $b i32) (result i32)
    (select (i32.sub (local.get $a) (local.get $b)) (i32.sub (local.get $b) (local.get $a)) (i32.ge_u (local.get $a) (local.get $b))))

  ;; Adds table[k] to the pixel at $q, saturating per channel, one byte at a time (safe at the frame's last byte).
  (func $eg_add (param $q i32) (param $table i32) (param $k i32)
    (local $o i32)
    (local.set $o (i32.load (i32.add (local.get $table) (i32.shl (local.get $k) (i32.const 2)))))
    (if (local.get $o) (then
      (call $add_sat_byte (local.get $q) (i32.and (local.get $o) (i32.const 255)))
      (call $add_sat_byte (i32.add (local.get $q) (i32.const 1)) (i32.and (i32.shr_u (local.get $o) (i32.const 8)) (i32.const 255)))
      (call $add_sat_byte (i32.add (local.get $q) (i32.const 2)) (i32.shr_u (local.get $o) (i32.const 16))))))

  (func $add_sat_byte (param $q i32) (param $v i32)
    (local.set $v (i32.add (i32.load8_u (local.get $q)) (local.get $v)))
    (i32.store8 (local.get $q) (select (i32.const 255) (local.get $v) (i32.gt_u (local.get $v) (i32.const 255)))))
`;

/** Gathers the 16 pixels of a group from row $src at the byte offsets col[x] (3·sx − 1) into $g0..$g3. */
function gather(col) {
  const out = [];
  for (let n = 0; n < 4; n++) {
    let e = '(local.get $zero)';
    for (let l = 0; l < 4; l++) {
      e = `(v128.load32_lane ${l} (i32.add (local.get $src) (i32.load offset=${4 * (4 * n + l)} (local.get ${col}))) ${e})`;
    }
    out.push(`(local.set $g${n} ${e})`);
  }
  return out.join('\n        ');
}

/**
 * floor((a + b + c)/3) per byte of three rgb24 vectors: sums ≤ 765 in u16 lanes; floor(x/3) = round((x − 1)/3),
 * and q15mulr(y, 10923) = round(y·10923/32768) is round(y/3) for −1 ≤ y ≤ 764 (error below 0.008, while y/3 is
 * always at least 1/6 away from a half).
 */
const mean3 = (a, b, c) => {
  const half = (h) => `(i16x8.q15mulr_sat_s (local.get $third) (i16x8.sub (i16x8.add (i16x8.add
            (i16x8.extend_${h}_i8x16_u ${a}) (i16x8.extend_${h}_i8x16_u ${b})) (i16x8.extend_${h}_i8x16_u ${c})) (local.get $one)))`;
  return `(i8x16.narrow_i16x8_u ${half('low')}
          ${half('high')})`;
};

function radialBody() {
  const out = [];
  out.push(`(local.set $src (local.get $near))`, gather('$cn'));
  packed('g', 1).forEach((e, v) => out.push(`(local.set $n${v} ${e})`));
  out.push(`(local.set $src (local.get $far))`, gather('$cf'));
  packed('g', 1).forEach((e, v) => {
    out.push(`(v128.store offset=${16 * v} (local.get $q)
          ${mean3(`(v128.load offset=${16 * v} (local.get $own))`, `(local.get $n${v})`, e)})`);
  });
  return out.join('\n        ');
}

const radialBlur = `
  ;; radial_blur on a w×h rgb24 frame at $p: pixel (x, y) becomes the per-channel floor of the mean of itself and the
  ;; pixels (colN[x], rowN[y]) and (colF[x], rowF[y]). colN/colF hold byte offsets 3·sx − 1 (i32), rowN/rowF row
  ;; numbers (i32). Every sample lies at least as far from the centre row as its own row, so rows are done from row
  ;; $top up to 0, then from $top + 1 down to h − 1: the rows a row reads are still unchanged, except itself, which
  ;; is copied to $own first (3w + 32 bytes).
  (func (export "radial_blur") (param $p i32) (param $w i32) (param $h i32) (param $top i32) (param $own i32)
    (param $colN i32) (param $colF i32) (param $rowN i32) (param $rowF i32)
    (local $y i32) (local $step i32)
    (local.set $own (i32.add (local.get $own) (i32.const 16)))
    (local.set $y (local.get $top))
    (local.set $step (i32.const -1))
    (block $done (loop $l
      (if (i32.lt_s (local.get $y) (i32.const 0)) (then
        (local.set $y (i32.add (local.get $top) (i32.const 1)))
        (local.set $step (i32.const 1))))
      (br_if $done (i32.ge_s (local.get $y) (local.get $h)))
      (call $rb_row (local.get $p) (local.get $w) (local.get $y) (local.get $own) (local.get $colN) (local.get $colF)
        (i32.load (i32.add (local.get $rowN) (i32.shl (local.get $y) (i32.const 2))))
        (i32.load (i32.add (local.get $rowF) (i32.shl (local.get $y) (i32.const 2)))))
      (local.set $y (i32.add (local.get $y) (local.get $step)))
      (br $l))))

  (func $rb_row (param $p i32) (param $w i32) (param $y i32) (param $own i32) (param $cn i32) (param $cf i32) (param $yn i32) (param $yf i32)
    (local $stride i32) (local $q i32) (local $near i32) (local $far i32) (local $src i32) (local $x i32) (local $c i32) (local $s i32)
    (local $zero v128) (local $one v128) (local $third v128)
    (local $g0 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128) (local $n0 v128) (local $n1 v128) (local $n2 v128)
    (local.set $stride (i32.mul (local.get $w) (i32.const 3)))
    (local.set $q (i32.add (local.get $p) (i32.mul (local.get $y) (local.get $stride))))
    (memory.copy (local.get $own) (local.get $q) (local.get $stride))
    (local.set $near (select (local.get $own) (i32.add (local.get $p) (i32.mul (local.get $yn) (local.get $stride))) (i32.eq (local.get $yn) (local.get $y))))
    (local.set $far (select (local.get $own) (i32.add (local.get $p) (i32.mul (local.get $yf) (local.get $stride))) (i32.eq (local.get $yf) (local.get $y))))
    (local.set $one (i16x8.splat (i32.const 1)))
    (local.set $third (i16x8.splat (i32.const 10923)))
    (block $done (loop $l
      (br_if $done (i32.gt_u (i32.add (local.get $x) (i32.const 16)) (local.get $w)))
        ${radialBody()}
      (local.set $q (i32.add (local.get $q) (i32.const 48)))
      (local.set $own (i32.add (local.get $own) (i32.const 48)))
      (local.set $cn (i32.add (local.get $cn) (i32.const 64)))
      (local.set $cf (i32.add (local.get $cf) (i32.const 64)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $l)))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $x) (local.get $w)))
      (local.set $c (i32.const 0))
      (block $done3 (loop $l3
        (br_if $done3 (i32.ge_u (local.get $c) (i32.const 3)))
        (local.set $s (i32.add (i32.add
          (i32.load8_u (i32.add (local.get $own) (local.get $c)))
          (i32.load8_u offset=1 (i32.add (i32.add (local.get $near) (i32.load (local.get $cn))) (local.get $c))))
          (i32.load8_u offset=1 (i32.add (i32.add (local.get $far) (i32.load (local.get $cf))) (local.get $c)))))
        (i32.store8 (i32.add (local.get $q) (local.get $c)) (i32.div_u (local.get $s) (i32.const 3)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $l3)))
      (local.set $q (i32.add (local.get $q) (i32.const 3)))
      (local.set $own (i32.add (local.get $own) (i32.const 3)))
      (local.set $cn (i32.add (local.get $cn) (i32.const 4)))
      (local.set $cf (i32.add (local.get $cf) (i32.const 4)))
      (local.set $x (i32.add (local.get $x) (i32.const 1)))
      (br $l2))))
`;

export function wat() {
  return `(module
  (import "env" "memory" (memory 1 32768 shared))
${softFocus}
${edgeGlow}
${radialBlur}
)
`;
}
