import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { canvasApi, loadSystemFonts } from './canvas.js';

/** A font ready to draw with: the CSS family name it is registered under, and where it came from. */
export interface FontHandle {
  /** Unique family alias used in `ctx.font` (bundled and file fonts get a private alias, so system fonts of the same
   * name can never replace them). */
  readonly family: string;
  /** Human-readable name for messages. */
  readonly name: string;
  readonly source: 'bundled' | 'file' | 'system';
  /** The font file, when known. */
  readonly path?: string;
}

/** What a grid is drawn with: the primary font and the fonts tried, in order, for glyphs it lacks. */
export interface FontChain {
  readonly primary: FontHandle;
  readonly fallbacks: readonly FontHandle[];
  /** Stable key of the chain, for caches. */
  readonly key: string;
}

/**
 * A font option: a bundled DejaVu family name ("DejaVu Sans Mono", "DejaVu Sans Mono Bold" …), a system family name,
 * `"system-mono"` for the first monospace family of the per-OS probe list (catalog 6.3), or a path to a
 * .ttf/.otf/.ttc file.
 */
export type FontSpec = string;

const require = createRequire(import.meta.url);

/** The directory of TTFs shipped by the `dejavu-fonts-ttf` package. */
export function bundledFontDir(): string {
  return path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/** Bundled families (normalized name → file) — usable on a machine with no fonts installed. */
const BUNDLED: Readonly<Record<string, string>> = {
  'dejavu sans mono': 'DejaVuSansMono.ttf',
  'dejavu sans mono bold': 'DejaVuSansMono-Bold.ttf',
  'dejavu sans mono oblique': 'DejaVuSansMono-Oblique.ttf',
  'dejavu sans mono bold oblique': 'DejaVuSansMono-BoldOblique.ttf',
  'dejavu sans': 'DejaVuSans.ttf',
  'dejavu sans bold': 'DejaVuSans-Bold.ttf',
  'dejavu serif': 'DejaVuSerif.ttf',
  'dejavu serif bold': 'DejaVuSerif-Bold.ttf',
};

export const DEFAULT_FONT = 'DejaVu Sans Mono';
/** DejaVu Sans covers braille, ⬤, ⌬ ⎔ ⏣ ∿ that DejaVu Sans Mono lacks (measured); used after the primary font. */
export const DEFAULT_FALLBACKS: readonly string[] = ['DejaVu Sans'];

/** Monospace families probed for `system-mono`, per OS (catalog 6.3). */
export const SYSTEM_MONO_CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  darwin: ['Menlo', 'Monaco', 'SF Mono', 'Courier'],
  linux: ['DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans Mono', 'Ubuntu Mono'],
  win32: ['Consolas', 'Courier New', 'Lucida Console', 'Cascadia Code', 'Cascadia Mono'],
};

const normalize = (name: string) => name.trim().toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ');
const looksLikePath = (spec: string) => /\.(ttf|otf|ttc)$/i.test(spec) || spec.includes('/') || spec.includes('\\');

const handles = new Map<string, FontHandle>();
let aliasCounter = 0;

function registerFile(file: string, name: string, source: 'bundled' | 'file'): FontHandle {
  const abs = path.resolve(file);
  const cached = handles.get(`file:${abs}`);
  if (cached) return cached;
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    throw new GlyphreelError('E_FONT', `Font file not found: ${abs}`, {
      hint: 'pass an existing .ttf/.otf file, a bundled family ("DejaVu Sans Mono") or an installed family name',
    });
  }
  const family = `glyphreel-font-${++aliasCounter}`;
  const key = canvasApi().GlobalFonts.registerFromPath(abs, family);
  if (!key) {
    throw new GlyphreelError('E_FONT', `Could not load font file ${abs}: it is not a font the renderer can read`, {
      hint: 'use a TrueType (.ttf) or OpenType (.otf) font',
    });
  }
  const handle: FontHandle = { family, name, source, path: abs };
  handles.set(`file:${abs}`, handle);
  return handle;
}

function systemFamilies(): Map<string, string> {
  loadSystemFonts();
  const out = new Map<string, string>();
  for (const f of canvasApi().GlobalFonts.families) out.set(normalize(f.family), f.family);
  return out;
}

/**
 * Resolves a font option to a registered font. Order: a path; a bundled DejaVu family; `system-mono`; a system family
 * (this is the only case that scans the system font directories). Anything else is a GlyphreelError('E_FONT') that
 * lists what was tried.
 */
export function resolveFont(spec: FontSpec = DEFAULT_FONT): FontHandle {
  if (typeof spec !== 'string' || spec.trim() === '') {
    throw new GlyphreelError('E_FONT', `A font must be a family name or a font file path, got ${JSON.stringify(spec)}`);
  }
  if (looksLikePath(spec)) return registerFile(spec, path.basename(spec), 'file');
  const norm = normalize(spec);
  const bundled = BUNDLED[norm];
  if (bundled) return registerFile(path.join(bundledFontDir(), bundled), spec.trim(), 'bundled');
  const cached = handles.get(`system:${norm}`);
  if (cached) return cached;
  const families = systemFamilies();
  let tried: readonly string[];
  if (norm === 'system mono') {
    tried = SYSTEM_MONO_CANDIDATES[process.platform] ?? SYSTEM_MONO_CANDIDATES['linux']!;
  } else {
    tried = [spec.trim()];
  }
  for (const candidate of tried) {
    const family = families.get(normalize(candidate));
    if (family) {
      const handle: FontHandle = { family, name: family, source: 'system' };
      handles.set(`system:${norm}`, handle);
      return handle;
    }
  }
  throw new GlyphreelError(
    'E_FONT',
    `Font "${spec}" not found: tried ${tried.map((t) => `"${t}"`).join(', ')} among ${families.size} installed families ` +
      `and the bundled ${Object.keys(BUNDLED).map((b) => `"${b}"`).join(', ')}`,
    { hint: 'pass a path to a .ttf/.otf file, or install the font' },
  );
}

/** Resolves a primary font and its fallbacks (default: DejaVu Sans after the default DejaVu Sans Mono only). */
export function resolveFontChain(spec?: FontSpec, fallbacks?: readonly FontSpec[]): FontChain {
  const primary = resolveFont(spec ?? DEFAULT_FONT);
  const fbSpecs = fallbacks ?? (spec === undefined || normalize(spec) === normalize(DEFAULT_FONT) ? DEFAULT_FALLBACKS : []);
  const fb = fbSpecs.map((s) => resolveFont(s)).filter((h) => h.family !== primary.family);
  return { primary, fallbacks: fb, key: [primary, ...fb].map((h) => h.family).join('|') };
}

/** `ctx.font` value for one font at a pixel size. */
export function cssFont(handle: FontHandle, px: number): string {
  return `${px}px "${handle.family}"`;
}
