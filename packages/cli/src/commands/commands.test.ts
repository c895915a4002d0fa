import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { findFfmpeg, probe } from '@glyphreel/encode';
import { runCli } from '../program.js';
import { capture } from '../test-utils/capture.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/glyphreel.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


const scenes = path.join(dir, 'scenes.json');
writeFileSync(
  scenes,
  JSON.stringify({
    scenes: [
      { name: 'one', end: 1, layers: [{ effect: 'plasma', hue: 'angle' }], shaders: ['bloom', 'vignette'] },
      { name: 'two', end: 2, grid: 'sm', layers: [{ effect: 'starfield' }], feedback: { decay: 0.8 } },
    ],
  }),
);
const small = ['--scenes', scenes, '--resolution', '128x72', '--fps', '12', '--quality', 'draft', '--quiet'];

describe('glyphreel commands', () => {
  it('render --demo makes an H.264 video with its synthesized soundtrack, frame-exact', async () => {
    const ffmpeg = await findFfmpeg();
    const out = path.join(dir, 'demo.mp4');
    const io = capture();
    expect(await runCli(['render', '--demo', '-o', out, '--resolution', '256x144', '--fps', '12', '--quiet'], io)).toBe(0);
    const p = await probe(out, { ffmpeg: ffmpeg.path });
    expect(p.codec).toBe('h264');
    expect(p.frames).toBe(144); // 12 s at 12 fps
    expect(p.durationS).toBeCloseTo(12, 5);
    expect(p.hasAudio).toBe(true);
    expect(Math.abs((p.audioDurationS ?? 0) - 12)).toBeLessThanOrEqual(1 / 12);
    expect(io.outLines[0]).toMatch(/^Wrote .*demo\.mp4 \(144 frames, 256x144 @12fps\)/);
    expect(readdirSync(dir).filter((f) => f.startsWith('.demo'))).toEqual([]);
  }, 90000);

  it('frame writes a PNG and prints its mean brightness', async () => {
    const io = capture();
    const out = path.join(dir, 'f.png');
    expect(await runCli(['frame', '--at', '1.5', '-o', out, ...small.filter((a) => a !== '--quiet')], io)).toBe(0);
    expect(io.outLines[0]).toMatch(/f\.png: frame 18 of s01_two, mean brightness \d+\.\d \(\d+ ms\)$/);
    expect(readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
  }, 30000);

  it('list prints the scenes and their frame ranges', async () => {
    const io = capture();
    expect(await runCli(['list', '--json', ...small.filter((a) => a !== '--quiet')], io)).toBe(0);
    const j = JSON.parse(io.outLines.join('\n'));
    expect(j.scenes.map((s: { id: string }) => s.id)).toEqual(['s00_one', 's01_two']);
    expect(j.scenes[1].units).toEqual([{ id: 's01_two', frameStart: 12, frameEnd: 24 }]);
    expect(j.scenes[1].feedback).toBe(true);
  }, 30000);

  it('takes the scene file as its first argument too (the same as --scenes)', async () => {
    const flag = capture();
    const positional = capture();
    const rest = small.filter((a) => a !== '--quiet' && a !== '--scenes' && a !== scenes);
    expect(await runCli(['list', '--json', '--scenes', scenes, ...rest], flag)).toBe(0);
    expect(await runCli(['list', scenes, '--json', ...rest], positional)).toBe(0);
    expect(positional.outLines).toEqual(flag.outLines);
    expect(JSON.parse(positional.outLines.join('\n')).scenes).toHaveLength(2);
    // The same file both ways is not a conflict.
    expect(await runCli(['list', scenes, '--scenes', scenes, '--json', ...rest], capture())).toBe(0);
  }, 30000);

  it('list --shards shows the units every shard plans and which shard draws each', async () => {
    const io = capture();
    const args = ['list', '--json', '--demo', '-q', 'draft'];
    expect(await runCli([...args, '--shards', '3'], io)).toBe(0);
    const units = JSON.parse(io.outLines.join('\n')).scenes.flatMap((s: { units: unknown[] }) => s.units) as Array<{ frameStart: number; frameEnd: number; shard: number }>;
    expect(units[0]!.frameStart).toBe(0);
    for (let k = 1; k < units.length; k++) {
      expect(units[k]!.frameStart).toBe(units[k - 1]!.frameEnd);
      expect(units[k]!.shard).toBeGreaterThanOrEqual(units[k - 1]!.shard);
    }
    expect(new Set(units.map((u) => u.shard))).toEqual(new Set([1, 2, 3]));
    expect(await runCli([...args, '--shards', '0'], io)).toBe(2);
    expect(io.errLines.at(-1)).toContain('--shards');
  }, 30000);

  it('plugins lists the built-ins and describes one', async () => {
    const io = capture();
    expect(await runCli(['plugins', '--json'], io)).toBe(0);
    const j = JSON.parse(io.outLines.join('\n'));
    expect(j.shaders.length).toBe(38);
    expect(j.blends.length).toBe(20);
    expect(j.effects.filter((e: { kind: string }) => e.kind === 'value').length).toBeGreaterThanOrEqual(21);
    expect(j.hues.length).toBe(9);
    expect(j.palettes.length).toBe(29);
    const d = capture();
    expect(await runCli(['plugins', '--describe', 'bloom'], d)).toBe(0);
    expect(d.outLines[0]).toMatch(/^bloom \(shader, plugin shaders\)/);
    expect(d.outLines.join('\n')).toMatch(/  thr: (number|integer) \[0, 255\] = 130/);
    const u = capture();
    expect(await runCli(['plugins', '--describe', 'blom'], u)).toBe(2);
    expect(u.errLines).toEqual(['glyphreel: Nothing is registered as "blom" (did you mean "bloom"? glyphreel plugins lists them)']);
    // A plugin's entry asked for without its plugin's name.
    const s = capture();
    expect(await runCli(['plugins', '--plugin', 'glyphreel-plugin-example', '--describe', 'stripes'], s)).toBe(2);
    expect(s.errLines).toEqual(["glyphreel: Nothing is registered as \"stripes\" (did you mean example/stripes? plugin entries carry their plugin's name)"]);
  }, 30000);

  it('warns when --format writes into a name that says another format', async () => {
    const io = capture();
    const out = path.join(dir, 'named.mp4');
    expect(await runCli(['render', ...small, '--format', 'webm', '-o', out, '--frames', '0-1'], io)).toBe(0);
    expect(io.errLines).toContain(`warning: --format webm writes WEBM into ${out}, whose name says mp4`);
  }, 60000);

  it('renders gif and png outputs', async () => {
    const ffmpeg = await findFfmpeg();
    const gif = path.join(dir, 'clip.gif');
    expect(await runCli(['render', ...small, '-o', gif], capture())).toBe(0);
    expect((await probe(gif, { ffmpeg: ffmpeg.path })).frames).toBe(24);
    const pngs = path.join(dir, 'pngs');
    expect(await runCli(['render', ...small, '--format', 'png', '-o', pngs], capture())).toBe(0);
    expect(readdirSync(pngs)).toHaveLength(24);
  }, 60000);

  it.each([
    [['render', '--demo'], 2, "glyphreel: required option '-o, --output <file>' not specified (see: glyphreel render --help)"],
    [['render', '-o', 'x.mp4'], 2, 'glyphreel: Nothing to render: pass --scenes FILE, --demo, --audio FILE, --video FILE or --image FILE'],
    [['render', '--scenes', '/no/such.json', '-o', 'x.mp4'], 2, 'glyphreel: Scene file /no/such.json does not exist'],
    [['render', '--demo', '-o', '/no/such/dir/x.mp4'], 2, 'glyphreel: Output folder /no/such/dir does not exist'],
    [['render', '--demo', '-o', 'x.mp4', '--resolution', '12x'], 2, 'glyphreel: Invalid --resolution "12x"'],
    [['render', '--demo', '-o', 'x.mp4', '--workers', '-1'], 2, 'glyphreel: Invalid --workers "-1"'],
    [['render', '--demo', '-o', 'x.mp4', '--fps', '0'], 2, 'glyphreel: Invalid --fps "0"'],
    [['render', '--demo', '-o', 'x.mp4', '--frames', '9-3'], 2, 'glyphreel: Invalid --frames "9-3"'],
    [['render', '--demo', '-o', 'x.mp4', '--frames', '0-999'], 2, 'glyphreel: Invalid --frames 0-999: the timeline has frames 0-'],
    [['render', '--demo', '-o', 'x.mp4', '--crf', '99'], 2, 'glyphreel: Invalid --crf "99"'],
    [['render', '--demo', '-o', 'x.mp4', '--format', 'avi'], 2, "glyphreel: option '--format <format>' argument 'avi' is invalid"],
    [['render', '--demo', '-o', 'x.mp4', '--audio', '/no/song.mp3'], 2, 'glyphreel: Audio file /no/song.mp3 does not exist'],
    [['render', '--demo', '-o', 'x.mp4', '--plugin', 'nosuchplugin'], 2, 'glyphreel: Cannot find plugin "nosuchplugin"'],
    [['render', '--demo', '--scenes', 'a.json', '-o', 'x.mp4'], 2, 'glyphreel: Give either --scenes FILE or --demo, not both'],
    [['render', 'a.json', '--demo', '-o', 'x.mp4'], 2, 'glyphreel: Give either --scenes FILE or --demo, not both'],
    [['render', 'a.json', '--scenes', 'b.json', '-o', 'x.mp4'], 2, 'glyphreel: Two scene files: a.json and --scenes b.json (give one of them)'],
    [['render', 'a.json', 'b.json', '-o', 'x.mp4'], 2, "glyphreel: too many arguments for 'render'. Expected 1 argument but got 2. (see: glyphreel render --help)"],
    [['list', '/no/such.json'], 2, 'glyphreel: Scene file /no/such.json does not exist'],
    [['frame', '--demo', '--at', '99', '-o', 'f.png'], 2, 'glyphreel: --at 99 is past the end of the timeline'],
    [['frame', '--demo', '--at', '1', '-o', 'f.jpg'], 2, 'glyphreel: glyphreel frame writes a PNG: -o f.jpg should end in .png (e.g. -o f.png)'],
    [['render', '--demo', '-o', 'clip.mkv'], 2, 'glyphreel: Cannot tell the output format from "clip.mkv": glyphreel writes .mp4, .webm and .gif files, or a png sequence into a folder (rename the output'],
    [['render', '--demo', '-o', '.'], 2, `glyphreel: output folder ${process.cwd()} is the current folder; a png sequence replaces the whole folder`],
    [['render', '--video', '/no/clip.mp4', '-o', 'x.mp4'], 2, 'glyphreel: Video file /no/clip.mp4 does not exist'],
    [['render', '--demo', '--lyrics', '/no/song.srt', '-o', 'x.mp4'], 2, 'glyphreel: Lyrics file /no/song.srt does not exist'],
    [['sync-check', '/no/out.mp4'], 2, 'glyphreel: Video file /no/out.mp4 does not exist'],
    [['render', '--demo', '--narration', '/no/voice.mp3@2', '-o', 'x.mp4'], 2, 'glyphreel: Narration file /no/voice.mp3 does not exist'],
    [['bench', '--repeat', '0'], 2, 'glyphreel: Invalid --repeat "0"'],
    [['bench', '--encode-repeat', 'two'], 2, 'glyphreel: Invalid --encode-repeat "two"'],
    [['bench', '--frame-rounds', '0'], 2, 'glyphreel: Invalid --frame-rounds "0"'],
    [['render', '--video', 'package.json', '-o', 'package.json'], 2, 'glyphreel: -o package.json is the --video input; rendering would replace it'],
    [['render', '--video', 'package.json', '-o', './src/../package.json'], 2, 'glyphreel: -o ./src/../package.json is the --video input; rendering would replace it'],
    [['render', '--image', '/no/shots/*.jpg', '-o', 'x.mp4'], 2, 'glyphreel: Cannot read image sequence "/no/shots/*.jpg": no such directory /no/shots'],
    [['render', '--image', 'src/*.nope', '-o', 'x.mp4'], 2, 'glyphreel: Cannot read image sequence "src/*.nope": no files match'],
    [['render', '--video', 'package.json', '--duration', '2', '-o', 'x.mp4'], 2, 'glyphreel: --duration sets how long an --image is shown without --audio; a --video lasts as long as the clip'],
    [['render', '--image', 'package.json', '--audio', 'package.json', '--duration', '2', '-o', 'x.mp4'], 2, 'glyphreel: --duration sets how long an --image is shown without --audio; with --audio the video lasts as long as the song'],
    [['render', '--demo', '--duration', '2', '-o', 'x.mp4'], 2, 'glyphreel: --duration sets how long an --image is shown without --audio; the scenes or the soundtrack set the length here'],
    [['render', '--demo', '--narration', 'package.json@1', '--format', 'mp4', '-o', 'package.json'], 2, 'glyphreel: -o package.json is the --narration input; rendering would replace it'],
  ])('%j exits %i with one line', async (argv, code, line) => {
    const io = capture();
    expect(await runCli(argv, io)).toBe(code);
    expect(io.errLines).toHaveLength(1);
    expect(io.errLines[0]!.startsWith(line)).toBe(true);
  }, 30000);

  it('sync-check: a rendered 120 BPM click-track video is within the drift targets', async () => {
    const ffmpeg = await findFfmpeg();
    const { clickTrack } = await import('@glyphreel/encode');
    const click = path.join(dir, 'click.wav');
    await clickTrack(click, { ffmpeg, durationS: 6, bpm: 120 });
    // A scene that flashes white on every detected beat and is black otherwise.
    const flash = path.join(dir, 'flash.json');
    writeFileSync(flash, JSON.stringify({ scenes: [{ name: 'flash', end: 6, gamma: 1, layers: [{ effect: 'sdf', params: { radius: 2 }, palette: 'binary', hue: 0.1, saturation: 0, threshold: 0, when: { feature: 'beat', gt: 0.5 } }] }] }));
    const video = path.join(dir, 'flash.mp4');
    expect(await runCli(['render', '--scenes', flash, '--audio', click, '-o', video, '--resolution', '160x90', '--fps', '24', '--quiet'], capture())).toBe(0);
    const io = capture();
    expect(await runCli(['sync-check', video, '--json'], io)).toBe(0);
    const r = JSON.parse(io.outLines.join('\n'));
    expect(r.audioBeatsS.length).toBeGreaterThanOrEqual(10);
    expect(r.matched).toBe(r.audioBeatsS.length);
    expect(r.meanDriftMs).toBeLessThan(20);
    expect(r.maxDriftMs).toBeLessThan(42);
  }, 60000);

  it('render --audio with no scene file plans the video from the song; --seed changes the plan reproducibly', async () => {
    const ffmpeg = await findFfmpeg();
    const { synthesizeAudio } = await import('@glyphreel/encode');
    const song = path.join(dir, 'song.wav');
    await synthesizeAudio(song, { ffmpeg, durationS: 12, bpm: 120 });
    const plan = async (seed: string) => {
      const io = capture();
      expect(await runCli(['list', '--audio', song, '--json', '--seed', seed, '--fps', '12', '--resolution', '128x72'], io)).toBe(0);
      return JSON.parse(io.outLines.join('\n')).scenes as Array<{ id: string; layers: string[]; end: number }>;
    };
    const a = await plan('1');
    expect(await plan('1')).toEqual(a);
    expect(JSON.stringify(await plan('2'))).not.toBe(JSON.stringify(a));
    expect(a.at(-1)!.end).toBeCloseTo(12, 2);
    const out = path.join(dir, 'auto.mp4');
    expect(await runCli(['render', '--audio', song, '-o', out, '--fps', '12', '--resolution', '128x72', '--quality', 'draft', '--quiet'], capture())).toBe(0);
    const p = await probe(out, { ffmpeg: ffmpeg.path });
    expect(p.frames).toBe(144);
    expect(p.hasAudio).toBe(true);
    expect(Math.abs((p.audioDurationS ?? 0) - p.durationS)).toBeLessThanOrEqual(1 / 12);
  }, 90000);

  it('render --video converts a clip to glyphs and keeps its audio', async () => {
    const ffmpeg = await findFfmpeg();
    const { runFfmpeg } = await import('@glyphreel/encode');
    const clip = path.join(dir, 'clip.mp4');
    await runFfmpeg(ffmpeg.path, ['-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=24:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', clip], { what: 'making a test clip' });
    const out = path.join(dir, 'ascii.mp4');
    expect(await runCli(['render', '--video', clip, '-o', out, '--resolution', '320x180', '--fps', '12', '--quiet'], capture())).toBe(0);
    const p = await probe(out, { ffmpeg: ffmpeg.path });
    expect(p.frames).toBe(24);
    expect(p.hasAudio).toBe(true);
    const { verifyBrightness } = await import('@glyphreel/encode');
    const b = await verifyBrightness(out, [1], { ffmpeg: ffmpeg.path });
    expect(b.samples[0]!.mean).toBeGreaterThan(15);

    // The source reached through a symlink under another name is still the source: refused, and kept.
    const link = path.join(dir, 'link.mp4');
    symlinkSync(clip, link);
    const before = readFileSync(clip);
    const io = capture();
    expect(await runCli(['render', '--video', link, '-o', clip, '--resolution', '320x180', '--quiet'], io)).toBe(2);
    expect(io.errLines).toEqual([`glyphreel: -o ${clip} is the --video input; rendering would replace it (write the video to another file)`]);
    expect(readFileSync(clip).equals(before)).toBe(true);
  }, 60000);

  it('render --image takes a pattern of pictures, shown in natural order', async () => {
    const ffmpeg = await findFfmpeg();
    const { runFfmpeg } = await import('@glyphreel/encode');
    const shots = path.join(dir, 'shots');
    mkdirSync(shots);
    for (const [name, colour] of [['img1.png', 'red'], ['img2.png', 'green'], ['img10.png', 'blue']]) {
      await runFfmpeg(ffmpeg.path, ['-y', '-f', 'lavfi', '-i', `color=c=${colour}:size=64x36`, '-frames:v', '1', path.join(shots, name)], { what: 'making a picture' });
    }
    const out = path.join(dir, 'slides');
    expect(await runCli(['render', '--image', path.join(shots, 'img*.png'), '--duration', '3', '--resolution', '128x72', '--fps', '4', '--format', 'png', '-o', out, '--quiet'], capture())).toBe(0);
    expect(readdirSync(out)).toHaveLength(12);
    // An -o that the pattern matches is one of the inputs.
    const io = capture();
    expect(await runCli(['render', '--image', path.join(shots, 'img*'), '--format', 'png', '-o', path.join(shots, 'img2.png'), '--quiet'], io)).toBe(2);
    expect(io.errLines[0]).toContain('is the --image input; rendering would replace it');
  }, 60000);

  it('render --image with --lyrics draws the cue over the picture while it is on', async () => {
    const ffmpeg = await findFfmpeg();
    const { runFfmpeg, runFfmpegBytes } = await import('@glyphreel/encode');
    const img = path.join(dir, 'pic.png');
    await runFfmpeg(ffmpeg.path, ['-y', '-f', 'lavfi', '-i', 'color=c=0x203060:size=320x180,drawbox=x=100:y=40:w=120:h=100:color=orange:t=fill', '-frames:v', '1', img], { what: 'making a test image' });
    const srt = path.join(dir, 'words.srt');
    writeFileSync(srt, '1\r\n00:00:00,500 --> 00:00:01,800\r\nHELLO WORLD\r\n\r\n');
    const withLyrics = path.join(dir, 'lyr');
    const without = path.join(dir, 'nolyr');
    const args = ['--image', img, '--duration', '2', '--resolution', '320x180', '--fps', '12', '--format', 'png', '--quiet'];
    expect(await runCli(['render', ...args, '--lyrics', srt, '--lyrics-mode', 'fade', '-o', withLyrics], capture())).toBe(0);
    expect(await runCli(['render', ...args, '-o', without], capture())).toBe(0);
    const rows = async (file: string) => runFfmpegBytes(ffmpeg.path, ['-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { what: 'reading a frame' });
    const diff = async (frame: string) => {
      const a = await rows(path.join(withLyrics, frame));
      const b = await rows(path.join(without, frame));
      let d = 0;
      for (let i = 0; i < a.length; i++) d += Math.abs(a[i]! - b[i]!);
      return d;
    };
    expect(await diff('000002.png')).toBe(0); // before the cue
    expect(await diff('000012.png')).toBeGreaterThan(10000); // while "HELLO WORLD" is on
    expect(await diff('000023.png')).toBe(0); // after it
  }, 60000);

  it('render --narration mixes a voice clip over the soundtrack at its time, leaving no temporary mix', async () => {
    const ffmpeg = await findFfmpeg();
    const { runFfmpeg } = await import('@glyphreel/encode');
    const { decodeAudio } = await import('@glyphreel/inputs');
    const music = path.join(dir, 'bed.wav');
    const voice = path.join(dir, 'voice.wav');
    await runFfmpeg(ffmpeg.path, ['-y', '-f', 'lavfi', '-i', 'sine=frequency=110:duration=4', music], { what: 'music' });
    await runFfmpeg(ffmpeg.path, ['-y', '-f', 'lavfi', '-i', 'sine=frequency=880:duration=1', voice], { what: 'voice' });
    const out = path.join(dir, 'narrated.mp4');
    const before = readdirSync(os.tmpdir()).filter((f) => f.startsWith('glyphreel-mix-')).length;
    expect(await runCli(['render', ...small, '--audio', music, '--narration', `${voice}@0.5`, '-o', out], capture())).toBe(0);
    expect(readdirSync(os.tmpdir()).filter((f) => f.startsWith('glyphreel-mix-')).length).toBe(before);
    const pcm = await decodeAudio(out, { ffmpegPath: ffmpeg.path, sampleRate: 22050 });
    const band = (hz: number, a: number, b: number) => {
      const w = (2 * Math.PI * hz) / 22050;
      let re = 0;
      let im = 0;
      for (let i = Math.floor(a * 22050); i < Math.floor(b * 22050); i++) {
        re += pcm[i]! * Math.cos(w * i);
        im += pcm[i]! * Math.sin(w * i);
      }
      return Math.hypot(re, im) / ((b - a) * 22050);
    };
    expect(band(880, 0.6, 1.4)).toBeGreaterThan(20 * band(880, 1.6, 1.95));
  }, 60000);

  it('an unknown effect in a scene file names the file, scene and field', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ scenes: [{ name: 'x', end: 1, layers: [{ effect: 'plasmaa' }] }] }));
    const io = capture();
    expect(await runCli(['render', '--scenes', bad, '-o', path.join(dir, 'bad.mp4')], io)).toBe(2);
    expect(io.errLines).toEqual([`glyphreel: ${bad}: scene 0 "x": layers[0].effect: Unknown effect "plasmaa" (did you mean "plasma"? glyphreel plugins lists them)`]);
  });

  it.each([
    ['invalid JSON', '{"scenes": [', /: invalid JSON: /],
    ['a field out of range', { scenes: [{ name: 'x', end: 1, layers: [{ effect: 'plasma', opacity: 3 }] }] }, /scene 0 "x": layers\[0\]\.opacity: expected a number in \[0, 1\], got 3$/],
    ['an unknown field', { scenes: [{ name: 'x', end: 1, layers: [{ effect: 'plasma', opactiy: 1 }] }] }, /layers\[0\]\.opactiy: unknown field "opactiy"/],
    ['an end before the start', { scenes: [{ name: 'x', start: 2, end: 1, layers: [{ effect: 'plasma' }] }] }, /end \(1\) must be after start \(2\)/],
    ['a bad shader parameter', { scenes: [{ name: 'x', end: 1, layers: [{ effect: 'plasma' }], shaders: [['bloom', { thr: 'x' }]] }] }, /shaders\[0\]: .*"thr" = "x" is invalid/],
    ['an unknown palette', { scenes: [{ name: 'x', end: 1, layers: [{ effect: 'plasma', palette: 'nope' }] }] }, /layers\[0\]\.palette: Unknown palette "nope"/],
  ])('a scene file with %s exits 2 (like every mistake in one) with one line, and writes nothing', async (_what, content, line) => {
    const bad = path.join(dir, 'mistake.json');
    writeFileSync(bad, typeof content === 'string' ? content : JSON.stringify(content));
    const out = path.join(dir, 'mistake.mp4');
    const io = capture();
    expect(await runCli(['render', bad, '-o', out], io)).toBe(2);
    expect(io.errLines).toHaveLength(1);
    expect(io.errLines[0]!.startsWith(`glyphreel: ${bad}`)).toBe(true);
    expect(io.errLines[0]).toMatch(line);
    expect(existsSync(out)).toBe(false);
  });

  it('a png sequence never replaces a folder of other files: exit 2 before drawing, every file kept', async () => {
    const mine = path.join(dir, 'my project');
    mkdirSync(mine, { recursive: true });
    writeFileSync(path.join(mine, 'scenes.json'), '{"keep": true}');
    writeFileSync(path.join(mine, '000000.png'), 'not a frame of ours');
    const io = capture();
    expect(await runCli(['render', ...small, '--format', 'png', '-o', mine], io)).toBe(2);
    expect(io.errLines).toEqual([`glyphreel: output folder ${mine} holds other files (scenes.json); a png sequence replaces the whole folder (name a new or empty folder for the frames, e.g. -o frames/)`]);
    expect(readdirSync(mine).sort()).toEqual(['000000.png', 'scenes.json']);
    expect(readFileSync(path.join(mine, 'scenes.json'), 'utf8')).toBe('{"keep": true}');
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
    // A folder that holds only an earlier sequence is replaced by the new one.
    rmSync(path.join(mine, 'scenes.json'));
    expect(await runCli(['render', ...small, '--format', 'png', '-o', mine], capture())).toBe(0);
    expect(readdirSync(mine)).toHaveLength(24);
    expect(readFileSync(path.join(mine, '000000.png')).subarray(1, 4).toString()).toBe('PNG');
  }, 60000);

  it('Ctrl-C stops the render, exits 130, keeps the old output and leaves no temporaries', async () => {
    const target = path.join(dir, 'long.mp4');
    writeFileSync(target, 'old');
    const long = path.join(dir, 'long.json');
    writeFileSync(long, JSON.stringify({ scenes: [{ name: 'long', end: 600, layers: [{ effect: 'plasma' }] }] }));
    const child = spawn(process.execPath, [bin, 'render', '--scenes', long, '-o', target, '--resolution', '320x180', '--fps', '12', '--workers', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (/render\s+\S+ [1-9]\d*\//.test(stderr)) {
          clearInterval(poll);
          resolve();
        }
      }, 100);
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('glyphreel: Render cancelled');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((f) => f.startsWith('.long'))).toEqual([]);
    expect(readdirSync(os.tmpdir()).filter((f) => f.startsWith('glyphreel-work-') && existsSync(path.join(os.tmpdir(), f, 's00_long_p00.mp4')))).toEqual([]);
  }, 60000);
});
