// The kernels of the pixel-moving shaders (crt, kaleidoscope, rgb_split_radial, chromatic, channel_swap,
// mirror_diag), as WebAssembly text. `node wasm/build.mjs` compiles it into src/shaders/internal/simd/remap-wasm.ts.
// They only move bytes, so their output is the JavaScript's byte for byte. Gathers through index maps stay scalar
// (one 32-bit move per pixel: a SIMD gather is a load per lane anyway); moves with a fixed pattern use shuffles.
//
// Shuffle patterns are computed here, and every pattern checks that the bytes it needs lie in its sources.

import { shuffleLanes } from './lanes.mjs';
const lanes = (what, src) => shuffleLanes('remap.wat', what, src);

/** A v128.const of 16 bytes, 0xff where `on(j)` for byte j = 16v + t of a 48-byte group. */
function byteMask(v, on) {
  const b = [];
  for (let t = 0; t < 16; t++) b.push(on(16 * v + t) ? '0xff' : '0x00');
  return `(v128.const i8x16 ${b.join(' ')})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Gathers (crt, kaleidoscope, rgb_split_radial): the frame is copied to $src, then each pixel is read from the copy
// at its map entry, a byte offset 3·(source pixel index) (i32).

/** Pixels moved per iteration of the unrolled gather loop. */
const UNROLL = 4;

/** One pixel's 4-byte move: the byte after the pixel is rewritten by the next pixel (or the final 3-byte move). */
const movePixel = (k) => `(i32.store offset=${3 * k} (local.get $q)
          (i32.load (i32.add (local.get $src) (i32.load offset=${4 * k} (local.get $map)))))`;

/** The red and blue bytes of 16 pixels gathered into $r and $b (lane i = pixel i), then merged into the group at $p. */
function rbGatherBody() {
  const out = [];
  for (const [name, map, at] of [['$r', '$red', 0], ['$b', '$blue', 2]]) {
    for (let i = 0; i < 16; i++) {
      out.push(`(local.set ${name} (v128.load8_lane offset=${at} ${i} (i32.add (local.get $src) (i32.load offset=${4 * i} (local.get ${map}))) (local.get ${name})))`);
    }
  }
  for (let v = 0; v < 3; v++) {
    const pat = lanes('red/blue', (t) => {
      const j = 16 * v + t;
      return j % 3 === 0 ? j / 3 : j % 3 === 2 ? 16 + (j - 2) / 3 : 0;
    });
    out.push(`(v128.store offset=${16 * v} (local.get $p) (v128.bitselect
        (i8x16.shuffle ${pat} (local.get $r) (local.get $b))
        (v128.load offset=${16 * v} (local.get $p)) ${byteMask(v, (j) => j % 3 !== 1)}))`);
  }
  return out.join('\n      ');
}

const gathers = `
  ;; Frame at $p (npx pixels, npx ≥ 1) = its copy at $src (3·npx + 4 bytes) gathered through $map.
  (func (export "gather_px") (param $p i32) (param $npx i32) (param $map i32) (param $src i32)
    (local $q i32) (local $last i32) (local $s i32)
    (memory.copy (local.get $src) (local.get $p) (i32.mul (local.get $npx) (i32.const 3)))
    (local.set $q (local.get $p))
    (local.set $last (i32.add (local.get $p) (i32.mul (i32.sub (local.get $npx) (i32.const 1)) (i32.const 3))))
    (block $done (loop $l
      (br_if $done (i32.gt_u (i32.add (local.get $q) (i32.const ${3 * UNROLL})) (local.get $last)))
      ${Array.from({ length: UNROLL }, (_, k) => movePixel(k)).join('\n      ')}
      (local.set $q (i32.add (local.get $q) (i32.const ${3 * UNROLL})))
      (local.set $map (i32.add (local.get $map) (i32.const ${4 * UNROLL})))
      (br $l)))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $q) (local.get $last)))
      ${movePixel(0)}
      (local.set $q (i32.add (local.get $q) (i32.const 3)))
      (local.set $map (i32.add (local.get $map) (i32.const 4)))
      (br $l2)))
    ;; The last pixel moves 3 bytes: the byte after the frame is not the frame's.
    (local.set $s (i32.add (local.get $src) (i32.load (local.get $map))))
    (i32.store16 (local.get $q) (i32.load16_u (local.get $s)))
    (i32.store8 offset=2 (local.get $q) (i32.load8_u offset=2 (local.get $s))))

  ;; Red of every pixel from the copy's pixel at byte offset $red[i], blue from $blue[i]; green stays. $src: 3·npx
  ;; bytes. 16 pixels at a time: their red and blue bytes are gathered into two vectors and laid into the group's
  ;; 48 bytes by shuffles and bit-selects (three vector stores instead of 32 byte stores).
  (func (export "gather_rb") (param $p i32) (param $npx i32) (param $red i32) (param $blue i32) (param $src i32)
    (local $i i32) (local $r v128) (local $b v128)
    (memory.copy (local.get $src) (local.get $p) (i32.mul (local.get $npx) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $npx)))
      ${rbGatherBody()}
      (local.set $p (i32.add (local.get $p) (i32.const 48)))
      (local.set $red (i32.add (local.get $red) (i32.const 64)))
      (local.set $blue (i32.add (local.get $blue) (i32.const 64)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $l)))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $npx)))
      (i32.store8 (local.get $p) (i32.load8_u (i32.add (local.get $src) (i32.load (local.get $red)))))
      (i32.store8 offset=2 (local.get $p) (i32.load8_u offset=2 (i32.add (local.get $src) (i32.load (local.get $blue)))))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (local.set $red (i32.add (local.get $red) (i32.const 4)))
      (local.set $blue (i32.add (local.get $blue) (i32.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l2))))
`;

// ---------------------------------------------------------------------------------------------------------------
// channel_swap: output byte j of a 48-byte group (16 pixels) is input byte 3·⌊j/3⌋ + order[j mod 3]. The order is a
// runtime parameter, so the patterns are swizzle masks built by the caller (swapMasks in the shader): mask (v, u)
// picks from input vector u the bytes output vector v needs, 0x80 (→ 0) elsewhere, and the picks are OR-ed.

/** Input vectors output vector v can need: bytes 3⌊j/3⌋ .. 3⌊j/3⌋ + 2 for j in 16v..16v + 15. */
function swapSources(v) {
  const lo = 3 * Math.floor((16 * v) / 3);
  const hi = 3 * Math.floor((16 * v + 15) / 3) + 2;
  const out = [];
  for (let u = Math.floor(lo / 16); u <= Math.min(2, Math.floor(hi / 16)); u++) out.push(u);
  return out;
}

function swapBody() {
  const out = [];
  for (let v = 0; v < 3; v++) {
    const picks = swapSources(v).map((u) => `(i8x16.swizzle (local.get $v${u}) (local.get $m${3 * v + u}))`);
    const e = picks.reduce((acc, x) => `(v128.or ${acc} ${x})`);
    out.push(`(v128.store offset=${16 * v} (local.get $p) ${e})`);
  }
  return out.join('\n      ');
}

const channelSwap = `
  ;; Pixel i of the frame at $p becomes (byte a, byte b, byte c) of itself. $masks: the 9 swizzle masks (v, u) at
  ;; 16·(3v + u).
  (func (export "swap_channels") (param $p i32) (param $npx i32) (param $masks i32) (param $a i32) (param $b i32) (param $c i32)
    (local $i i32) (local $r i32) (local $g i32) (local $v0 v128) (local $v1 v128) (local $v2 v128)
    ${Array.from({ length: 9 }, (_, k) => `(local $m${k} v128)`).join(' ')}
    ${Array.from({ length: 9 }, (_, k) => `(local.set $m${k} (v128.load offset=${16 * k} (local.get $masks)))`).join('\n    ')}
    (block $done (loop $l
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $npx)))
      (local.set $v0 (v128.load offset=0 (local.get $p)))
      (local.set $v1 (v128.load offset=16 (local.get $p)))
      (local.set $v2 (v128.load offset=32 (local.get $p)))
      ${swapBody()}
      (local.set $p (i32.add (local.get $p) (i32.const 48)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $l)))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $npx)))
      (local.set $r (i32.load8_u (i32.add (local.get $p) (local.get $a))))
      (local.set $g (i32.load8_u (i32.add (local.get $p) (local.get $b))))
      (i32.store8 offset=2 (local.get $p) (i32.load8_u (i32.add (local.get $p) (local.get $c))))
      (i32.store8 (local.get $p) (local.get $r))
      (i32.store8 offset=1 (local.get $p) (local.get $g))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l2))))
`;

// ---------------------------------------------------------------------------------------------------------------
// chromatic: each row is copied to $row padded as [pixels 0..a) | the row | pixels w − a..w), so that red of pixel x
// is $row pixel x, green pixel x + a and blue pixel x + 2a, vacated columns included (they keep their own value).

function chromaticBody() {
  const out = [];
  for (let v = 0; v < 3; v++) {
    const red = byteMask(v, (j) => j % 3 === 0);
    const blue = byteMask(v, (j) => j % 3 === 2);
    out.push(`(v128.store offset=${16 * v} (local.get $q) (v128.bitselect
          (v128.load offset=${16 * v} (local.get $s))
          (v128.bitselect (v128.load offset=${16 * v} (local.get $bs)) (v128.load offset=${16 * v} (local.get $gs)) ${blue})
          ${red}))`);
  }
  return out.join('\n        ');
}

const chromatic = `
  ;; Red moves right and blue left by $a pixels (0 < a < w) in every row of the w×h frame at $p. $row: 3·(w + 2a)
  ;; bytes.
  (func (export "chromatic") (param $p i32) (param $w i32) (param $h i32) (param $a i32) (param $row i32)
    (local $y i32) (local $stride i32) (local $a3 i32) (local $q i32) (local $s i32) (local $gs i32) (local $bs i32) (local $x i32)
    (local.set $stride (i32.mul (local.get $w) (i32.const 3)))
    (local.set $a3 (i32.mul (local.get $a) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $y) (local.get $h)))
      (memory.copy (local.get $row) (local.get $p) (local.get $a3))
      (memory.copy (i32.add (local.get $row) (local.get $a3)) (local.get $p) (local.get $stride))
      (memory.copy (i32.add (i32.add (local.get $row) (local.get $a3)) (local.get $stride))
        (i32.sub (i32.add (local.get $p) (local.get $stride)) (local.get $a3)) (local.get $a3))
      (local.set $q (local.get $p))
      (local.set $s (local.get $row))
      (local.set $x (i32.const 0))
      (block $done2 (loop $l2
        (br_if $done2 (i32.gt_u (i32.add (local.get $x) (i32.const 16)) (local.get $w)))
        (local.set $gs (i32.add (local.get $s) (local.get $a3)))
        (local.set $bs (i32.add (local.get $gs) (local.get $a3)))
        ${chromaticBody()}
        (local.set $q (i32.add (local.get $q) (i32.const 48)))
        (local.set $s (i32.add (local.get $s) (i32.const 48)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $l2)))
      (block $done3 (loop $l3
        (br_if $done3 (i32.ge_u (local.get $x) (local.get $w)))
        (i32.store8 (local.get $q) (i32.load8_u (local.get $s)))
        (i32.store8 offset=2 (local.get $q) (i32.load8_u offset=2 (i32.add (local.get $s) (i32.shl (local.get $a3) (i32.const 1)))))
        (local.set $q (i32.add (local.get $q) (i32.const 3)))
        (local.set $s (i32.add (local.get $s) (i32.const 3)))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br $l3)))
      (local.set $p (i32.add (local.get $p) (local.get $stride)))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $l))))
`;

// ---------------------------------------------------------------------------------------------------------------
// mirror_diag: right of the cut, a row alternates runs of its left part reversed and forwards. Sources (at or left
// of the cut) are never written, so the runs are moved in place: forward runs by memory.copy, reversed runs 16
// pixels at a time by shuffles.

/** Output vector v of 16 reversed pixels: byte j is byte 3·(15 − ⌊j/3⌋) + j mod 3 of the 48 source bytes. */
function reverseVector(v) {
  const src = (t) => 3 * (15 - Math.floor((16 * v + t) / 3)) + ((16 * v + t) % 3);
  let lo = 48;
  let hi = -1;
  for (let t = 0; t < 16; t++) {
    lo = Math.min(lo, src(t));
    hi = Math.max(hi, src(t));
  }
  // Two loads inside the 48 source bytes that cover [lo, hi].
  const base = Math.min(lo, 16);
  if (hi >= base + 32) throw new Error(`remap.wat: reversed vector ${v} spans more than 32 bytes`);
  const pat = lanes('reverse', (t) => src(t) - base);
  return `(v128.store offset=${16 * v} (local.get $d) (i8x16.shuffle ${pat}
          (v128.load offset=${base} (local.get $s)) (v128.load offset=${base + 16} (local.get $s))))`;
}

const mirrorDiag = `
  ;; mirror_diag on the w×h frame at $p: row y's cut is floor(w·y/h) (w·h < 2^31).
  (func (export "mirror_diag") (param $p i32) (param $w i32) (param $h i32)
    (local $y i32) (local $stride i32) (local $cut i32) (local $row i32) (local $x i32) (local $n i32)
    (local.set $stride (i32.mul (local.get $w) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $y) (local.get $h)))
      (local.set $cut (i32.div_u (i32.mul (local.get $w) (local.get $y)) (local.get $h)))
      (local.set $row (i32.add (local.get $p) (i32.mul (local.get $y) (local.get $stride))))
      (if (i32.and (i32.gt_u (local.get $cut) (i32.const 0)) (i32.lt_u (local.get $cut) (local.get $w))) (then
        ;; First run: pixels cut − 1 down to 0 (the cut pixel itself stays).
        (local.set $x (i32.add (local.get $cut) (i32.const 1)))
        (local.set $n (call $min (local.get $cut) (i32.sub (local.get $w) (local.get $x))))
        (call $reverse (i32.add (local.get $row) (i32.mul (local.get $x) (i32.const 3)))
          (i32.add (local.get $row) (i32.mul (i32.sub (local.get $cut) (i32.const 1)) (i32.const 3))) (local.get $n))
        (local.set $x (i32.add (local.get $x) (local.get $n)))
        ;; Then pixels 0 up to cut, and cut down to 0, until the row ends.
        (block $end (loop $runs
          (br_if $end (i32.ge_u (local.get $x) (local.get $w)))
          (local.set $n (call $min (i32.add (local.get $cut) (i32.const 1)) (i32.sub (local.get $w) (local.get $x))))
          (memory.copy (i32.add (local.get $row) (i32.mul (local.get $x) (i32.const 3))) (local.get $row) (i32.mul (local.get $n) (i32.const 3)))
          (local.set $x (i32.add (local.get $x) (local.get $n)))
          (br_if $end (i32.ge_u (local.get $x) (local.get $w)))
          (local.set $n (call $min (i32.add (local.get $cut) (i32.const 1)) (i32.sub (local.get $w) (local.get $x))))
          (call $reverse (i32.add (local.get $row) (i32.mul (local.get $x) (i32.const 3)))
            (i32.add (local.get $row) (i32.mul (local.get $cut) (i32.const 3))) (local.get $n))
          (local.set $x (i32.add (local.get $x) (local.get $n)))
          (br $runs)))))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $l))))

  (func $min (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.lt_u (local.get $a) (local.get $b))))

  ;; Pixel i of $d (i < n) = the pixel i pixels left of the one at $hi.
  (func $reverse (param $d i32) (param $hi i32) (param $n i32)
    (local $i i32) (local $s i32)
    (block $done (loop $l
      (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
      (local.set $s (i32.sub (local.get $hi) (i32.const 45)))
      ${[0, 1, 2].map(reverseVector).join('\n      ')}
      (local.set $d (i32.add (local.get $d) (i32.const 48)))
      (local.set $hi (i32.sub (local.get $hi) (i32.const 48)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $l)))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store16 (local.get $d) (i32.load16_u (local.get $hi)))
      (i32.store8 offset=2 (local.get $d) (i32.load8_u offset=2 (local.get $hi)))
      (local.set $d (i32.add (local.get $d) (i32.const 3)))
      (local.set $hi (i32.sub (local.get $hi) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l2))))
`;

export function wat() {
  return `(module
  (import "env" "memory" (memory 1 32768 shared))
${gathers}
${channelSwap}
${chromatic}
${mirrorDiag}
)
`;
}
