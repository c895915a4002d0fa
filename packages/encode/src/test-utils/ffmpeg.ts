import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFfmpeg, type FfmpegInfo } from '../discover.js';
import { runFfmpegBytes } from '../run.js';

let info: Promise<FfmpegInfo> | undefined;
/** The real ffmpeg the suite runs against (PATH or bundled; never a mock). */
export function realFfmpeg(): Promise<FfmpegInfo> {
  info ??= findFfmpeg();
  return info;
}

const dirs: string[] = [];
export function tempDir(name = 'enc'): string {
  const d = mkdtempSync(path.join(os.tmpdir(), `glyphreel-test-${name}-`));
  dirs.push(d);
  return d;
}
export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Everything in a directory that is not in `expected` (leftover temp files show up here). */
export function extraFiles(dir: string, expected: readonly string[]): string[] {
  return readdirSync(dir).filter((f) => !expected.includes(f));
}

/**
 * A deterministic frame that varies with i: a moving bright bar over a gradient, with the frame index written into
 * the first three bytes so that a mix-up of frames is visible in lossless outputs.
 */
export function fillFrame(buf: Uint8Array, width: number, height: number, i: number): Uint8Array {
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const bar = (x + i * 3) % width < 6 ? 200 : 0;
      buf[o] = (x * 4 + i) & 255;
      buf[o + 1] = (y * 6 + bar) & 255;
      buf[o + 2] = (i * 7 + x * y) & 255;
    }
  }
  buf[0] = i & 255;
  buf[1] = (i >> 8) & 255;
  buf[2] = 0x5a;
  return buf;
}

/** All frames of a video (or png directory via `input` args) as rgb24 bytes. */
export async function decodeRgb(bin: string, inputArgs: string[]): Promise<Uint8Array> {
  return runFfmpegBytes(bin, [...inputArgs, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { what: 'decoding for a test' });
}

/** Mono 16-bit samples of an audio file at its own rate. */
export async function decodePcm(bin: string, file: string): Promise<Int16Array> {
  const b = await runFfmpegBytes(bin, ['-i', file, '-f', 's16le', '-ac', '1', '-'], { what: 'decoding audio for a test' });
  return new Int16Array(b.buffer.slice(b.byteOffset, b.byteOffset + (b.byteLength & ~1)));
}
