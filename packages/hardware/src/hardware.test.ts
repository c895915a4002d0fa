import os from 'node:os';
import { describe, expect, it } from '@jest/globals';
import { GlyphreelError } from '@glyphreel/core';
import { detectHardware, workersFor, type HardwareInfo, type HardwareSource } from './detect.js';
import { hardwareLine, renderLine } from './log-lines.js';
import { estimateRenderSeconds, qualityProfile, SEED_SECONDS_PER_FRAME } from './profile.js';
import { ASPECT_PRESETS, parseAspect, parseResolution, parseWorkers, resolveRenderSettings } from './resolution.js';

const GB = 1024 ** 3;
function machine(logical: number, memGb: number, physical?: number): HardwareInfo {
  return {
    logicalCores: logical, physicalCores: physical, totalMemBytes: memGb * GB, availableMemBytes: memGb * GB, memGb,
    platform: 'Linux', arch: 'x64', cpuModel: 'test', gpus: [], workers: workersFor(physical ?? logical, memGb), memPerWorkerMb: 150,
  };
}
function usage(fn: () => unknown): GlyphreelError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GlyphreelError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('workersFor (the seed rule)', () => {
  it.each([
    [32, 64, 30], [16, 64, 14], [12, 64, 11], [8, 64, 7], [4, 64, 3], [3, 64, 3], [2, 64, 2], [1, 64, 1], [0, 64, 1],
  ])('%i cores, %i GB → %i workers', (cores, mem, expected) => {
    expect(workersFor(cores, mem)).toBe(expected);
  });
  it('caps by memory: 60 % of RAM over the per-worker budget', () => {
    expect(workersFor(32, 1)).toBe(4); // 1024·0.6/150 = 4.1
    expect(workersFor(32, 1, 300)).toBe(2);
    expect(workersFor(32, 0.1)).toBe(1);
  });
});

describe('detectHardware', () => {
  it('reads this machine', async () => {
    const hw = await detectHardware({ gpus: false });
    expect(hw.logicalCores).toBe(os.cpus().length);
    expect(hw.totalMemBytes).toBeGreaterThan(0);
    expect(hw.memGb).toBeCloseTo(hw.totalMemBytes / GB, 6);
    expect(hw.workers).toBeGreaterThanOrEqual(1);
    expect(hw.arch).toBe(os.arch());
  });
  it('applies the rule to physical cores and reports GPUs from the source', async () => {
    const source: HardwareSource = {
      cpu: async () => ({ cores: 16, physicalCores: 8, manufacturer: 'ACME', brand: 'Chip' }),
      mem: async () => ({ total: 32 * GB, available: 20 * GB }),
      graphics: async () => ({ controllers: [{ vendor: 'NVIDIA', model: 'H100', vram: 81559 }, { vendor: '', model: '', vram: null }] }),
    };
    const hw = await detectHardware({ source });
    expect(hw.workers).toBe(7);
    expect(hw.physicalCores).toBe(8);
    expect(hw.cpuModel).toBe('ACME Chip');
    expect(hw.gpus).toEqual([{ vendor: 'NVIDIA', model: 'H100', vramMb: 81559 }, { vendor: 'unknown', model: 'unknown', vramMb: undefined }]);
    expect(hw.availableMemBytes).toBe(20 * GB);
  });
  it('falls back to os when the source fails', async () => {
    const fail = async () => {
      throw new Error('no');
    };
    const hw = await detectHardware({ source: { cpu: fail, mem: fail, graphics: fail } as unknown as HardwareSource });
    expect(hw.logicalCores).toBe(os.cpus().length);
    expect(hw.physicalCores).toBeUndefined();
    expect(hw.gpus).toEqual([]);
  });
});

describe('qualityProfile', () => {
  const big = machine(16, 64); // 14 workers
  it('draft caps workers at 4', () => {
    const p = qualityProfile(big, 60, 'draft');
    expect(p).toMatchObject({ tier: 'draft', width: 960, height: 540, fps: 12, crf: 28, workers: 4, gridScale: 0.5, shaders: 'minimal', particlesMax: 200 });
  });
  it('preview and max', () => {
    expect(qualityProfile(big, 60, 'preview')).toMatchObject({ width: 1280, height: 720, fps: 15, crf: 25, workers: 14, gridScale: 0.75, shaders: 'standard', particlesMax: 500 });
    expect(qualityProfile(big, 60, 'max')).toMatchObject({ width: 3840, height: 2160, fps: 30, crf: 15, gridScale: 2, shaders: 'full', particlesMax: 3000 });
  });
  it('auto: standard 1080p24 on a capable machine', () => {
    expect(qualityProfile(big, 180, 'auto')).toMatchObject({ tier: 'production', width: 1920, height: 1080, fps: 24, crf: 20, workers: 14, particlesMax: 1200 });
  });
  it('auto: low-end with ≤ 2 cores or < 4 GB', () => {
    expect(qualityProfile(machine(2, 64), 10, 'auto')).toMatchObject({ tier: 'low-end', width: 1280, height: 720, fps: 15, crf: 23 });
    expect(qualityProfile(machine(8, 3.9), 10, 'auto').tier).toBe('low-end');
  });
  it('auto: downgrades when the estimate passes an hour', () => {
    // 4 workers: duration·24·0.18/4 > 3600 ⇔ duration > 3333.3 s
    const four = machine(5, 64);
    expect(four.workers).toBe(4);
    expect(qualityProfile(four, 3333, 'auto').tier).toBe('production');
    expect(qualityProfile(four, 3334, 'auto')).toMatchObject({ tier: 'downgraded', width: 1280, height: 720, fps: 24, crf: 20, particlesMax: 800 });
    // the per-frame cost is an input
    expect(qualityProfile(four, 600, 'auto', { secondsPerFrame: 1.2 }).tier).toBe('downgraded');
  });
  it('production is always 1080p24 (decision: only auto adapts)', () => {
    expect(qualityProfile(machine(2, 2), 99999, 'production').tier).toBe('production');
  });
  it('rejects unknown qualities and bad durations', () => {
    expect(usage(() => qualityProfile(big, 1, 'ultra' as never)).message).toBe('Unknown quality "ultra"');
    expect(usage(() => qualityProfile(big, -1, 'auto')).message).toContain('non-negative');
  });
});

describe('estimateRenderSeconds', () => {
  it('follows the seed formula', () => {
    expect(estimateRenderSeconds({ frames: 720, secondsPerFrame: SEED_SECONDS_PER_FRAME, workers: 4 })).toBeCloseTo(32.4);
    expect(estimateRenderSeconds({ frames: 100, secondsPerFrame: 1, workers: 1, width: 1280, height: 720 })).toBeCloseTo(44.44, 1);
    expect(estimateRenderSeconds({ frames: 100, secondsPerFrame: 1, workers: 1, width: 3840, height: 2160 })).toBeCloseTo(400);
    expect(() => estimateRenderSeconds({ frames: 1, secondsPerFrame: 1, workers: 0 })).toThrow('workers >= 1');
  });
  it("reproduces the seed's render-time table (minutes, ±1 min or 5 %)", () => {
    // The table implies ≈1.07 s per frame per worker plus ≈8 ms per frame of serial work (concat/mux); the
    // seed's stated "~180ms/frame" baseline would give times six times lower (recorded in the README).
    const table: Array<[number, number, number, number]> = [
      [720, 3, 2, 1], [2880, 13, 7, 4], [5040, 23, 12, 6], [7200, 33, 17, 9], [14400, 65, 33, 17],
    ];
    for (const [frames, w4, w8, w16] of table) {
      for (const [workers, minutes] of [[4, w4], [8, w8], [16, w16]] as const) {
        const est = estimateRenderSeconds({ frames, secondsPerFrame: 16 / 15, workers, serialSecondsPerFrame: 1 / 120 }) / 60;
        expect([frames, workers, Math.abs(est - minutes) <= Math.max(1, 0.05 * minutes)]).toEqual([frames, workers, true]);
      }
    }
  });
});

describe('flags', () => {
  it('parses resolutions and rejects bad ones with one line', () => {
    expect(parseResolution('1280x720')).toEqual({ width: 1280, height: 720 });
    expect(parseResolution(' 640X360 ')).toEqual({ width: 640, height: 360 });
    expect(usage(() => parseResolution('12x')).message).toBe('Invalid --resolution "12x": expected WIDTHxHEIGHT');
    // The hint reads for the CLI flag and for the programmatic option alike.
    expect(usage(() => parseResolution('12x')).hint).toBe('e.g. 1920x1080 (--resolution / resolution)');
    expect(usage(() => parseResolution('0x720')).hint).toBe('e.g. 1280x720 (--resolution / resolution)');
    expect(usage(() => parseResolution('x720')).code).toBe('E_USAGE');
    expect(usage(() => parseResolution('0x720')).message).toContain('positive integers');
    const odd = usage(() => parseResolution('1281x720'));
    expect(odd.message).toBe('Invalid resolution 1281x720: width and height must be even (H.264 yuv420p needs even sizes)');
    expect(odd.hint).toBe('try 1282x720');
    expect(usage(() => parseResolution('10000x720')).message).toContain('larger than 8192');
    expect(usage(() => parseResolution('1280x720x3')).exitCode).toBe(2);
  });
  it('parses workers and aspects', () => {
    expect(parseWorkers('0')).toBe(0);
    expect(parseWorkers('3')).toBe(3);
    expect(usage(() => parseWorkers('-1')).message).toBe('Invalid --workers "-1": expected a whole number >= 0');
    expect(usage(() => parseWorkers('2.5')).code).toBe('E_USAGE');
    expect(usage(() => parseWorkers('abc')).code).toBe('E_USAGE');
    expect(parseAspect('portrait')).toBe('portrait');
    expect(usage(() => parseAspect('tall')).message).toBe('Unknown --aspect "tall"');
  });
});

describe('resolveRenderSettings (precedence)', () => {
  const hw = machine(16, 64);
  it('--workers overrides detection before the profile is chosen', () => {
    // 16 cores would be production, but 2 workers make 3000 s of audio estimate over an hour → downgraded
    expect(resolveRenderSettings(hw, { durationS: 3000, quality: 'auto' }).tier).toBe('production');
    const p = resolveRenderSettings(hw, { durationS: 3000, quality: 'auto', workers: 2 });
    expect(p.tier).toBe('downgraded');
    expect(p.workers).toBe(2);
    expect(resolveRenderSettings(hw, { durationS: 10, workers: 0 }).workers).toBe(14);
    expect(() => resolveRenderSettings(hw, { durationS: 10, workers: -1 })).toThrow('Invalid --workers "-1"');
  });
  it('aspect applies without --resolution, scaled to the profile; 4K presets are explicit', () => {
    expect(resolveRenderSettings(hw, { durationS: 10, quality: 'production', aspect: 'portrait' })).toMatchObject({ width: 1080, height: 1920 });
    expect(resolveRenderSettings(hw, { durationS: 10, quality: 'draft', aspect: 'portrait' })).toMatchObject({ width: 540, height: 960 });
    expect(resolveRenderSettings(hw, { durationS: 10, quality: 'preview', aspect: 'square' })).toMatchObject({ width: 720, height: 720 });
    expect(resolveRenderSettings(hw, { durationS: 10, quality: 'production', aspect: 'ultrawide' })).toMatchObject({ width: 2560, height: 1080 });
    expect(resolveRenderSettings(hw, { durationS: 10, quality: 'draft', aspect: 'portrait4k' })).toMatchObject(ASPECT_PRESETS.portrait4k);
    expect(resolveRenderSettings(hw, { durationS: 10, quality: 'draft', aspect: 'landscape' })).toMatchObject({ width: 960, height: 540 });
  });
  it('--resolution wins over --aspect', () => {
    expect(resolveRenderSettings(hw, { durationS: 10, aspect: 'portrait', resolution: '800x600' })).toMatchObject({ width: 800, height: 600 });
    expect(() => resolveRenderSettings(hw, { durationS: 10, resolution: { width: 801, height: 600 } })).toThrow('must be even');
  });
  it('caps workers from the hardware by memory at the frame size (the 150 MB budget is for 1080p); --workers is kept', () => {
    // 16 cores and 4 GB: 16 workers fit at 1080p (4·1024·0.6/150 = 16), at 4K (4× the pixels) only 4.
    const small = machine(16, 4);
    expect(resolveRenderSettings(small, { durationS: 10, quality: 'production' }).workers).toBe(small.workers);
    expect(resolveRenderSettings(small, { durationS: 10, quality: 'production', resolution: '3840x2160' }).workers).toBe(4);
    expect(resolveRenderSettings(small, { durationS: 10, quality: 'production', resolution: '3840x2160', workers: 12 }).workers).toBe(12);
  });
  it('prints the reference log lines', () => {
    expect(hardwareLine(machine(8, 16))).toBe('Hardware: 8 cores, 16.0GB RAM, Linux');
    expect(renderLine(resolveRenderSettings(hw, { durationS: 10, quality: 'production' }))).toBe('Render: 1920x1080 @24fps, CRF 20, 14 workers');
    expect(renderLine(resolveRenderSettings(hw, { durationS: 10, quality: 'production', workers: 1 }))).toBe('Render: 1920x1080 @24fps, CRF 20, 1 worker');
  });
});
