import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AUDIO_FEATURES, FeatureTable } from '@glyphreel/core';
import { renderTestFrame } from '../commands/frame.js';
import { buildRegistry } from '../runtime/plugins.js';
import { autoPlanDetailed, type PlannedSection } from './plan.js';

const FPS = 24;

/** 120 BPM clicks; quiet 0–16 s, loud 16–48 s, quiet after. */
function track(durationS: number): FeatureTable {
  const n = durationS * FPS;
  const ft = new FeatureTable(AUDIO_FEATURES, n);
  for (const name of AUDIO_FEATURES) ft.series(name).fill(0.3);
  const rms = ft.series('rms');
  const beat = ft.series('beat').fill(0);
  for (let i = 0; i < n; i++) rms[i] = i < 16 * FPS || i >= 48 * FPS ? 0.15 : 0.8;
  for (let f = 0; f < n; f += 12) beat[f] = 1;
  return ft;
}

/**
 * One test frame at the middle of every planned section, rendered from the plan written as a scene file (the path a
 * user's `glyphreel frame` takes), checked against the seed's brightness floors: > 5 in quiet sections, > 15 in loud.
 */
describe('autoPlan test frames', () => {
  let dir: string;
  let file: string;
  let sections: PlannedSection[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-autoplan-'));
    file = path.join(dir, 'plan.json');
    const plan = autoPlanDetailed(track(60), { fps: FPS, durationS: 60, registry: await buildRegistry(), seed: 1, shaders: 'standard' });
    sections = plan.sections;
    writeFileSync(file, JSON.stringify(plan.project));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every section renders with the seed brightness (quiet > 5, loud > 15) and no warnings', async () => {
    const seen: Array<[string, number]> = [];
    for (const [i, s] of sections.entries()) {
      const r = await renderTestFrame({ scenes: file, quality: 'draft', resolution: '320x180', workers: '1', at: String((s.start + s.end) / 2), output: path.join(dir, `s${i}.png`) });
      expect(r.scene).toMatch(new RegExp(`^s${String(i).padStart(2, '0')}_${s.level}_`));
      expect(r.warnings).toEqual([]);
      expect(r.meanBrightness).toBeGreaterThan(s.level === 'calm' ? 5 : 15);
      // Catalog 4.2: above 180 is "too bright (gamma too low or add stacking)".
      expect(r.meanBrightness).toBeLessThan(180);
      seen.push([s.level, r.meanBrightness]);
    }
    expect(seen.filter(([l]) => l === 'peak')).toHaveLength(8);
  }, 60_000);
});
