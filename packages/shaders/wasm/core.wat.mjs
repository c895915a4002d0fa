// The WebAssembly SIMD kernels of @glyphreel/shaders, as WebAssembly text. The unrolled parts (16 pixels = 48 bytes
// = 3 vectors per iteration, with per-pixel values spread over the bytes of their pixel by shuffles) are generated
// here, so the patterns are computed rather than typed. `node wasm/build.mjs` compiles this into
// src/shaders/internal/simd/core-wasm.ts; a test checks that the committed bytes match this source.

/** Byte j of a 48-byte (16-pixel) rgb24 group belongs to pixel ⌊j/3⌋. */
const pixelOfByte = (j) => Math.floor(j / 3);

/**
 * Shuffle lanes that widen per-pixel 16-bit values (pixel p at bytes 2p, 2p+1 of two source vectors, p < 16) into
 * 16-bit lanes for bytes [8h, 8h + 8) of the group, where `group(p)` maps a pixel to the index of its value.
 */
function spread16(h, group = (p) => p) {
  const lanes = [];
  for (let j = 8 * h; j < 8 * h + 8; j++) {
    const v = group(pixelOfByte(j));
    lanes.push(2 * v, 2 * v + 1);
  }
  return lanes.join(' ');
}

/** Shuffle lanes that give byte j of the group the channel byte of its 4-pixel block from four packed 0x00bbggrr words. */
function spreadBlocks(v) {
  const lanes = [];
  for (let j = 16 * v; j < 16 * v + 16; j++) lanes.push(4 * Math.floor(pixelOfByte(j) / 4) + (j % 3));
  return lanes.join(' ');
}

/** (c·k) >> 15 on unsigned 16-bit lanes, with 32-bit products; results ≤ 255 for c ≤ 255 and k ≤ 32769. */
const mulQ15 = (c, k) => `(i16x8.narrow_i32x4_u
          (i32x4.shr_u (i32x4.extmul_low_i16x8_u ${c} ${k}) (i32.const 15))
          (i32x4.shr_u (i32x4.extmul_high_i16x8_u ${c} ${k}) (i32.const 15)))`;

function mulPixelsBody() {
  const out = [];
  for (let v = 0; v < 3; v++) {
    out.push(`(local.set $x (v128.load offset=${16 * v} (local.get $p)))`);
    for (let h = 0; h < 2; h++) {
      const half = h === 0 ? 'low' : 'high';
      out.push(`(local.set $k (i8x16.shuffle ${spread16(2 * v + h)} (local.get $f0) (local.get $f1)))`);
      out.push(`(local.set $r${h} ${mulQ15(`(i16x8.extend_${half}_i8x16_u (local.get $x))`, '(local.get $k)')})`);
    }
    out.push(`(v128.store offset=${16 * v} (local.get $p) (i8x16.narrow_i16x8_u (local.get $r0) (local.get $r1)))`);
  }
  return out.join('\n        ');
}

function addNoiseBody() {
  const out = [];
  for (let v = 0; v < 3; v++) {
    out.push(`(local.set $x (v128.load offset=${16 * v} (local.get $p)))`);
    for (let h = 0; h < 2; h++) {
      const half = h === 0 ? 'low' : 'high';
      // Noise value i covers pixels 2i and 2i + 1.
      out.push(`(local.set $r${h} (i16x8.add (i16x8.extend_${half}_i8x16_u (local.get $x))
          (i8x16.shuffle ${spread16(2 * v + h, (p) => p >> 1)} (local.get $n) (local.get $n))))`);
    }
    out.push(`(v128.store offset=${16 * v} (local.get $p) (i8x16.narrow_i16x8_s_to_u))`);
  }
  return out.join('\n        ').replaceAll('(i8x16.narrow_i16x8_s_to_u)', '(i8x16.narrow_i16x8_u (local.get $r0) (local.get $r1))');
}

function addBlocksBody() {
  const out = [];
  for (let v = 0; v < 3; v++) {
    out.push(`(v128.store offset=${16 * v} (local.get $p)
          (i8x16.add_sat_u (v128.load offset=${16 * v} (local.get $p)) (i8x16.shuffle ${spreadBlocks(v)} (local.get $a) (local.get $a))))`);
  }
  return out.join('\n        ');
}

export function wat() {
  return `(module
  (import "env" "memory" (memory 1 32768 shared))

  ;; t16[i] = t8[i & 255] | t8[i >> 8] << 8 for the 65536 byte pairs: the two-byte table of lut16.
  (func (export "build_lut16") (param $t8 i32) (param $t16 i32)
    (local $i i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (i32.const 65536)))
      (i32.store16 (i32.add (local.get $t16) (i32.shl (local.get $i) (i32.const 1)))
        (i32.or (i32.load8_u (i32.add (local.get $t8) (i32.and (local.get $i) (i32.const 255))))
                (i32.shl (i32.load8_u (i32.add (local.get $t8) (i32.shr_u (local.get $i) (i32.const 8)))) (i32.const 8))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l))))

  ;; bytes[p, p + n) through a 256-entry byte table, read two bytes at a time from its two-byte table t16. A 16-entry
  ;; shuffle cannot hold a 256-entry table, and measured on 16 shuffles per vector this is faster.
  (func (export "lut16") (param $p i32) (param $n i32) (param $t16 i32)
    (local $end i32) (local $w i32)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done (loop $l
      (br_if $done (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $end)))
      (local.set $w (i32.load (local.get $p)))
      (i32.store (local.get $p)
        (i32.or
          (i32.load16_u (i32.add (local.get $t16) (i32.shl (i32.and (local.get $w) (i32.const 0xffff)) (i32.const 1))))
          (i32.shl (i32.load16_u (i32.add (local.get $t16) (i32.shl (i32.shr_u (local.get $w) (i32.const 16)) (i32.const 1)))) (i32.const 16))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $l)))
    ;; tail: entry b of t16 has table[b] in its low byte
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $p) (local.get $end)))
      (i32.store8 (local.get $p) (i32.load16_u (i32.add (local.get $t16) (i32.shl (i32.load8_u (local.get $p)) (i32.const 1)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $l2))))

  ;; Every channel of pixel i of an rgb24 run times the 1.15 fixed-point factor f[i] (u16, at most 32769), shifted
  ;; right by 15. 16 pixels per iteration; the factors are spread over their pixel's bytes by shuffles.
  (func (export "mul_pixels") (param $p i32) (param $npx i32) (param $f i32)
    (local $end i32) (local $x v128) (local $k v128) (local $f0 v128) (local $f1 v128) (local $r0 v128) (local $r1 v128)
    (local.set $end (i32.add (local.get $f) (i32.shl (i32.and (local.get $npx) (i32.const -16)) (i32.const 1))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $f) (local.get $end)))
      (local.set $f0 (v128.load (local.get $f)))
      (local.set $f1 (v128.load offset=16 (local.get $f)))
        ${mulPixelsBody()}
      (local.set $p (i32.add (local.get $p) (i32.const 48)))
      (local.set $f (i32.add (local.get $f) (i32.const 32)))
      (br $l)))
    (call $mul_pixels_tail (local.get $p) (i32.and (local.get $npx) (i32.const 15)) (local.get $f)))

  (func $mul_pixels_tail (param $p i32) (param $n i32) (param $f i32)
    (local $k i32) (local $end i32)
    (local.set $end (i32.add (local.get $f) (i32.shl (local.get $n) (i32.const 1))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $f) (local.get $end)))
      (local.set $k (i32.load16_u (local.get $f)))
      (i32.store8 offset=0 (local.get $p) (i32.shr_u (i32.mul (i32.load8_u offset=0 (local.get $p)) (local.get $k)) (i32.const 15)))
      (i32.store8 offset=1 (local.get $p) (i32.shr_u (i32.mul (i32.load8_u offset=1 (local.get $p)) (local.get $k)) (i32.const 15)))
      (i32.store8 offset=2 (local.get $p) (i32.shr_u (i32.mul (i32.load8_u offset=2 (local.get $p)) (local.get $k)) (i32.const 15)))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (local.set $f (i32.add (local.get $f) (i32.const 2)))
      (br $l))))

  ;; Saturating add of a signed 16-bit value per pixel pair to every channel of one rgb24 row of npx pixels:
  ;; noise[i] goes to pixels 2i and 2i + 1. 16 pixels (8 noise values) per iteration.
  (func (export "add_pair_noise_row") (param $p i32) (param $npx i32) (param $noise i32)
    (local $end i32) (local $x v128) (local $n v128) (local $r0 v128) (local $r1 v128) (local $v i32) (local $i i32)
    (local.set $end (i32.add (local.get $p) (i32.mul (i32.and (local.get $npx) (i32.const -16)) (i32.const 3))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $n (v128.load (local.get $noise)))
        ${addNoiseBody()}
      (local.set $p (i32.add (local.get $p) (i32.const 48)))
      (local.set $noise (i32.add (local.get $noise) (i32.const 16)))
      (br $l)))
    (local.set $end (i32.and (local.get $npx) (i32.const 15)))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $v (i32.load16_s (i32.add (local.get $noise) (i32.shl (i32.shr_u (local.get $i) (i32.const 1)) (i32.const 1)))))
      (call $store_clamped (local.get $p) (i32.add (i32.load8_u offset=0 (local.get $p)) (local.get $v)))
      (call $store_clamped (i32.add (local.get $p) (i32.const 1)) (i32.add (i32.load8_u offset=1 (local.get $p)) (local.get $v)))
      (call $store_clamped (i32.add (local.get $p) (i32.const 2)) (i32.add (i32.load8_u offset=2 (local.get $p)) (local.get $v)))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l2))))

  (func $store_clamped (param $p i32) (param $v i32)
    (i32.store8 (local.get $p)
      (select (i32.const 0)
        (select (i32.const 255) (local.get $v) (i32.gt_s (local.get $v) (i32.const 255)))
        (i32.lt_s (local.get $v) (i32.const 0)))))

  ;; One half-resolution row of grain noise: nh = ceil(hw / 2) steps of the counter hash (counter += golden; murmur3
  ;; fmix32), each u32 giving two values (low half first) reduced to [base, base + span) by (u16 · span) >> 16. Four
  ;; hashes per iteration, so up to 7 values past hw are written (the buffer is padded). Returns the advanced counter.
  (func (export "grain_noise_row") (param $noise i32) (param $hw i32) (param $counter i32) (param $golden i32)
      (param $span i32) (param $base i32) (result i32)
    (local $nh i32) (local $i i32) (local $c v128) (local $z v128) (local $s v128) (local $b v128) (local $step v128)
    (local.set $nh (i32.shr_u (i32.add (local.get $hw) (i32.const 1)) (i32.const 1)))
    (local.set $c (i32x4.add (i32x4.splat (local.get $counter))
      (i32x4.mul (i32x4.splat (local.get $golden)) (v128.const i32x4 1 2 3 4))))
    (local.set $step (i32x4.splat (i32.shl (local.get $golden) (i32.const 2))))
    (local.set $s (i16x8.splat (local.get $span)))
    (local.set $b (i16x8.splat (local.get $base)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $nh)))
      (local.set $z (i32x4.mul (v128.xor (local.get $c) (i32x4.shr_u (local.get $c) (i32.const 16))) (i32x4.splat (i32.const 0x85ebca6b))))
      (local.set $z (i32x4.mul (v128.xor (local.get $z) (i32x4.shr_u (local.get $z) (i32.const 13))) (i32x4.splat (i32.const 0xc2b2ae35))))
      (local.set $z (v128.xor (local.get $z) (i32x4.shr_u (local.get $z) (i32.const 16))))
      (v128.store (local.get $noise)
        (i16x8.add (local.get $b) (i16x8.narrow_i32x4_u
          (i32x4.shr_u (i32x4.extmul_low_i16x8_u (local.get $z) (local.get $s)) (i32.const 16))
          (i32x4.shr_u (i32x4.extmul_high_i16x8_u (local.get $z) (local.get $s)) (i32.const 16)))))
      (local.set $c (i32x4.add (local.get $c) (local.get $step)))
      (local.set $noise (i32.add (local.get $noise) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $l)))
    (i32.add (local.get $counter) (i32.mul (local.get $nh) (local.get $golden))))

  ;; One 3-tap pass with edge padding along x of an interleaved rgb image of i32 (n = 3·width elements per row):
  ;; dst[j] = src[j − 3] + src[j] + src[j + 3], a missing neighbour replaced by src[j].
  (func $blur_x (param $src i32) (param $dst i32) (param $n i32) (param $rows i32)
    (local $y i32) (local $j i32) (local $row i32) (local $l i32) (local $r i32) (local $ps i32) (local $pd i32)
    (block $done (loop $rowl
      (br_if $done (i32.ge_u (local.get $y) (local.get $rows)))
      (local.set $row (i32.mul (local.get $y) (local.get $n)))
      (local.set $j (i32.const 0))
      (block $rdone (loop $l1
        (br_if $rdone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $ps (i32.add (local.get $src) (i32.shl (i32.add (local.get $row) (local.get $j)) (i32.const 2))))
        (local.set $pd (i32.add (local.get $dst) (i32.shl (i32.add (local.get $row) (local.get $j)) (i32.const 2))))
        (if (i32.and (i32.ge_u (local.get $j) (i32.const 3)) (i32.le_u (i32.add (local.get $j) (i32.const 7)) (local.get $n)))
          (then
            (v128.store (local.get $pd) (i32x4.add (i32x4.add
              (v128.load (i32.sub (local.get $ps) (i32.const 12))) (v128.load (local.get $ps)))
              (v128.load offset=12 (local.get $ps))))
            (local.set $j (i32.add (local.get $j) (i32.const 4))))
          (else
            (local.set $l (if (result i32) (i32.ge_u (local.get $j) (i32.const 3))
              (then (i32.load (i32.sub (local.get $ps) (i32.const 12)))) (else (i32.load (local.get $ps)))))
            (local.set $r (if (result i32) (i32.lt_u (i32.add (local.get $j) (i32.const 3)) (local.get $n))
              (then (i32.load offset=12 (local.get $ps))) (else (i32.load (local.get $ps)))))
            (i32.store (local.get $pd) (i32.add (i32.add (local.get $l) (local.get $r)) (i32.load (local.get $ps))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))))
        (br $l1)))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $rowl))))

  ;; One 3-tap pass with edge padding along y: dst row y = src rows y − 1, y, y + 1 (clamped to the image).
  (func $blur_y (param $src i32) (param $dst i32) (param $n i32) (param $rows i32)
    (local $y i32) (local $j i32) (local $pu i32) (local $pc i32) (local $pn i32) (local $pd i32) (local $rb i32)
    (local.set $rb (i32.shl (local.get $n) (i32.const 2)))
    (block $done (loop $rowl
      (br_if $done (i32.ge_u (local.get $y) (local.get $rows)))
      (local.set $pc (i32.add (local.get $src) (i32.mul (local.get $y) (local.get $rb))))
      (local.set $pu (select (i32.sub (local.get $pc) (local.get $rb)) (local.get $pc) (i32.gt_u (local.get $y) (i32.const 0))))
      (local.set $pn (select (i32.add (local.get $pc) (local.get $rb)) (local.get $pc)
        (i32.lt_u (i32.add (local.get $y) (i32.const 1)) (local.get $rows))))
      (local.set $pd (i32.add (local.get $dst) (i32.mul (local.get $y) (local.get $rb))))
      (local.set $j (i32.const 0))
      (block $rdone (loop $l1
        (br_if $rdone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (v128.store (local.get $pd) (i32x4.add (i32x4.add (v128.load (local.get $pu)) (v128.load (local.get $pc))) (v128.load (local.get $pn))))
        (local.set $pu (i32.add (local.get $pu) (i32.const 16)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 16)))
        (local.set $pn (i32.add (local.get $pn) (i32.const 16)))
        (local.set $pd (i32.add (local.get $pd) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $l1)))
      (block $tdone (loop $l2
        (br_if $tdone (i32.ge_u (local.get $j) (local.get $n)))
        (i32.store (local.get $pd) (i32.add (i32.add (i32.load (local.get $pu)) (i32.load (local.get $pc))) (i32.load (local.get $pn))))
        (local.set $pu (i32.add (local.get $pu) (i32.const 4)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 4)))
        (local.set $pn (i32.add (local.get $pn) (i32.const 4)))
        (local.set $pd (i32.add (local.get $pd) (i32.const 4)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $l2)))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $rowl))))

  ;; The bloom glow per 4×4 block of an rgb24 image: sample the top-left pixel of each block, keep channels > thr
  ;; (others 0), three 3×3 box passes with edge padding (as three x passes then three y passes, unnormalized: ×729),
  ;; then floor(0.5 · blur) = floor(sum / 1458) per channel, packed 0x00bbggrr into add[]. $a and $b are i32 scratch
  ;; of 3·sw·sh elements plus 3 (the quotient pass works in fours). Returns 0 (and leaves add[] alone) when no channel exceeds thr.
  (func (export "bloom_grid") (param $src i32) (param $width i32) (param $height i32) (param $thr i32)
      (param $a i32) (param $b i32) (param $add i32) (result i32)
    (local $sw i32) (local $sh i32) (local $sx i32) (local $sy i32) (local $p i32) (local $q i32) (local $any i32)
    (local $v i32) (local $n i32) (local $k i32) (local $c i32) (local $div v128)
    (local.set $sw (i32.shr_u (i32.add (local.get $width) (i32.const 3)) (i32.const 2)))
    (local.set $sh (i32.shr_u (i32.add (local.get $height) (i32.const 3)) (i32.const 2)))
    (local.set $q (local.get $a))
    (block $done (loop $yl
      (br_if $done (i32.ge_u (local.get $sy) (local.get $sh)))
      (local.set $p (i32.add (local.get $src) (i32.mul (i32.mul (i32.shl (local.get $sy) (i32.const 2)) (local.get $width)) (i32.const 3))))
      (local.set $sx (i32.const 0))
      (block $xdone (loop $xl
        (br_if $xdone (i32.ge_u (local.get $sx) (local.get $sw)))
        (local.set $c (i32.const 0))
        (block $cdone (loop $cl
          (br_if $cdone (i32.ge_u (local.get $c) (i32.const 3)))
          (local.set $v (i32.load8_u (i32.add (local.get $p) (local.get $c))))
          (local.set $v (select (local.get $v) (i32.const 0) (i32.gt_u (local.get $v) (local.get $thr))))
          (local.set $any (i32.or (local.get $any) (local.get $v)))
          (i32.store (local.get $q) (local.get $v))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br $cl)))
        (local.set $p (i32.add (local.get $p) (i32.const 12)))
        (local.set $sx (i32.add (local.get $sx) (i32.const 1)))
        (br $xl)))
      (local.set $sy (i32.add (local.get $sy) (i32.const 1)))
      (br $yl)))
    (if (i32.eqz (local.get $any)) (then (return (i32.const 0))))
    (local.set $n (i32.mul (local.get $sw) (i32.const 3)))
    (call $blur_x (local.get $a) (local.get $b) (local.get $n) (local.get $sh))
    (call $blur_x (local.get $b) (local.get $a) (local.get $n) (local.get $sh))
    (call $blur_x (local.get $a) (local.get $b) (local.get $n) (local.get $sh))
    (call $blur_y (local.get $b) (local.get $a) (local.get $n) (local.get $sh))
    (call $blur_y (local.get $a) (local.get $b) (local.get $n) (local.get $sh))
    (call $blur_y (local.get $b) (local.get $a) (local.get $n) (local.get $sh))
    ;; Sums are integers below 2^18, exact in f32; a correctly rounded quotient by 1458 never reaches the next integer
    ;; from below (the gap is at least 1/1458 against a rounding error under 2^-6), so truncation is the floor.
    (local.set $n (i32.mul (local.get $n) (local.get $sh)))
    (local.set $div (f32x4.splat (f32.const 1458)))
    (local.set $k (i32.const 0))
    (local.set $q (local.get $a))
    (block $qdone (loop $ql
      (br_if $qdone (i32.ge_u (local.get $k) (local.get $n)))
      (v128.store (local.get $q) (i32x4.trunc_sat_f32x4_s (f32x4.div (f32x4.convert_i32x4_s (v128.load (local.get $q))) (local.get $div))))
      (local.set $q (i32.add (local.get $q) (i32.const 16)))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $ql)))
    (local.set $n (i32.mul (local.get $sw) (local.get $sh)))
    (local.set $k (i32.const 0))
    (local.set $q (local.get $a))
    (block $pdone (loop $pl
      (br_if $pdone (i32.ge_u (local.get $k) (local.get $n)))
      (i32.store (i32.add (local.get $add) (i32.shl (local.get $k) (i32.const 2)))
        (i32.or (i32.or (i32.load (local.get $q)) (i32.shl (i32.load offset=4 (local.get $q)) (i32.const 8)))
          (i32.shl (i32.load offset=8 (local.get $q)) (i32.const 16))))
      (local.set $q (i32.add (local.get $q) (i32.const 12)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $pl)))
    (i32.const 1))

  ;; Zero-fills n bytes. Typed-array fill on a SharedArrayBuffer runs element by element (about 4 ms for a 1080p
  ;; frame here); memory.fill is a plain memset.
  (func (export "fill_zero") (param $p i32) (param $n i32)
    (memory.fill (local.get $p) (i32.const 0) (local.get $n)))

  ;; Adds every channel of the pixels at rows 0, step, 2·step, … and columns 0, step, … of an rgb24 image to a
  ;; 256-bin i32 histogram (tonemap's subsample).
  (func (export "histogram_strided") (param $p i32) (param $width i32) (param $height i32) (param $step i32) (param $hist i32)
    (local $y i32) (local $q i32) (local $end i32) (local $rowStep i32) (local $colStep i32) (local $h i32)
    (local.set $rowStep (i32.mul (i32.mul (local.get $width) (i32.const 3)) (local.get $step)))
    (local.set $colStep (i32.mul (local.get $step) (i32.const 3)))
    (block $done (loop $yl
      (br_if $done (i32.ge_u (local.get $y) (local.get $height)))
      (local.set $q (local.get $p))
      (local.set $end (i32.add (local.get $p) (i32.mul (local.get $width) (i32.const 3))))
      (block $rdone (loop $xl
        (br_if $rdone (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $h (i32.add (local.get $hist) (i32.shl (i32.load8_u offset=0 (local.get $q)) (i32.const 2))))
        (i32.store (local.get $h) (i32.add (i32.load (local.get $h)) (i32.const 1)))
        (local.set $h (i32.add (local.get $hist) (i32.shl (i32.load8_u offset=1 (local.get $q)) (i32.const 2))))
        (i32.store (local.get $h) (i32.add (i32.load (local.get $h)) (i32.const 1)))
        (local.set $h (i32.add (local.get $hist) (i32.shl (i32.load8_u offset=2 (local.get $q)) (i32.const 2))))
        (i32.store (local.get $h) (i32.add (i32.load (local.get $h)) (i32.const 1)))
        (local.set $q (i32.add (local.get $q) (local.get $colStep)))
        (br $xl)))
      (local.set $p (i32.add (local.get $p) (local.get $rowStep)))
      (local.set $y (i32.add (local.get $y) (local.get $step)))
      (br $yl))))

  ;; Vignette factors, 1.15 fixed point: out[y·w + x] = floor(clamp(1 − sqrt(xx[x] + Y²)·s, floor, 1)·32768) + 1 with
  ;; Y = −1 + 2y/(h − 1) for the top half (−1 when h = 1), the bottom half mirroring it (Y exactly symmetric, as
  ;; vignetteFactors defines it), and xx[x] the squared column coordinate (JavaScript fills it). The same double
  ;; operations in the same order as the JavaScript definition, so the same factors. Each bottom row copies its top
  ;; row, and a row's right half its left half wherever xx mirrors (always, for the xx of vignetteFactors), so a
  ;; quarter of the square roots are taken: this runs once per size, on a worker's first frame, before the compiler
  ;; has optimized it.
  (func $vignette_factor (param $sum f64) (param $s f64) (param $floor f64) (result i32)
    (local $v f64)
    (local.set $v (f64.sub (f64.const 1) (f64.mul (f64.sqrt (local.get $sum)) (local.get $s))))
    (local.set $v (select (local.get $floor) (select (f64.const 1) (local.get $v) (f64.gt (local.get $v) (f64.const 1))) (f64.lt (local.get $v) (local.get $floor))))
    (i32.add (i32.trunc_f64_s (f64.floor (f64.mul (local.get $v) (f64.const 32768)))) (i32.const 1)))

  (func $vignette_row (param $out i32) (param $xx i32) (param $w i32) (param $yy f64) (param $s f64) (param $floor f64)
    (local $x i32) (local $xm i32) (local $a f64) (local $v i32)
    (block $done (loop $xl
      (local.set $xm (i32.sub (i32.sub (local.get $w) (i32.const 1)) (local.get $x)))
      (br_if $done (i32.gt_s (local.get $x) (local.get $xm)))
      (local.set $a (f64.load (i32.add (local.get $xx) (i32.shl (local.get $x) (i32.const 3)))))
      (local.set $v (call $vignette_factor (f64.add (local.get $a) (local.get $yy)) (local.get $s) (local.get $floor)))
      (i32.store16 (i32.add (local.get $out) (i32.shl (local.get $x) (i32.const 1))) (local.get $v))
      (if (i32.gt_s (local.get $xm) (local.get $x))
        (then
          (i32.store16 (i32.add (local.get $out) (i32.shl (local.get $xm) (i32.const 1)))
            (if (result i32) (f64.eq (f64.load (i32.add (local.get $xx) (i32.shl (local.get $xm) (i32.const 3)))) (local.get $a))
              (then (local.get $v))
              (else (call $vignette_factor
                (f64.add (f64.load (i32.add (local.get $xx) (i32.shl (local.get $xm) (i32.const 3)))) (local.get $yy))
                (local.get $s) (local.get $floor)))))))
      (local.set $x (i32.add (local.get $x) (i32.const 1)))
      (br $xl))))

  (func $vignette_y (param $y i32) (param $h i32) (result f64)
    (local $Y f64)
    (local.set $Y (if (result f64) (i32.gt_u (local.get $h) (i32.const 1))
      (then (f64.add (f64.const -1) (f64.div (f64.mul (f64.const 2) (f64.convert_i32_u (local.get $y))) (f64.convert_i32_u (i32.sub (local.get $h) (i32.const 1))))))
      (else (f64.const -1))))
    (f64.mul (local.get $Y) (local.get $Y)))

  (func (export "vignette_factors") (param $out i32) (param $xx i32) (param $w i32) (param $h i32) (param $s f64) (param $floor f64)
    (local $y i32) (local $ym i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $w) (i32.const 1)))
    (block $done (loop $yl
      (local.set $ym (i32.sub (i32.sub (local.get $h) (i32.const 1)) (local.get $y)))
      (br_if $done (i32.gt_s (local.get $y) (local.get $ym)))
      (call $vignette_row (i32.add (local.get $out) (i32.mul (local.get $y) (local.get $rowBytes))) (local.get $xx) (local.get $w)
        (call $vignette_y (local.get $y) (local.get $h)) (local.get $s) (local.get $floor))
      (if (i32.gt_s (local.get $ym) (local.get $y))
        (then (memory.copy
          (i32.add (local.get $out) (i32.mul (local.get $ym) (local.get $rowBytes)))
          (i32.add (local.get $out) (i32.mul (local.get $y) (local.get $rowBytes)))
          (local.get $rowBytes))))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $yl))))

  ;; Saturating add of a per-block glow to one rgb24 row of npx pixels: add[b] (packed 0x00bbggrr) goes to pixels
  ;; 4b..4b+3. 16 pixels (4 blocks) per iteration.
  (func (export "add_blocks_row") (param $p i32) (param $npx i32) (param $add i32)
    (local $end i32) (local $a v128) (local $v i32) (local $i i32) (local $s i32)
    (local.set $end (i32.add (local.get $p) (i32.mul (i32.and (local.get $npx) (i32.const -16)) (i32.const 3))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $a (v128.load (local.get $add)))
      (if (v128.any_true (local.get $a)) (then
        ${addBlocksBody()}))
      (local.set $p (i32.add (local.get $p) (i32.const 48)))
      (local.set $add (i32.add (local.get $add) (i32.const 16)))
      (br $l)))
    (local.set $end (i32.and (local.get $npx) (i32.const 15)))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $v (i32.load (i32.add (local.get $add) (i32.shl (i32.shr_u (local.get $i) (i32.const 2)) (i32.const 2)))))
      (call $store_clamped (local.get $p) (i32.add (i32.load8_u offset=0 (local.get $p)) (i32.and (local.get $v) (i32.const 255))))
      (call $store_clamped (i32.add (local.get $p) (i32.const 1))
        (i32.add (i32.load8_u offset=1 (local.get $p)) (i32.and (i32.shr_u (local.get $v) (i32.const 8)) (i32.const 255))))
      (call $store_clamped (i32.add (local.get $p) (i32.const 2))
        (i32.add (i32.load8_u offset=2 (local.get $p)) (i32.shr_u (local.get $v) (i32.const 16))))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l2))))
)
`;
}
