// fieldToLayer of @glyphreel/grid (src/mapping.ts) as WebAssembly text: value field + hue → glyph ids and HSV
// colours per cell, for layers drawn on a thread with a wasm arena. `node wasm/build.mjs` compiles it into
// src/mapping-wasm.ts; a test checks that the committed bytes match this source, and that the kernel and the
// JavaScript loop write the same glyphs and colours (NaN, infinities and out-of-range values included).
//
// Why a kernel for a loop that takes ≈ 0.3 ms a frame: the JavaScript version is optimized by V8 twice in every worker
// (once on-stack during its first call, once normally), with its colour helpers: 25–35 ms of compiler time per worker
// at start-up, which two workers on two cores pay in wall clock. The kernel's baseline code compiles in well under a
// millisecond. The arithmetic is the JavaScript's, in the same order and in f64, so the bytes are the same.

/** x < 0 ? 0 : x > 1 ? 1 : x (core's clamp01: NaN stays NaN). */
const clampKeepNaN = (x) => `(select (f64.const 0) (select (f64.const 1) ${x} (f64.gt ${x} (f64.const 1))) (f64.lt ${x} (f64.const 0)))`;

/** v > 0 ? (v < 1 ? v : 1) : 0 (grid's clamp01 for values: NaN → 0). */
const clampNaNToZero = (x) => `(select (select ${x} (f64.const 1) (f64.lt ${x} (f64.const 1))) (f64.const 0) (f64.gt ${x} (f64.const 0)))`;

/** Stores trunc(c · 255) as a byte at colors + ci + k ((x | 0) in JavaScript; NaN → 0). */
const storeChannel = (c, k) => `(i32.store8 offset=${k} (local.get $ci) (i32.trunc_sat_f64_s (f64.mul (local.get ${c}) (f64.const 255))))`;

/** The six HSV sectors (core's hsvToRgbInto): r, g, b for sector 0–4, and sector 5 for every other value. */
const SECTORS = [
  ['$v', '$t', '$p'],
  ['$q', '$v', '$p'],
  ['$p', '$v', '$t'],
  ['$p', '$q', '$v'],
  ['$t', '$p', '$v'],
  ['$v', '$p', '$q'],
];

/** br_table over the sector: cases 0–4 in nested blocks, every other index (5, and 6 should rounding reach it) last. */
function sectorSwitch() {
  const set = ([r, g, b]) => `(local.set $r (local.get ${r})) (local.set $g (local.get ${g})) (local.set $b (local.get ${b}))`;
  let code = '(br_table $c0 $c1 $c2 $c3 $c4 $c5 (local.get $sector))';
  for (let k = 0; k < 5; k++) code = `(block $c${k} ${code}) ${set(SECTORS[k])} (br $sectorDone)`;
  return `(block $sectorDone (block $c5 ${code}) ${set(SECTORS[5])})`;
}

export function wat() {
  return `(module
  (import "env" "memory" (memory 1 32768 shared))

  ;; n cells: value f32[n]; hue f32[n] when hueField is not 0, else the constant hueConst; palette u16[np] (np >= 1);
  ;; writes glyphs u16[n] and colors u8[3n]. Cells with !(v > thr) are blank and black.
  (func (export "field_to_layer")
    (param $value i32) (param $hue i32) (param $hueField i32) (param $hueConst f64) (param $n i32)
    (param $palette i32) (param $np i32) (param $sat f64) (param $thr f64) (param $glyphs i32) (param $colors i32)
    (local $i i32) (local $ci i32) (local $k i32) (local $sector i32) (local $s f64) (local $v f64) (local $h f64)
    (local $x f64) (local $fl f64) (local $f f64) (local $p f64) (local $q f64) (local $t f64)
    (local $r f64) (local $g f64) (local $b f64) (local $npf f64)
    (local.set $s ${clampKeepNaN('(local.get $sat)')})
    (local.set $npf (f64.convert_i32_s (local.get $np)))
    (block $done (loop $cell
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $ci (i32.add (local.get $colors) (i32.mul (local.get $i) (i32.const 3))))
      (local.set $v (f64.promote_f32 (f32.load (i32.add (local.get $value) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $v ${clampNaNToZero('(local.get $v)')})
      (if (i32.eqz (f64.gt (local.get $v) (local.get $thr)))
        (then
          (i32.store16 (i32.add (local.get $glyphs) (i32.shl (local.get $i) (i32.const 1))) (i32.const 0))
          (i32.store8 (local.get $ci) (i32.const 0))
          (i32.store8 offset=1 (local.get $ci) (i32.const 0))
          (i32.store8 offset=2 (local.get $ci) (i32.const 0)))
        (else
          ;; glyph: palette[min(floor(v * n), n - 1)]
          (local.set $k (i32.trunc_sat_f64_s (f64.floor (f64.mul (local.get $v) (local.get $npf)))))
          (if (i32.gt_s (local.get $k) (i32.sub (local.get $np) (i32.const 1))) (then (local.set $k (i32.sub (local.get $np) (i32.const 1)))))
          (i32.store16 (i32.add (local.get $glyphs) (i32.shl (local.get $i) (i32.const 1)))
            (i32.load16_u (i32.add (local.get $palette) (i32.shl (local.get $k) (i32.const 1)))))
          ;; colour: hsvToRgbInto(hue, s, v); v is already in [0, 1], so clamping it again changes nothing
          (local.set $h (if (result f64) (local.get $hueField)
            (then (f64.promote_f32 (f32.load (i32.add (local.get $hue) (i32.shl (local.get $i) (i32.const 2))))))
            (else (local.get $hueConst))))
          (local.set $x (f64.sub (local.get $h) (f64.floor (local.get $h))))
          (local.set $h (f64.mul (select (f64.const 0) (local.get $x) (f64.ge (local.get $x) (f64.const 1))) (f64.const 6)))
          (local.set $fl (f64.floor (local.get $h)))
          (local.set $f (f64.sub (local.get $h) (local.get $fl)))
          (local.set $p (f64.mul (local.get $v) (f64.sub (f64.const 1) (local.get $s))))
          (local.set $q (f64.mul (local.get $v) (f64.sub (f64.const 1) (f64.mul (local.get $s) (local.get $f)))))
          (local.set $t (f64.mul (local.get $v) (f64.sub (f64.const 1) (f64.mul (local.get $s) (f64.sub (f64.const 1) (local.get $f))))))
          ;; a NaN hue falls to the last sector, as JavaScript's switch on NaN does
          (local.set $sector (select (i32.const 5) (i32.trunc_sat_f64_s (local.get $fl)) (f64.ne (local.get $fl) (local.get $fl))))
          ${sectorSwitch()}
          ${storeChannel('$r', 0)}
          ${storeChannel('$g', 1)}
          ${storeChannel('$b', 2)}))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $cell))))
)
`;
}
