// Encode throughput of libx264 at the presets the quality profiles use, on 1080p glyph-like frames: coloured
// character cells on black, a third of the cells changing glyph each frame and the hue field drifting, which is what
// the renderer feeds the encoder. Frames are generated before timing so only encoding is measured.
// Prints one JSON line per preset: median/p90 over RUNS whole encodes of wall ms per frame (first write to the
// finished file), the matching fps, ffmpeg's own CPU ms per frame (user + system, all threads), output bytes and
// bitrate at crf 20, and the speed relative to ultrafast measured in this same process (the machine is shared, so
// ratios and CPU time are steadier than absolute wall numbers).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Rng, hsvToRgb, percentile } from '@glyphreel/core';
import { findFfmpeg, openEncoder } from '@glyphreel/encode';

const W = 1920;
const H = 1080;
const CW = 10; // cell size of the md grid at 1080p (192×56 cells)
const CH = 19;
const FRAMES = Number(process.env.ENCODE_BENCH_FRAMES ?? 48);
const PRESETS = (process.env.ENCODE_BENCH_PRESETS ?? 'ultrafast,superfast,veryfast,fast').split(',');

/**
 * `count` glyph masks ordered from sparse to dense, like a brightness palette (" .:-=+*#%@"): glyph k has about
 * 1 + 5k/count anti-aliased strokes (horizontal, vertical, diagonal), so low values draw dots and high values blocks.
 */
function makeGlyphs(rng, count) {
  const glyphs = [];
  for (let g = 0; g < count; g++) {
    const m = new Uint8Array(CW * CH);
    const strokes = 1 + Math.floor((5 * g) / count);
    for (let s = 0; s < strokes; s++) {
      const kind = g < 2 ? 3 : rng.int(0, 2);
      const at = rng.int(3, kind === 0 ? CH - 4 : CW - 4);
      for (let y = 2; y < CH - 2; y++) {
        for (let x = 1; x < CW - 1; x++) {
          let d;
          if (kind === 0) d = Math.abs(y - at);
          else if (kind === 1) d = Math.abs(x - at);
          else if (kind === 2) d = Math.abs(x - (y * (CW - 2)) / CH - 1);
          else d = Math.hypot(x - CW / 2, y - CH * 0.7) * 1.5; // a dot
          const cov = d < 0.8 ? 255 : d < 1.6 ? 110 : 0;
          if (cov > m[y * CW + x]) m[y * CW + x] = cov;
        }
      }
    }
    glyphs.push(m);
  }
  return glyphs;
}

/**
 * Frames as the renderer makes them: a value field picks each cell's glyph by brightness (blank below 0.2) and a hue
 * field colours it, both drifting smoothly with time (so, like real scenes, most cells keep their glyph from one
 * frame to the next and the change is coherent), plus a sparse layer of cells that flicker at random (particles,
 * glitch) so the encoder also sees unpredictable detail. Calibrated against frames from @glyphreel/grid's renderField
 * with the same fields (md grid, PAL_DEFAULT): similar mean brightness and bitrate (README, "Benchmark").
 */
let meanByte = 0;
function makeFrames() {
  const rng = new Rng(1234);
  const glyphs = makeGlyphs(rng, 10);
  const cols = Math.floor(W / CW);
  const rows = Math.floor(H / CH);
  const frames = [];
  for (let f = 0; f < FRAMES; f++) {
    const t = f / 24;
    const data = new Uint8Array(W * H * 3);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        let v = 0.5 + 0.25 * Math.sin(c * 0.09 + t * 1.7) + 0.25 * Math.cos(r * 0.13 - t * 1.1 + Math.sin(c * 0.03));
        if (rng.chance(0.005)) v = rng.uniform(0.3, 1);
        if (v < 0.1) continue;
        const g = Math.min(glyphs.length - 1, Math.floor(v * glyphs.length));
        const [cr, cg, cb] = hsvToRgb((c / cols / 2 + r / rows / 3 + t * 0.1) % 1, 0.85, 0.3 + 0.7 * v);
        const m = glyphs[g];
        for (let y = 0; y < CH; y++) {
          let o = ((r * CH + y) * W + c * CW) * 3;
          for (let x = 0; x < CW; x++, o += 3) {
            const a = m[y * CW + x];
            if (a === 0) continue;
            data[o] = (cr * a) / 255;
            data[o + 1] = (cg * a) / 255;
            data[o + 2] = (cb * a) / 255;
          }
        }
      }
    }
    frames.push(data);
  }
  let sum = 0;
  for (const b of frames[FRAMES >> 1]) sum += b;
  meanByte = sum / (W * H * 3);
  return frames;
}

const ffmpeg = await findFfmpeg();
const frames = makeFrames();
const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-bench-encode-'));
const RUNS = Number(process.env.ENCODE_BENCH_RUNS ?? 3);
const fpsOf = {};
try {
  for (const preset of PRESETS) {
    // x264 buffers its lookahead (up to ~40 frames at `fast`) before it blocks the pipe, so the time between single
    // hand-offs says little; the honest per-frame figure is a whole encode (fill, steady state, flush) over its
    // frame count, taken as the median of RUNS encodes.
    const perFrame = [];
    const cpuPerFrame = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const out = path.join(dir, `${preset}-${run}.mp4`);
      const logPath = path.join(dir, `${preset}-${run}.log`);
      // -benchmark makes ffmpeg log its own user+system CPU time: on a shared machine wall time varies with the
      // neighbours' load, CPU time much less, and CPU time is what competes with the render workers.
      const enc = await openEncoder({ ffmpeg, width: W, height: H, fps: 24, output: out, preset, crf: 20, logPath, globalArgs: ['-benchmark'] });
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < FRAMES; i++) await enc.write(frames[i]);
      const r = await enc.close();
      perFrame.push(Number(process.hrtime.bigint() - t0) / 1e6 / FRAMES);
      const m = /bench: utime=([\d.]+)s stime=([\d.]+)s/.exec(readFileSync(logPath, 'utf8'));
      if (m) cpuPerFrame.push(((Number(m[1]) + Number(m[2])) * 1000) / FRAMES);
      bytes = r.bytes;
      rmSync(out);
    }
    cpuPerFrame.sort((a, b) => a - b);
    perFrame.sort((a, b) => a - b);
    const median = percentile(perFrame, 0.5);
    const fps = 1000 / median;
    fpsOf[preset] = fps;
    const line = {
      bench: `encode/x264/${preset}-1080p`,
      median_ms: Math.round(median * 1000) / 1000,
      p90_ms: Math.round(percentile(perFrame, 0.9) * 1000) / 1000,
      runs: RUNS,
      frames_per_run: FRAMES,
      fps: Math.round(fps * 100) / 100,
      bytes,
      kbps: Math.round((bytes * 8) / (FRAMES / 24) / 1000),
      cpu_ms_per_frame: Math.round(percentile(cpuPerFrame, 0.5) * 10) / 10,
      cores: os.availableParallelism(),
      frame_mean: Math.round(meanByte * 10) / 10,
    };
    if (fpsOf.ultrafast !== undefined) line.speed_vs_ultrafast = Math.round((fps / fpsOf.ultrafast) * 1000) / 1000;
    console.log(JSON.stringify(line));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
