import { createRequire } from 'node:module';
import type * as CanvasModule from '@napi-rs/canvas';

export type Canvas = typeof CanvasModule;

let canvasModule: Canvas | undefined;
let systemFontsLoaded = false;

/**
 * Loads @napi-rs/canvas on first use. The package scans every system font directory at load time unless
 * DISABLE_SYSTEM_FONTS_LOAD is set, which is slow and would let the machine's fonts change the output; an ESM static
 * import would run before we could set the variable, hence the lazy require. A user who sets the variable to
 * anything (even an empty value) keeps their choice.
 */
export function canvasApi(): Canvas {
  if (canvasModule === undefined) {
    if (process.env['DISABLE_SYSTEM_FONTS_LOAD'] === undefined) process.env['DISABLE_SYSTEM_FONTS_LOAD'] = '1';
    const require = createRequire(import.meta.url);
    canvasModule = require('@napi-rs/canvas') as Canvas;
    // The package loads system fonts itself when the variable was unset (e.g. someone imported it before us).
    systemFontsLoaded = !process.env['DISABLE_SYSTEM_FONTS_LOAD'];
  }
  return canvasModule;
}

/** Scans the system font directories once; only done when a system family is asked for by name. */
export function loadSystemFonts(): void {
  const api = canvasApi();
  if (systemFontsLoaded) return;
  const fonts = api.GlobalFonts as unknown as { loadSystemFonts?: () => number; loadFontsFromDir(p: string): number };
  fonts.loadSystemFonts?.();
  const home = process.env['HOME'] ?? process.env['USERPROFILE'] ?? '';
  if (home) {
    if (process.platform === 'darwin') fonts.loadFontsFromDir(`${home}/Library/Fonts`);
    else if (process.platform === 'win32') fonts.loadFontsFromDir(`${home}\\AppData\\Local\\Microsoft\\Windows\\Fonts`);
    else {
      fonts.loadFontsFromDir(`${home}/.fonts`);
      fonts.loadFontsFromDir(`${home}/.local/share/fonts`);
    }
  }
  systemFontsLoaded = true;
}
