import type { EffectDef } from '@glyphreel/core';
import { lyrics } from './lyrics-layer.js';

export type { Cue, ParseOptions } from './cue.js';
export { parseSrt } from './srt.js';
export { parseLrc, type LrcOptions } from './lrc.js';
export { CueTimeline } from './timeline.js';
export { cellWidth, textWidth, visualLine, type VisualLine } from './script.js';
export { wrapText, defaultMaxChars, PORTRAIT_MAX_CHARS, LANDSCAPE_MAX_CHARS } from './wrap.js';
export { layoutCues, CURSOR, type CueLayout } from './layout.js';
export { decodeLyricsText } from './text.js';
export { lyrics, loadCues, parseCueFile, parseCueBytes, LYRICS_MODES, FLASH_FLOOR, type LyricsMode } from './lyrics-layer.js';

/** The lyrics layer, registered by the inputs plugin. */
export const lyricsEffects: EffectDef<any>[] = [lyrics];
