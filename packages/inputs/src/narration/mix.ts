import { GlyphreelError } from '@glyphreel/core';
import { atomicOutput, probe, runFfmpeg } from '@glyphreel/encode';

/** A voice clip on the timeline; without `atS` it is placed automatically (catalog 5.5, build_tts_track). */
export interface NarrationClip {
  file: string;
  atS?: number;
}

export interface MixOptions {
  ffmpegPath: string;
  clips: readonly NarrationClip[];
  /** Background music (optional: narration alone is fine). */
  music?: string;
  /** Length of the result; default: the music's, else the end of the last clip plus the outro pad. */
  durationS?: number;
  output: string;
  /** Music level under the voice (catalog: 0.15). */
  musicVolume?: number;
  /** Silence before the first and after the last automatically placed clip (catalog: 5 s and 4 s). */
  introPadS?: number;
  outroPadS?: number;
  signal?: AbortSignal;
}

export interface PlacedClip {
  file: string;
  startS: number;
  endS: number;
}

export interface MixResult {
  output: string;
  durationS: number;
  clips: PlacedClip[];
}

/** How far a clip may run past the end before it is an error (below one frame at 24 fps). */
const OVERRUN_SLACK_S = 0.03;

async function lengthOf(file: string, ffmpegPath: string, what: string): Promise<number> {
  let p;
  try {
    p = await probe(file, { ffmpeg: ffmpegPath });
  } catch (e) {
    throw new GlyphreelError('E_INPUT', `Cannot read ${what} ${file}: ${(e as Error).message.split('\n')[0]}`, { hint: 'check that ffmpeg can play it' });
  }
  const d = p.audioDurationS ?? (p.hasAudio ? p.durationS : undefined);
  if (!p.hasAudio || !d || !(d > 0)) throw new GlyphreelError('E_INPUT', `${what} ${file} has no audio`, { hint: 'pass an audio file' });
  return d;
}

/**
 * Places narration clips and mixes them over the music (catalog 5.5 `build_tts_track` + `mix_audio`): clips without
 * a time are spread with a gap of max(1, (duration − speech − intro − outro)/(n − 1)) after a 5 s intro; voices are
 * centred in stereo at 44.1 kHz; the music is loudness-normalized (I −16, TP −1.5, LRA 11), turned down to 0.15 and
 * widened; everything is summed (amix) and cut or padded to exactly the duration, written atomically as s16 stereo
 * WAV. The visuals then analyse this mix, so they react to speech and music.
 */
export async function mixNarration(o: MixOptions): Promise<MixResult> {
  if (o.clips.length === 0) throw new GlyphreelError('E_USAGE', 'mixNarration needs at least one clip');
  const lengths = await Promise.all(o.clips.map((c) => lengthOf(c.file, o.ffmpegPath, 'narration clip')));
  const musicS = o.music ? await lengthOf(o.music, o.ffmpegPath, 'music') : undefined;
  const intro = o.introPadS ?? 5;
  const outro = o.outroPadS ?? 4;
  const speech = lengths.reduce((a, b) => a + b, 0);
  const durationS = o.durationS ?? musicS ?? intro + speech + Math.max(0, o.clips.length - 1) + outro;
  if (!(durationS > 0)) throw new GlyphreelError('E_USAGE', `narration mix duration must be > 0, got ${durationS}`);
  const gap = Math.max(1, (durationS - speech - intro - outro) / Math.max(1, o.clips.length - 1));
  let cursor = intro;
  const placed: PlacedClip[] = o.clips.map((c, i) => {
    const start = c.atS ?? cursor;
    if (!(start >= 0)) throw new GlyphreelError('E_USAGE', `narration clip ${c.file}: start ${start} s must be >= 0`);
    cursor = start + (lengths[i] as number) + gap;
    return { file: c.file, startS: start, endS: start + (lengths[i] as number) };
  });
  for (const p of placed) {
    if (p.startS >= durationS) {
      throw new GlyphreelError('E_USAGE', `narration clip ${p.file} starts at ${p.startS.toFixed(2)} s, after the end (${durationS.toFixed(2)} s)`, {
        hint: 'give fewer or shorter clips, or earlier times',
      });
    }
    // Reported like a late start rather than cut silently: losing the end of a sentence is never what was meant.
    // The slack absorbs container duration rounding (an MP3's length is known to a frame, ~26 ms).
    if (p.endS > durationS + OVERRUN_SLACK_S) {
      throw new GlyphreelError(
        'E_USAGE',
        `narration clip ${p.file} runs from ${p.startS.toFixed(2)} to ${p.endS.toFixed(2)} s, past the end (${durationS.toFixed(2)} s): its last ${(p.endS - durationS).toFixed(2)} s would be cut`,
        { hint: 'start it earlier, shorten it, or use a longer song or duration' },
      );
    }
  }
  const inputs: string[] = [];
  const chains: string[] = [];
  const labels: string[] = [];
  placed.forEach((p, i) => {
    inputs.push('-i', p.file);
    const ms = Math.round(p.startS * 1000);
    chains.push(`[${i}:a]aformat=channel_layouts=mono,aresample=44100,pan=stereo|c0=c0|c1=c0,adelay=${ms}|${ms},apad[v${i}]`);
    labels.push(`[v${i}]`);
  });
  if (o.music) {
    const k = placed.length;
    inputs.push('-i', o.music);
    // loudnorm works at 192 kHz internally: resample back before mixing.
    chains.push(`[${k}:a]aresample=44100,aformat=channel_layouts=stereo,loudnorm=I=-16:TP=-1.5:LRA=11,aresample=44100,volume=${o.musicVolume ?? 0.15},extrastereo=m=2.5,apad[m]`);
    labels.push('[m]');
  }
  // amix divides by the number of inputs still playing, so when one ended the others grew louder (music +9.5 dB
  // after the last clip). Every input therefore ends in an endless apad: none ever ends, the divisor stays n and
  // volume=n restores unit gain (this 2018 ffmpeg has no amix normalize=0). The output `-t` cuts the endless sum to
  // the exact length (an atrim after apad never ends here).
  const n = labels.length;
  const graph = [...chains, `${labels.join('')}amix=inputs=${n}:duration=longest,volume=${n}[out]`].join(';');
  const out = await atomicOutput(o.output);
  try {
    await runFfmpeg(o.ffmpegPath, ['-y', ...inputs, '-filter_complex', graph, '-map', '[out]', '-t', durationS.toFixed(6), '-ar', '44100', '-ac', '2', '-c:a', 'pcm_s16le', '-f', 'wav', out.tempPath], {
      what: 'mixing narration',
      ...(o.signal ? { signal: o.signal } : {}),
    });
    await out.commit();
  } catch (e) {
    await out.discard();
    throw e;
  }
  return { output: out.target, durationS, clips: placed };
}
