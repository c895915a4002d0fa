import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { AUDIO_FEATURES } from '@glyphreel/core';
import { analysisGeometry, analyzeAudio, AUDIO_BANDS, beatDecay, detectBeats, frameCountFor, rawAudioFeatures, refineToOnsets } from './analyze.js';

const SR = 22050;

function sine(freq: number, seconds: number, amp = 0.5): Float32Array {
  const out = new Float32Array(Math.round(SR * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amp * Math.sin((2 * Math.PI * freq * i) / SR);
  return out;
}

/** 10 ms bursts of 1 kHz at the given times, silence elsewhere. */
function clicks(seconds: number, times: number[]): Float32Array {
  const out = new Float32Array(Math.round(SR * seconds));
  for (const t of times) {
    const s = Math.round(t * SR);
    for (let j = 0; j < 0.01 * SR && s + j < out.length; j++) out[s + j] = 0.9 * Math.sin((2 * Math.PI * 1000 * j) / SR);
  }
  return out;
}

/** xorshift32 white noise in [−0.5, 0.5). */
function noise(seconds: number, seed = 7): Float32Array {
  const out = new Float32Array(Math.round(SR * seconds));
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

const beatFrames = (b: Float32Array) => [...b].flatMap((v, i) => (v === 1 ? [i] : []));
const argmax = (xs: number[]) => xs.reduce((best, v, i) => (v > (xs[best] as number) ? i : best), 0);

describe('analysis geometry', () => {
  it('hop = floor(sr/fps), window = FFT length = 2·hop, not a power of two', () => {
    expect(analysisGeometry(SR, 24)).toEqual({ sampleRate: SR, fps: 24, hop: 918, window: 1836, bins: 919 });
    expect(analysisGeometry(SR, 15).window).toBe(2940);
    expect(analysisGeometry(SR, 12).hop).toBe(1837);
    expect(analysisGeometry(SR, 29.97).hop).toBe(735);
    expect(() => analysisGeometry(SR, 0)).toThrow('fps must be > 0, got 0');
    expect(() => analysisGeometry(SR, 30000)).toThrow('fps 30000 is above the sample rate 22050');
  });

  it('frames = round(duration · fps) unless given', () => {
    expect(frameCountFor(8 * SR, SR, 24)).toBe(192);
    expect(frameCountFor(SR + 459, SR, 24)).toBe(24); // 24.4996 frames
    expect(frameCountFor(SR + 460, SR, 24)).toBe(25); // 24.5007 frames
    expect(analyzeAudio(sine(440, 1), { sampleRate: SR, fps: 24 }).frames).toBe(24);
    expect(analyzeAudio(sine(440, 1), { sampleRate: SR, fps: 24, frames: 30 }).frames).toBe(30);
    expect(() => analyzeAudio(sine(440, 1), { sampleRate: SR, fps: 24, frames: 2.5 })).toThrow('frames must be a whole number');
  });
});

describe('analyzeAudio', () => {
  it('returns the 19 features in AUDIO_FEATURES order, every value finite and in [0, 1]', () => {
    const table = analyzeAudio(noise(3), { sampleRate: SR, fps: 24 });
    expect(table.names).toEqual(AUDIO_FEATURES);
    expect(table.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(table.data.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    // normalization stretches each continuous feature over the whole track
    for (const name of ['rms', 'bass', 'cent', 'flat', 'flux']) {
      const s = table.series(name);
      expect(Math.min(...s)).toBe(0);
      expect(Math.max(...s)).toBeGreaterThan(0.999);
    }
  });

  it('finds every click of a 120 BPM click track on its own frame at 24 fps, and nothing else', () => {
    const times = Array.from({ length: 16 }, (_, k) => 0.25 + 0.5 * k);
    const table = analyzeAudio(clicks(8, times), { sampleRate: SR, fps: 24 });
    const beats = beatFrames(table.series('beat'));
    expect(beats).toHaveLength(times.length);
    beats.forEach((b, k) => expect(Math.abs(b - (times[k] as number) * 24)).toBeLessThanOrEqual(1));
    const bdecay = table.series('bdecay');
    expect(bdecay[beats[0] as number]).toBe(1);
    expect(bdecay[(beats[0] as number) + 1]).toBeCloseTo(Math.exp(-2.5 / 12), 6);
    expect(bdecay[(beats[0] as number) + 11]).toBeCloseTo(Math.exp((-2.5 * 11) / 12), 6);
    expect(Array.from(bdecay.subarray(0, beats[0] as number))).toEqual(new Array(beats[0]).fill(0));
  });

  it('does not drift: a click at 99.5 s is still found on its frame (windows centred on round(i·sr/fps), not i·hop)', () => {
    const times = [10, 50, 99.5];
    const table = analyzeAudio(clicks(100, times), { sampleRate: SR, fps: 24 });
    expect(table.frames).toBe(2400);
    const beats = beatFrames(table.series('beat'));
    // windows centred on i·hop would have drifted 99.5·24·0.75 samples ≈ 2 frames by the last click
    expect(beats).toEqual(times.map((t) => Math.round(t * 24)));
  });

  it.each([
    [50, 'sub'],
    [150, 'bass'],
    [400, 'lomid'],
    [1000, 'mid'],
    [4000, 'himid'],
    [8000, 'hi'],
  ])('a %i Hz sine lights up %s: its band ratio is the largest', (freq, band) => {
    const raw = rawAudioFeatures(sine(freq as number, 2), { sampleRate: SR, fps: 24 });
    const bands = raw.bands.map((b) => b[24] as number);
    const total = bands.reduce((a, b) => a + b, 0);
    expect(AUDIO_BANDS[argmax(bands)]?.name).toBe(band);
    expect((bands[argmax(bands)] as number) / total).toBeGreaterThan(0.9);
    expect(raw.cent[24]).toBeGreaterThan((freq as number) * 0.95);
    expect(raw.cent[24]).toBeLessThan((freq as number) * 1.15);
  });

  it('normalized band ratios follow a sequence of sines section by section', () => {
    const freqs = [50, 150, 400, 1000, 4000, 8000];
    const sections = freqs.map((f) => sine(f, 2));
    const track = new Float32Array(sections.reduce((n, s) => n + s.length, 0));
    sections.forEach((s, k) => track.set(s, k * s.length));
    const table = analyzeAudio(track, { sampleRate: SR, fps: 24 });
    freqs.forEach((_, k) => {
      const frame = k * 48 + 40; // late in each 2 s section, once the slow EMA has settled
      const ratios = AUDIO_BANDS.map((b) => table.series(`${b.name}_r`)[frame] as number);
      expect(argmax(ratios)).toBe(k);
    });
  });

  it('white noise is flat, a sine is not', () => {
    const n = rawAudioFeatures(noise(2), { sampleRate: SR, fps: 24 });
    const s = rawAudioFeatures(sine(1000, 2), { sampleRate: SR, fps: 24 });
    expect(n.flat[24]).toBeGreaterThan(0.5);
    expect(s.flat[24]).toBeLessThan(0.01);
    expect(n.flat[24]).toBeLessThanOrEqual(1);
  });

  it('silence gives finite all-zero features and no beats', () => {
    const table = analyzeAudio(new Float32Array(SR * 3), { sampleRate: SR, fps: 24 });
    expect(table.frames).toBe(72);
    expect(table.data.every((v) => v === 0)).toBe(true);
  });

  it('constant (DC) audio gives finite features and no beats', () => {
    const table = analyzeAudio(new Float32Array(SR * 3).fill(0.5), { sampleRate: SR, fps: 24 });
    expect(table.data.every(Number.isFinite)).toBe(true);
    expect(beatFrames(table.series('beat'))).toEqual([]);
    const raw = rawAudioFeatures(new Float32Array(SR * 3).fill(0.5), { sampleRate: SR, fps: 24 });
    expect(raw.rms[36]).toBeCloseTo(0.5, 6);
    expect(raw.cent[36]).toBeLessThan(30); // the energy sits in the DC bin and its Hann neighbour
  });

  it('measures rms from the raw chunk and leaves flux 0 on frame 0', () => {
    const raw = rawAudioFeatures(sine(1000, 2, 0.8), { sampleRate: SR, fps: 24 });
    expect(raw.rms[24]).toBeCloseTo(0.8 / Math.SQRT2, 2);
    expect(raw.rms[0]).toBeCloseTo(0.8 / 2, 2); // half the centred window precedes the track (zeros)
    expect(raw.flux[0]).toBe(0);
    expect(raw.flux[1]).toBeGreaterThan(0); // the second half of the window fills in
  });

  it('cent_d peaks where the centroid jumps', () => {
    const track = new Float32Array(SR * 4);
    track.set(sine(200, 2));
    track.set(sine(4000, 2), SR * 2);
    const cd = [...analyzeAudio(track, { sampleRate: SR, fps: 24 }).series('cent_d')];
    const peak = argmax(cd);
    expect(peak).toBeGreaterThanOrEqual(47);
    expect(peak).toBeLessThanOrEqual(50);
    expect(cd[40]).toBeLessThan(0.01);
    expect(cd[90]).toBeLessThan(0.05);
  });
});

describe('beats and bdecay', () => {
  it('bdecay is e^(−2.5·d/⌊fps/2⌋) for ⌊fps/2⌋ frames and overlapping pulses take the max', () => {
    const out = beatDecay([2, 6], 20, 10); // span 5
    expect(out[0]).toBe(0);
    expect(out[2]).toBe(1);
    expect(out[3]).toBeCloseTo(Math.exp(-0.5), 6);
    expect(out[5]).toBeCloseTo(Math.exp(-1.5), 6);
    expect(out[6]).toBe(1);
    expect(out[10]).toBeCloseTo(Math.exp(-2), 6);
    expect(out[11]).toBe(0);
    expect(Array.from(beatDecay([0], 3, 1))).toEqual([1, 0, 0]); // fps < 2 still marks the beat frame
  });

  it('beat picking smooths the raw flux, normalizes it, then applies height 0.15 / distance ⌊fps/5⌋ / prominence 0.05', () => {
    const flux = new Float64Array(40);
    flux[10] = 1;
    flux[12] = 0.9; // merges with 10 under the 5-tap average: one beat, picked at 11, moved to the onset at 10
    flux[25] = 0.5;
    flux[33] = 0.05; // below the height after normalization
    expect(Array.from(detectBeats(flux, 24))).toEqual([10, 25]);
  });

  it('moves each picked beat to the largest raw flux within two frames, keeping the minimum distance', () => {
    const flux = [0, 0, 0.2, 0.3, 1, 0.1, 0, 0, 0, 0.5, 0, 0.6];
    expect(Array.from(refineToOnsets(Int32Array.from([3, 10]), flux, 4))).toEqual([4, 11]);
    // Two picks that move onto one onset (or closer than the distance) become one beat.
    expect(Array.from(refineToOnsets(Int32Array.from([3, 6]), [0, 0, 0.2, 0.3, 1, 0.8, 0.1, 0, 0], 4))).toEqual([4]);
  });
});

describe('parity with NumPy/SciPy', () => {
  /** The integer-only signal of fixtures/numpy-reference.py, rebuilt bit for bit. */
  function referenceSignal(): Float32Array {
    const n = SR * 4;
    const out = new Float32Array(n);
    let s = 1;
    for (let i = 0; i < n; i++) {
      s = (s * 75 + 74) % 65537;
      const noise = (s % 2001) - 1000;
      const period = i < n / 2 ? 100 : 10;
      const tone = i % period < period / 2 ? 3000 : -3000;
      const j = (i - 5512) % 11025;
      const click = i >= 5512 && j < 220 ? (Math.floor(j / 5) % 2 === 0 ? 12000 : -12000) : 0;
      out[i] = Math.max(-32768, Math.min(32767, noise + tone + click)) / 32768;
    }
    return out;
  }

  it('every feature matches the NumPy rfft / SciPy find_peaks reference to float32 precision, beats exactly', () => {
    const ref = JSON.parse(readFileSync(new URL('./fixtures/numpy-reference.json', import.meta.url), 'utf8')) as {
      frames: number;
      features: Record<string, number[]>;
    };
    const table = analyzeAudio(referenceSignal(), { sampleRate: SR, fps: 24 });
    expect(table.frames).toBe(ref.frames);
    for (const name of AUDIO_FEATURES) {
      if (name === 'beat' || name === 'bdecay') continue; // checked below, after onset refinement
      const want = ref.features[name] as number[];
      const got = table.series(name);
      let worst = 0;
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs((got[i] as number) - (want[i] as number)));
      expect([name, worst < 1e-6]).toEqual([name, true]);
    }
    // SciPy's find_peaks picks on the smoothed flux (the fixture); our beats are those picks moved to the onset.
    const beats = beatFrames(table.series('beat'));
    const scipyPicks = Int32Array.from(beatFrames(Float32Array.from(ref.features.beat as number[])));
    const raw = rawAudioFeatures(referenceSignal(), { sampleRate: SR, fps: 24 });
    expect(beats).toEqual(Array.from(refineToOnsets(scipyPicks, raw.flux, Math.floor(24 / 5))));
    expect(beats).toHaveLength(8);
  });
});
