import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { canvasApi, loadSystemFonts } from './canvas.js';

/** A font ready to draw with: the CSS family name it is registered under, and where it came from. */
export interface FontHandle {
  /** Stable identity (file path or system family), for cache keys. */
  readonly id: string;
  /** Unique family alias used in `ctx.font` (bundled and file fonts get a private alias, so system fonts of the same
   * name can never replace them; derived from the file path). Bundled fonts are registered on first access. */
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

const unifontFile = () =>
  path.join(path.dirname(require.resolve('@fontsource/unifontex/package.json')), 'files', 'unifontex-latin-400-normal.woff');

/** Bundled families (normalized name → file) — usable on a machine with no fonts installed. */
const BUNDLED: Readonly<Record<string, () => string>> = {
  'dejavu sans mono': () => path.join(bundledFontDir(), 'DejaVuSansMono.ttf'),
  'dejavu sans mono bold': () => path.join(bundledFontDir(), 'DejaVuSansMono-Bold.ttf'),
  'dejavu sans mono oblique': () => path.join(bundledFontDir(), 'DejaVuSansMono-Oblique.ttf'),
  'dejavu sans mono bold oblique': () => path.join(bundledFontDir(), 'DejaVuSansMono-BoldOblique.ttf'),
  'dejavu sans': () => path.join(bundledFontDir(), 'DejaVuSans.ttf'),
  'dejavu sans bold': () => path.join(bundledFontDir(), 'DejaVuSans-Bold.ttf'),
  'dejavu serif': () => path.join(bundledFontDir(), 'DejaVuSerif.ttf'),
  'dejavu serif bold': () => path.join(bundledFontDir(), 'DejaVuSerif-Bold.ttf'),
  // GNU Unifont extended (@fontsource/unifontex, the whole BMP in one file despite the "latin" name): runes,
  // half-width katakana, ⟡ ⏚ ✨ and more that no DejaVu font has. WOFF 1 (FreeType reads it; measured faster to load
  // than the WOFF2: ~0.35 s vs ~0.8 s), registered only when a glyph first needs it.
  unifontex: unifontFile,
};

export const DEFAULT_FONT = 'DejaVu Sans Mono';
/**
 * Tried in order for glyphs DejaVu Sans Mono lacks (measured): DejaVu Sans restores braille, ⬤, ⌬ ⎔ ⏣ ∿ in DejaVu's
 * style; UnifontEX covers the rest of the core palettes (runes, half-width katakana, ⟡ ⏚ ✨).
 */
export const DEFAULT_FALLBACKS: readonly string[] = ['DejaVu Sans', 'UnifontEX'];

/** Monospace families probed for `system-mono`, per OS (catalog 6.3). */
export const SYSTEM_MONO_CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  darwin: ['Menlo', 'Monaco', 'SF Mono', 'Courier'],
  linux: ['DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans Mono', 'Ubuntu Mono'],
  win32: ['Consolas', 'Courier New', 'Lucida Console', 'Cascadia Code', 'Cascadia Mono'],
};

const normalize = (name: string) => name.trim().toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ');
const looksLikePath = (spec: string) => /\.(ttf|otf|ttc|woff2?)$/i.test(spec) || spec.includes('/') || spec.includes('\\');

const handles = new Map<string, FontHandle>();

function registerFile(file: string, name: string, source: 'bundled' | 'file'): FontHandle {
  const abs = path.resolve(file);
  const cached = handles.get(`file:${abs}`);
  if (cached) return cached;
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    throw new GlyphreelError('E_FONT', `Font file not found: ${abs}`, {
      hint: 'pass an existing .ttf/.otf file, a bundled family ("DejaVu Sans Mono") or an installed family name',
    });
  }
  let alias: string | undefined;
  const register = (): string => {
    if (alias !== undefined) return alias;
    // The font collection is per process (shared by worker threads and by every copy of this module), so the alias
    // is derived from the file path: the same file always gets the same alias, different files never share one.
    const family = `glyphreel-${createHash('sha256').update(abs).digest('hex').slice(0, 20)}`;
    const api = canvasApi();
    if (api.GlobalFonts.has(family)) {
      alias = family;
      return family;
    }
    if (!api.GlobalFonts.registerFromPath(abs, family)) {
      throw new GlyphreelError('E_FONT', `Could not load font file ${abs}: it is not a font the renderer can read`, {
        hint: 'use a TrueType (.ttf), OpenType (.otf) or WOFF font',
      });
    }
    alias = family;
    return family;
  };
  // A user's file is loaded now, so a bad file fails where it is named; bundled files (known good) when first drawn
  // with, so a fallback that is never needed costs nothing.
  if (source === 'file') register();
  const handle: FontHandle = {
    id: abs,
    get family() {
      return register();
    },
    name,
    source,
    path: abs,
  };
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
  if (bundled) return registerFile(bundled(), spec.trim(), 'bundled');
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
      const handle: FontHandle = { id: `system:${family}`, family, name: family, source: 'system' };
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

/** Resolves a primary font and its fallbacks (default: DejaVu Sans, then UnifontEX, after the default font only). */
export function resolveFontChain(spec?: FontSpec, fallbacks?: readonly FontSpec[]): FontChain {
  const primary = resolveFont(spec ?? DEFAULT_FONT);
  const fbSpecs = fallbacks ?? (spec === undefined || normalize(spec) === normalize(DEFAULT_FONT) ? DEFAULT_FALLBACKS : []);
  const fb = fbSpecs.map((s) => resolveFont(s)).filter((h) => h.id !== primary.id);
  return { primary, fallbacks: fb, key: [primary, ...fb].map((h) => h.id).join('|') };
}

/** `ctx.font` value for one font at a pixel size. */
export function cssFont(handle: FontHandle, px: number): string {
  return `${px}px "${handle.family}"`;
}
