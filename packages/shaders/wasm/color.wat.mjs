// The HSV colour kernel of @glyphreel/shaders (hue_rotate, saturation), as WebAssembly text. `node wasm/build.mjs`
// compiles it into src/shaders/internal/simd/color-wasm.ts.
//
// The per-colour arithmetic is scalar f64 on purpose: it performs the operations of core's rgbToHsvInto followed by
// hsvToRgbInto in the same order as the JavaScript it replaced, so the bytes are identical. Speed comes from not
// doing it per pixel: a 16-pixel group of one colour (most of a glyph frame: background gradients, strokes) costs one
// cache look-up and three vector stores, and the pixels of other groups go through a direct-mapped colour cache.
// The per-pixel path has no branch on whether a pixel repeats its neighbour: at colour edges (~160K per glyph frame)
// that branch mispredicts, and measured it made the pass twice as slow as always looking up the cache.

/** Byte j of a 48-byte (16-pixel) rgb24 group is channel j mod 3 of its pixel: lanes of a splatted 0x00bbggrr word. */
const rgbPattern = (v) => Array.from({ length: 16 }, (_, j) => (16 * v + j) % 3).join(' ');

const CACHE_ENTRIES = 1 << 16;
/** Bytes of the cache: keys (packed input colour, −1 = empty) then values (packed output colour); hsv.ts allocates it. */
const CACHE_BYTES = 8 * CACHE_ENTRIES;

/** The output colour $o repeated over a 16-pixel group, as three vectors. */
function outPatterns() {
  const out = [];
  for (let v = 0; v < 3; v++) out.push(`(local.set $out${v} (i8x16.shuffle ${rgbPattern(v)} (local.get $s) (local.get $s)))`);
  return out.join('\n                ');
}

/**
 * The output for the packed colour in $P, into $o, from its cache slot ($a); a miss converts it with `fill` (a call
 * expression) and fills the slot.
 */
const cached = (fill) => `(local.set $a (i32.add (local.get $cache)
        (i32.shl (i32.shr_u (i32.mul (local.get $P) (i32.const 0x9e3779b1)) (i32.const 16)) (i32.const 2))))
      (local.set $o (if (result i32) (i32.eq (i32.load (local.get $a)) (local.get $P))
        (then (i32.load offset=${4 * CACHE_ENTRIES} (local.get $a)))
        (else ${fill})))`;

/**
 * One pixel at byte offset k from $p (written at offset k from $q): read as a word (the caller makes sure a byte
 * follows it), written as 2 + 1 bytes, since a 4-byte store would overlap the next pixel's load, which then cannot
 * be forwarded from the store and stalls (measured 3× slower).
 */
const pixel = (k, fill, q) => `(local.set $P (i32.and (i32.load offset=${k} (local.get $p)) (i32.const 0xffffff)))
      ${cached(fill)}
      (i32.store16 offset=${k} (local.get ${q}) (local.get $o))
      (i32.store8 offset=${k + 2} (local.get ${q}) (i32.shr_u (local.get $o) (i32.const 16)))`;

/**
 * The frame loop shared by the colour maps: npx rgb24 pixels read at $p, each replaced by `fill`'s output for its
 * packed colour through the cache, written at $q ($p itself for in-place kernels; a separate destination must not
 * overlap the source unless it is the same address). The cache (${CACHE_BYTES} bytes: ${CACHE_ENTRIES} keys, then their
 * values; slot by Fibonacci hashing of the packed colour) is emptied first when $reset ≠ 0, which the caller does
 * whenever the map's parameters differ from the call that filled it.
 */
function colourMap({ name, params, fill, q }) {
  const advance = q === '$p' ? '' : `\n      (local.set ${q} (i32.add (local.get ${q}) (i32.const 48)))`;
  const advance1 = q === '$p' ? '' : `\n      (local.set ${q} (i32.add (local.get ${q}) (i32.const 3)))`;
  return `(func (export "${name}") ${params}
    (local $end i32) (local $last i32) (local $P i32) (local $a i32) (local $o i32) (local $groupIn i32) (local $s v128)
    (local $in0 v128) (local $in1 v128) (local $in2 v128) (local $out0 v128) (local $out1 v128) (local $out2 v128)
    (if (i32.eqz (local.get $npx)) (then (return)))
    (if (local.get $reset) (then (memory.fill (local.get $cache) (i32.const 255) (i32.const ${4 * CACHE_ENTRIES}))))
    (local.set $end (i32.add (local.get $p) (i32.mul (local.get $npx) (i32.const 3))))
    (local.set $last (i32.sub (local.get $end) (i32.const 3)))
    (local.set $groupIn (i32.const -1))
    ;; 16-pixel groups while a byte follows the group (its pixels may be read as 4-byte words). A group is of one
    ;; colour when each byte equals the one 3 bytes on; the output vectors are rebuilt only when that colour changes.
    (block $done (loop $l
      (br_if $done (i32.gt_u (i32.add (local.get $p) (i32.const 48)) (local.get $last)))
      (local.set $in0 (v128.load (local.get $p)))
      (local.set $in1 (v128.load offset=16 (local.get $p)))
      (local.set $in2 (v128.load offset=32 (local.get $p)))
      (if (i8x16.all_true (v128.and
            (v128.and (i8x16.eq (local.get $in0) (v128.load offset=3 (local.get $p))) (i8x16.eq (local.get $in1) (v128.load offset=19 (local.get $p))))
            (i8x16.eq (v128.load offset=29 (local.get $p)) (local.get $in2))))
        (then
          (local.set $P (i32.and (i32x4.extract_lane 0 (local.get $in0)) (i32.const 0xffffff)))
          (if (i32.ne (local.get $P) (local.get $groupIn)) (then
            (local.set $groupIn (local.get $P))
            ${cached(fill)}
            (local.set $s (i32x4.splat (local.get $o)))
            ${outPatterns()}))
          (v128.store (local.get ${q}) (local.get $out0))
          (v128.store offset=16 (local.get ${q}) (local.get $out1))
          (v128.store offset=32 (local.get ${q}) (local.get $out2)))
        (else
          ${Array.from({ length: 16 }, (_, i) => pixel(3 * i, fill, q)).join('\n      ')}))
      (local.set $p (i32.add (local.get $p) (i32.const 48)))${advance}
      (br $l)))
    (block $done2 (loop $l2
      (br_if $done2 (i32.ge_u (local.get $p) (local.get $last)))
      ${pixel(0, fill, q)}
      (local.set $p (i32.add (local.get $p) (i32.const 3)))${advance1}
      (br $l2)))
    ;; the last pixel, read bytewise
    (local.set $P (i32.or (i32.load16_u (local.get $p)) (i32.shl (i32.load8_u offset=2 (local.get $p)) (i32.const 16))))
    ${cached(fill)}
    (i32.store16 (local.get ${q}) (local.get $o))
    (i32.store8 offset=2 (local.get ${q}) (i32.shr_u (local.get $o) (i32.const 16))))`;
}

export function wat() {
  return `(module
  (import "env" "memory" (memory 1 32768 shared))

  ;; The packed colour 0x00bbggrr with hue += dh (mod 1) and saturation ×= sf (clamped), exactly as
  ;; rgbToHsvInto → hsvToRgbInto compute it in JavaScript doubles.
  (func $hsv (param $P i32) (param $dh f64) (param $sf f64) (result i32)
    (local $r f64) (local $g f64) (local $b f64) (local $mx f64) (local $mn f64) (local $d f64)
    (local $h f64) (local $s f64) (local $v f64) (local $f f64) (local $k f64)
    (local $pp f64) (local $q f64) (local $t f64) (local $rr f64) (local $gg f64) (local $bb f64)
    (local.set $r (f64.div (f64.convert_i32_u (i32.and (local.get $P) (i32.const 255))) (f64.const 255)))
    (local.set $g (f64.div (f64.convert_i32_u (i32.and (i32.shr_u (local.get $P) (i32.const 8)) (i32.const 255))) (f64.const 255)))
    (local.set $b (f64.div (f64.convert_i32_u (i32.shr_u (local.get $P) (i32.const 16))) (f64.const 255)))
    ;; mx = r > g ? (r > b ? r : b) : g > b ? g : b, and mn likewise with <
    (local.set $mx (if (result f64) (f64.gt (local.get $r) (local.get $g))
      (then (select (local.get $r) (local.get $b) (f64.gt (local.get $r) (local.get $b))))
      (else (select (local.get $g) (local.get $b) (f64.gt (local.get $g) (local.get $b))))))
    (local.set $mn (if (result f64) (f64.lt (local.get $r) (local.get $g))
      (then (select (local.get $r) (local.get $b) (f64.lt (local.get $r) (local.get $b))))
      (else (select (local.get $g) (local.get $b) (f64.lt (local.get $g) (local.get $b))))))
    (local.set $d (f64.sub (local.get $mx) (local.get $mn)))
    (if (f64.gt (local.get $d) (f64.const 1e-10)) (then
      (if (f64.eq (local.get $mx) (local.get $r))
        ;; JavaScript has ((g − b)/d) % 6 here; |g − b| ≤ d holds after rounding too (rounded subtraction is
        ;; monotonic), so the quotient is within [−1, 1] and % 6 returns it unchanged.
        (then (local.set $h (f64.div (f64.sub (local.get $g) (local.get $b)) (local.get $d))))
        (else (if (f64.eq (local.get $mx) (local.get $g))
          (then (local.set $h (f64.add (f64.div (f64.sub (local.get $b) (local.get $r)) (local.get $d)) (f64.const 2))))
          (else (local.set $h (f64.add (f64.div (f64.sub (local.get $r) (local.get $g)) (local.get $d)) (f64.const 4)))))))
      (local.set $h (f64.div (local.get $h) (f64.const 6)))
      (if (f64.lt (local.get $h) (f64.const 0)) (then (local.set $h (f64.add (local.get $h) (f64.const 1)))))))
    (if (f64.ge (local.get $h) (f64.const 1)) (then (local.set $h (f64.const 0))))
    (local.set $s (select (f64.div (local.get $d) (local.get $mx)) (f64.const 0) (f64.gt (local.get $mx) (f64.const 1e-10))))
    (local.set $v (local.get $mx))
    ;; the adjustment, then hsvToRgbInto: wrap01, clamp01, six sectors, trunc(c·255)
    (local.set $h (f64.add (local.get $h) (local.get $dh)))
    (local.set $h (f64.sub (local.get $h) (f64.floor (local.get $h))))
    (if (f64.ge (local.get $h) (f64.const 1)) (then (local.set $h (f64.const 0))))
    (local.set $s (f64.mul (local.get $s) (local.get $sf)))
    (local.set $s (if (result f64) (f64.lt (local.get $s) (f64.const 0))
      (then (f64.const 0))
      (else (select (f64.const 1) (local.get $s) (f64.gt (local.get $s) (f64.const 1))))))
    (local.set $h (f64.mul (local.get $h) (f64.const 6)))
    (local.set $k (f64.floor (local.get $h)))
    (local.set $f (f64.sub (local.get $h) (local.get $k)))
    (local.set $pp (f64.mul (local.get $v) (f64.sub (f64.const 1) (local.get $s))))
    (local.set $q (f64.mul (local.get $v) (f64.sub (f64.const 1) (f64.mul (local.get $s) (local.get $f)))))
    (local.set $t (f64.mul (local.get $v) (f64.sub (f64.const 1) (f64.mul (local.get $s) (f64.sub (f64.const 1) (local.get $f))))))
    ;; switch (k): a NaN k (infinite dh, NaN sf) takes the default sector, as in JavaScript
    (block $sw (block $k5 (block $k4 (block $k3 (block $k2 (block $k1 (block $k0
      (br_table $k0 $k1 $k2 $k3 $k4 $k5
        (select (i32.trunc_sat_f64_s (local.get $k)) (i32.const 5) (f64.eq (local.get $k) (local.get $k)))))
      (local.set $rr (local.get $v)) (local.set $gg (local.get $t)) (local.set $bb (local.get $pp)) (br $sw))
      (local.set $rr (local.get $q)) (local.set $gg (local.get $v)) (local.set $bb (local.get $pp)) (br $sw))
      (local.set $rr (local.get $pp)) (local.set $gg (local.get $v)) (local.set $bb (local.get $t)) (br $sw))
      (local.set $rr (local.get $pp)) (local.set $gg (local.get $q)) (local.set $bb (local.get $v)) (br $sw))
      (local.set $rr (local.get $t)) (local.set $gg (local.get $pp)) (local.set $bb (local.get $v)) (br $sw))
      (local.set $rr (local.get $v)) (local.set $gg (local.get $pp)) (local.set $bb (local.get $q)))
    ;; (c·255) | 0: every c is in [0, 1] or NaN, where truncation with NaN → 0 is JavaScript's ToInt32
    (i32.or (i32.trunc_sat_f64_s (f64.mul (local.get $rr) (f64.const 255)))
      (i32.or (i32.shl (i32.trunc_sat_f64_s (f64.mul (local.get $gg) (f64.const 255))) (i32.const 8))
        (i32.shl (i32.trunc_sat_f64_s (f64.mul (local.get $bb) (f64.const 255))) (i32.const 16)))))

  ;; Converts P and stores it in the cache slot at $a (key there, value ${4 * CACHE_ENTRIES} bytes on).
  (func $fill (param $P i32) (param $a i32) (param $dh f64) (param $sf f64) (result i32)
    (local $out i32)
    (local.set $out (call $hsv (local.get $P) (local.get $dh) (local.get $sf)))
    (i32.store (local.get $a) (local.get $P))
    (i32.store offset=${4 * CACHE_ENTRIES} (local.get $a) (local.get $out))
    (local.get $out))

  ;; The FeedbackBuffer's hue shift of one packed colour 0x00bbggrr whose channel bytes map to the values of the
  ;; 256-double table at $tab (byte units: the decayed buffer, unquantized or through u8), exactly as
  ;; buffer.ts's JavaScript computed it in doubles: black at max ≤ 1e−8, grey (truncated max + 1e−6) at
  ;; chroma ≤ 1e−8, else h + dh wrapped to [0, 1), s = d/max, v = max + 1e−6 through the six sectors, truncated.
  ;; This is not $hsv with other inputs: the reference's thresholds, its unwrapped negative hue and the guard on v
  ;; round differently, and the shader is defined by its bytes.
  (func $hue_shift (param $P i32) (param $tab i32) (param $dh f64) (result i32)
    (local $r f64) (local $g f64) (local $b f64) (local $mx f64) (local $mn f64) (local $d f64)
    (local $h f64) (local $s f64) (local $v f64) (local $f f64) (local $k f64)
    (local $pp f64) (local $q f64) (local $t f64) (local $rr f64) (local $gg f64) (local $bb f64) (local $sec i32)
    (local.set $r (f64.load (i32.add (local.get $tab) (i32.shl (i32.and (local.get $P) (i32.const 255)) (i32.const 3)))))
    (local.set $g (f64.load (i32.add (local.get $tab) (i32.shl (i32.and (i32.shr_u (local.get $P) (i32.const 8)) (i32.const 255)) (i32.const 3)))))
    (local.set $b (f64.load (i32.add (local.get $tab) (i32.shl (i32.shr_u (local.get $P) (i32.const 16)) (i32.const 3)))))
    ;; The conversion misses the cache for each new colour, in no predictable order, so its choices are selects, not
    ;; branches (mispredicted branches made a miss about twice as slow). max/min equal the reference's ternaries on
    ;; these values (finite, never −0).
    (local.set $mx (f64.max (f64.max (local.get $r) (local.get $g)) (local.get $b)))
    (if (f64.le (local.get $mx) (f64.const 1e-8)) (then (return (i32.const 0))))
    (local.set $mn (f64.min (f64.min (local.get $r) (local.get $g)) (local.get $b)))
    (local.set $d (f64.sub (local.get $mx) (local.get $mn)))
    (if (f64.le (local.get $d) (f64.const 1e-8)) (then
      (return (i32.mul (i32.trunc_sat_f64_s (f64.add (local.get $mx) (f64.const 1e-6))) (i32.const 0x010101)))))
    ;; ((g − b)/d) % 6 when the max is r (the quotient is within [−1, 1], see $hsv, so % 6 returns it), (b − r)/d + 2
    ;; when it is g, else (r − g)/d + 4. The r case adds 0 here, which only turns a −0 into +0: h + dh is the same.
    (local.set $h (f64.add
      (f64.div
        (select (f64.sub (local.get $g) (local.get $b))
          (select (f64.sub (local.get $b) (local.get $r)) (f64.sub (local.get $r) (local.get $g)) (f64.eq (local.get $mx) (local.get $g)))
          (f64.eq (local.get $mx) (local.get $r)))
        (local.get $d))
      (select (f64.const 0)
        (select (f64.const 2) (f64.const 4) (f64.eq (local.get $mx) (local.get $g)))
        (f64.eq (local.get $mx) (local.get $r)))))
    (local.set $h (f64.add (f64.div (local.get $h) (f64.const 6)) (local.get $dh)))
    (local.set $h (f64.sub (local.get $h) (f64.floor (local.get $h))))
    (local.set $h (select (f64.const 0) (local.get $h) (f64.ge (local.get $h) (f64.const 1))))
    (local.set $h (f64.mul (local.get $h) (f64.const 6)))
    (local.set $s (f64.div (local.get $d) (local.get $mx)))
    (local.set $k (f64.floor (local.get $h)))
    (local.set $f (f64.sub (local.get $h) (local.get $k)))
    (local.set $v (f64.add (local.get $mx) (f64.const 1e-6)))
    (local.set $pp (f64.mul (local.get $v) (f64.sub (f64.const 1) (local.get $s))))
    (local.set $q (f64.mul (local.get $v) (f64.sub (f64.const 1) (f64.mul (local.get $s) (local.get $f)))))
    (local.set $t (f64.mul (local.get $v) (f64.sub (f64.const 1) (f64.mul (local.get $s) (f64.sub (f64.const 1) (local.get $f))))))
    ;; The six sectors (h is in [0, 6): a finite dh is all the caller passes): R = v, q, p, p, t, v; G = t, v, v, q,
    ;; p, p; B = p, p, t, v, v, q. Sector 5 is also the reference's default.
    (local.set $sec (i32.trunc_sat_f64_s (local.get $k)))
    (local.set $rr (select (local.get $v)
      (select (local.get $q) (select (local.get $pp) (local.get $t) (i32.lt_s (local.get $sec) (i32.const 4))) (i32.eq (local.get $sec) (i32.const 1)))
      (i32.or (i32.eqz (local.get $sec)) (i32.ge_s (local.get $sec) (i32.const 5)))))
    (local.set $gg (select (local.get $t)
      (select (local.get $v) (select (local.get $q) (local.get $pp) (i32.eq (local.get $sec) (i32.const 3))) (i32.lt_s (local.get $sec) (i32.const 3)))
      (i32.eqz (local.get $sec))))
    (local.set $bb (select (local.get $pp)
      (select (local.get $t) (select (local.get $v) (local.get $q) (i32.lt_s (local.get $sec) (i32.const 5))) (i32.eq (local.get $sec) (i32.const 2)))
      (i32.lt_s (local.get $sec) (i32.const 2))))
    ;; a byte store of a double in [0, 256) truncates it
    (i32.or (i32.trunc_sat_f64_s (local.get $rr))
      (i32.or (i32.shl (i32.trunc_sat_f64_s (local.get $gg)) (i32.const 8))
        (i32.shl (i32.trunc_sat_f64_s (local.get $bb)) (i32.const 16)))))

  (func $fill_shift (param $P i32) (param $a i32) (param $tab i32) (param $dh f64) (result i32)
    (local $out i32)
    (local.set $out (call $hue_shift (local.get $P) (local.get $tab) (local.get $dh)))
    (i32.store (local.get $a) (local.get $P))
    (i32.store offset=${4 * CACHE_ENTRIES} (local.get $a) (local.get $out))
    (local.get $out))

  ;; The FeedbackBuffer's hue shift of npx pixels from p to q (the same address or not overlapping).
  ${colourMap({
    name: 'hue_shift_levels',
    params: '(param $p i32) (param $q i32) (param $npx i32) (param $tab i32) (param $dh f64) (param $cache i32) (param $reset i32)',
    fill: '(call $fill_shift (local.get $P) (local.get $a) (local.get $tab) (local.get $dh))',
    q: '$q',
  })}

  ;; In-place HSV adjustment of npx rgb24 pixels at p.
  ${colourMap({
    name: 'adjust_hsv',
    params: '(param $p i32) (param $npx i32) (param $dh f64) (param $sf f64) (param $cache i32) (param $reset i32)',
    fill: '(call $fill (local.get $P) (local.get $a) (local.get $dh) (local.get $sf))',
    q: '$p',
  })}
)
`;
}
