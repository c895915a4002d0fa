import { findFfmpeg } from '@glyphreel/encode';

let configured: string | undefined;
let found: Promise<string> | undefined;

/**
 * Sets the ffmpeg binary the `video` and `image` layers use. Effects get no ffmpeg in their context, so the CLI
 * calls this once per thread (worker threads included) with the binary it discovered; without it the layers run
 * encode's `findFfmpeg()` (GLYPHREEL_FFMPEG, PATH, then the bundled binary) once and reuse the answer.
 */
export function setMediaFfmpegPath(ffmpegPath: string | undefined): void {
  configured = ffmpegPath;
}

/** The ffmpeg binary for media layers: the configured one, else the one `findFfmpeg()` discovers (cached). */
export async function mediaFfmpegPath(): Promise<string> {
  if (configured) return configured;
  if (!found) {
    found = findFfmpeg().then((info) => info.path);
    // a failed discovery is not cached: the user may fix the setup and retry in the same process
    found.catch(() => {
      found = undefined;
    });
  }
  return found;
}
