import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findFfmpeg, runFfmpeg, runFfmpegBytes } from '@glyphreel/encode';
import { runCli } from '../program.js';
import { capture } from '../test-utils/capture.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-frame-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


const tiny = ['--resolution', '320x180', '--fps', '8', '--quality', 'draft'];
let ffmpegPath = '';
/** The RGB bytes of an image, decoded by ffmpeg. */
async function pixels(file: string): Promise<Buffer> {
  return Buffer.from(await runFfmpegBytes(ffmpegPath, ['-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { what: `decoding ${file}` }));
}

const song = path.join(dir, 'song.wav');
beforeAll(async () => {
  ffmpegPath = (await findFfmpeg()).path;
  // 6 s of a 110 Hz tone pulsing at 120 BPM: enough for the planner, small enough to analyse at once.
  await runFfmpeg(ffmpegPath, ['-v', 'error', '-f', 'lavfi', '-i', "sine=f=110:d=6,volume='if(lt(mod(t,0.5),0.1),1,0.2)':eval=frame", '-y', song], { what: 'making a song' });
}, 30000);

describe('glyphreel frame', () => {
  it('--audio previews the automatic plan of a song: the scene list --audio plans, the pixels render draws', async () => {
    const l = capture();
    expect(await runCli(['list', '--audio', song, '--json', ...tiny], l)).toBe(0);
    const plan = JSON.parse(l.outLines.join('\n')) as { scenes: Array<{ id: string; start: number; end: number }> };
    const at = 2;
    const planned = plan.scenes.find((s) => at >= s.start && at < s.end)!;
    const io = capture();
    const png = path.join(dir, 'f.png');
    expect(await runCli(['frame', '--audio', song, '--at', String(at), '-o', png, ...tiny], io)).toBe(0);
    const m = /: frame (\d+) of (\S+), mean brightness ([\d.]+)/.exec(io.outLines[0]!)!;
    expect([Number(m[1]), m[2]]).toEqual([16, planned.id]);
    const frames = path.join(dir, 'frames');
    expect(await runCli(['render', '--audio', song, '--frames', '16-16', '--format', 'png', '-o', frames, '--quiet', ...tiny], capture())).toBe(0);
    expect(readdirSync(frames)).toEqual(['000016.png']);
    const [a, b] = [await pixels(png), await pixels(path.join(frames, '000016.png'))];
    expect(a.length).toBe(320 * 180 * 3);
    expect(Number(m[3])).toBeGreaterThan(5);
    // The same frame, byte for byte (no feedback in this plan; frame draws without trails unless --feedback).
    expect(a.equals(b)).toBe(true);
  }, 60000);

  it('takes --lyrics and --lyrics-mode as render does, and refuses --lyrics-mode alone', async () => {
    const srt = path.join(dir, 'song.srt');
    writeFileSync(srt, '1\n00:00:00,500 --> 00:00:05,000\nHELLO WORLD\n');
    const io = capture();
    expect(await runCli(['frame', '--audio', song, '--lyrics', srt, '--lyrics-mode', 'flash', '--at', '1', '-o', path.join(dir, 'l.png'), ...tiny], io)).toBe(0);
    const bad = capture();
    expect(await runCli(['frame', '--audio', song, '--lyrics-mode', 'flash', '--at', '1', '-o', path.join(dir, 'l.png'), ...tiny], bad)).toBe(2);
    expect(bad.errLines).toEqual(['glyphreel: --lyrics-mode needs --lyrics FILE (e.g. --lyrics song.srt --lyrics-mode fade)']);
    const missing = capture();
    expect(await runCli(['frame', '--audio', path.join(dir, 'nope.wav'), '--at', '1', '-o', path.join(dir, 'l.png')], missing)).toBe(2);
    expect(missing.errLines).toEqual([`glyphreel: Audio file ${path.join(dir, 'nope.wav')} does not exist`]);
  }, 60000);

  it("names the scene and frame of a plugin's exception, as render does", async () => {
    writeFileSync(
      path.join(dir, 'bang.mjs'),
      "export default { name: 'bang', version: '1.0.0', apiVersion: 1, effects: [{ name: 'boom', kind: 'value', params: {}, fill() { throw new Error('kaboom at 30'); } }] };\n",
    );
    const scenes = path.join(dir, 'bang.json');
    writeFileSync(scenes, JSON.stringify({ plugins: ['./bang.mjs'], scenes: [{ name: 'calm', end: 1, layers: [{ effect: 'plasma' }] }, { name: 'bang', end: 3, layers: [{ effect: 'bang/boom' }] }] }));
    const f = capture();
    expect(await runCli(['frame', scenes, '--at', '2.5', '-o', path.join(dir, 'b.png'), ...tiny], f)).toBe(1);
    const r = capture();
    expect(await runCli(['render', scenes, '--frames', '20-20', '--format', 'png', '-o', path.join(dir, 'bang'), '--quiet', ...tiny], r)).toBe(1);
    expect(f.errLines).toEqual(['glyphreel: scene "bang" (s01_bang), frame 8: layers[0] effect bang/boom: kaboom at 30']);
    expect(r.errLines).toEqual(f.errLines);
    // An input error (here a bad parameter) stays as it is: it names the file and field already.
    writeFileSync(scenes, JSON.stringify({ scenes: [{ name: 'a', end: 1, layers: [{ effect: 'plasma', params: { nope: 1 } }] }] }));
    const p = capture();
    expect(await runCli(['frame', scenes, '--at', '0.5', '-o', path.join(dir, 'b.png'), ...tiny], p)).toBe(2);
    expect(p.errLines[0]).toMatch(/^glyphreel: .*bang\.json: scene 0 "a": layers\[0\]\.effect: /);
  }, 60000);
});
