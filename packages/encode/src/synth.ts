import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { atomicOutput } from './atomic.js';
import { ffmpegPathOf, type FfmpegLike } from './discover.js';
import { runFfmpeg } from './run.js';

export interface SynthOptions {
  ffmpeg: FfmpegLike;
  durationS: number;
  /** Default 120. */
  bpm?: number;
  /** Default 44100. */
  sampleRate?: number;
  signal?: AbortSignal;
}

export interface SynthResult {
  path: string;
  /** Beat onsets in seconds (the first sample at or after each k·60/bpm). */
  beatsS: number[];
  samples: number;
}

function checkSynth(o: SynthOptions): { bpm: number; sr: number } {
  const bpm = o.bpm ?? 120;
  const sr = o.sampleRate ?? 44100;
  if (!(o.durationS > 0 && o.durationS <= 3600)) throw new GlyphreelError('E_USAGE', `audio duration ${o.durationS} s is invalid`, { hint: 'use 0 < duration ≤ 3600 s' });
  if (!(bpm >= 20 && bpm <= 400)) throw new GlyphreelError('E_USAGE', `bpm ${bpm} is invalid`, { hint: 'use 20–400' });
  if (!(Number.isInteger(sr) && sr >= 8000 && sr <= 192000)) throw new GlyphreelError('E_USAGE', `sample rate ${sr} is invalid`, { hint: 'use e.g. 44100 or 48000' });
  return { bpm, sr };
}

function beats(durationS: number, bpm: number, sr: number): number[] {
  const period = (sr * 60) / bpm;
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const n = Math.max(0, Math.ceil(k * period - 1e-9));
    if (n >= Math.round(durationS * sr)) break;
    out.push(n / sr);
  }
  return out;
}

/** Codec from the extension: wav → 16-bit PCM (bit-exact, deterministic); others let ffmpeg choose. */
function codecArgs(file: string): string[] {
  return path.extname(file).toLowerCase() === '.wav' ? ['-c:a', 'pcm_s16le'] : [];
}

async function render(file: string, expr: string, o: SynthOptions, sr: number, what: string): Promise<number> {
  const bin = ffmpegPathOf(o.ffmpeg);
  const samples = Math.round(o.durationS * sr);
  const out = await atomicOutput(file);
  // Beats are placed by sample index n, not by t, so onsets land on exact samples whatever the float rounding.
  await out.write(() =>
    runFfmpeg(
      bin,
      ['-nostats', '-y', '-f', 'lavfi', '-i', `aevalsrc=exprs='${expr}':s=${sr}:c=mono`, '-af', `atrim=end_sample=${samples}`, ...codecArgs(file), '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact', out.tempPath],
      { what, ...(o.signal ? { signal: o.signal } : {}) },
    ),
  );
  return samples;
}

/**
 * A short musical test track for `glyphreel render --demo` and tests: a pitched-down kick on every beat, noise hats on
 * the off-beats, a bass line moving through a four-bar progression (i–iv–v–III) that ducks under the kick, a pad an
 * octave and a fifth above it, and a faint high shimmer, so every analysis band has content and beats are obvious.
 * Deterministic: the same options give the same bytes (wav).
 */
export async function synthesizeAudio(file: string, o: SynthOptions): Promise<SynthResult> {
  const { bpm, sr } = checkSynth(o);
  const B = (sr * 60) / bpm;
  const ph = `(mod(n,${B})/${sr})`;
  const off = `(mod(n+${B / 2},${B})/${sr})`;
  const bar = `mod(floor(n/${4 * B}),4)`;
  const semis = `if(eq(${bar},0),0,if(eq(${bar},1),5,if(eq(${bar},2),7,3)))`;
  const f = `(55*pow(2,${semis}/12))`;
  const expr = [
    `0.6*exp(-${ph}*18)*sin(2*PI*(50*${ph}+90/35*(1-exp(-35*${ph}))))`,
    `0.12*exp(-${off}*60)*(2*random(0)-1)`,
    `0.2*(1-0.8*exp(-${ph}*10))*sin(2*PI*${f}*t)`,
    `0.05*sin(2*PI*${f}*4*t)+0.04*sin(2*PI*${f}*6*t)`,
    `0.015*sin(2*PI*3520*t)*(0.5+0.5*sin(2*PI*t/${(4 * 60) / bpm}))`,
  ].join('+');
  const samples = await render(file, expr, o, sr, `synthesizing test audio ${path.resolve(file)}`);
  return { path: path.resolve(file), beatsS: beats(o.durationS, bpm, sr), samples };
}

/**
 * A click track: a 10 ms 1 kHz burst (cosine, so its first sample is at full level) starting on the first sample at or after every beat (k·60/bpm), silence
 * elsewhere. For testing beat detection and audio/video sync.
 */
export async function clickTrack(file: string, o: SynthOptions): Promise<SynthResult> {
  const { bpm, sr } = checkSynth(o);
  const B = (sr * 60) / bpm;
  const w = Math.round(sr * 0.01);
  const expr = `if(lt(mod(n,${B}),${w}),0.9*(1-mod(n,${B})/${w})*cos(2*PI*1000*mod(n,${B})/${sr}),0)`;
  const samples = await render(file, expr, o, sr, `synthesizing a click track ${path.resolve(file)}`);
  return { path: path.resolve(file), beatsS: beats(o.durationS, bpm, sr), samples };
}
