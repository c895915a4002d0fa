import {
  createField,
  deriveSeed,
  GlyphreelError,
  isGlyphreelError,
  prefixError,
  Rng,
  type BlendDef,
  type CellEffectDef,
  type CellLayer,
  type FeatureFrame,
  type Field,
  type FrameContext,
  type GridGeometry,
  type HueDef,
  type MaskDef,
  type Registry,
  type RenderBudget,
  type RgbFrame,
  type SceneDef,
  type TransformDef,
  type ValueEffectDef,
} from '@glyphreel/core';
import { fieldToLayer, fieldToLayerRgb, type GridSceneRenderer } from '@glyphreel/grid';
import { applyTransform, type TransformedGrid } from '@glyphreel/effects';
import { blendFrames, createShaderChain, FeedbackBuffer, TONEMAP_STRIDE, tonemap, tonemapTableFromHistogram, type ShaderChain } from '@glyphreel/shaders';
import { holds } from '../project/validate.js';
import type { LayerSpec, ProjectSpec, Ref, SceneSpec } from '../project/types.js';
import { blendWithDef } from './blend-def.js';

/** A FrameContext the runtime updates in place each frame (no per-frame allocation). */
interface LiveContext extends FrameContext {
  t: number;
  frame: number;
  progress: number;
  features: FeatureFrame;
  replaying: boolean;
}

interface LayerRuntime {
  spec: LayerSpec;
  index: number;
  grid: GridGeometry;
  value?: { def: ValueEffectDef<any>; field: Field };
  cells?: CellEffectDef<any>;
  hue?: { def: HueDef<any>; field: Field | Uint8Array; params: Record<string, unknown> };
  palette?: Uint16Array;
  mask?: { def: MaskDef<any>; field: Field; params: Record<string, unknown> };
  transform?: { def: TransformDef<any>; params: Record<string, unknown>; grid: TransformedGrid | undefined };
  posts: Array<{ def: CellEffectDef<any>; params: Record<string, unknown>; ctx: LiveContext; rng: Rng; k: number }>;
  blend: { builtin: boolean; def: BlendDef };
  ctx: LiveContext;
  rng: Rng;
  /** Whether the layer's effect comes from a third-party plugin (its first drawn field is checked, checkField). */
  thirdParty: boolean;
  /** Set once the first drawn field has been checked. */
  checked: boolean;
  /** The grid's warning channel (the one glyph warnings take to the user). */
  warn: (message: string) => void;
}

export interface SceneRuntimeOptions {
  registry: Registry;
  renderer: GridSceneRenderer;
  scene: SceneSpec;
  fps: number;
  seed: number;
  budget: RenderBudget;
  /** Global index of the scene's first frame. */
  sceneFrameStart: number;
  /**
   * Draw a frame whose only layer is max-composited (lighten at opacity 1) through tonemap's table in one pass
   * (default true): the same bytes as drawing and then tonemapping, ≈ 3 ms less per 1080p frame. `false` is for
   * comparing the two.
   */
  fuseTonemap?: boolean;
}

const mkContext = (o: SceneRuntimeOptions, state: Record<string, unknown>, rng: Rng): LiveContext => ({
  t: 0,
  frame: 0,
  fps: o.fps,
  progress: 0,
  durationS: o.scene.end - o.scene.start,
  features: undefined as unknown as FeatureFrame,
  state,
  rng,
  budget: o.budget,
  replaying: false,
});

/**
 * Draws one scene frame by frame: layers (value field + hue + palette, or cell effects, then post effects, mask,
 * blend) → tonemap(gamma) → feedback → shader chain (+ the beat-conditional extras). Everything random comes from
 * streams reseeded per (run seed, scene, layer, frame index), so frame i is the same whether a worker starts at
 * the scene's first frame or replays up to i; only effect state (particles, simulations) is carried, and `advance`
 * replays it without drawing.
 */
export class SceneRuntime {
  private readonly layers: LayerRuntime[] = [];
  private readonly chain: ShaderChain;
  private readonly extras: Array<{ when: SceneSpec['extras'][number]['when']; chain: ShaderChain }>;
  private readonly feedback: FeedbackBuffer | null;
  private readonly shaderRng = new Rng(0);
  private readonly fuse: boolean;
  private readonly hist = new Int32Array(256);
  private readonly tonemapMap = new Uint8Array(256);
  /** tonemap's options, made once rather than per frame. */
  private readonly tonemapOptions: { gamma: number };
  private readonly custom: { def: SceneDef<any>; params: Record<string, unknown>; ctx: LiveContext & { renderer: GridSceneRenderer; width: number; height: number }; rng: Rng } | null = null;
  readonly scene: SceneSpec;

  constructor(private readonly o: SceneRuntimeOptions) {
    const { registry, renderer, scene } = o;
    this.scene = scene;
    this.tonemapOptions = { gamma: scene.gamma };
    this.chain = createShaderChain(registry, scene.shaders.map((s) => [s.name, s.params] as const));
    this.extras = scene.extras.map((x) => ({ when: x.when, chain: createShaderChain(registry, x.shaders.map((s) => [s.name, s.params] as const)) }));
    this.feedback = scene.feedback ? new FeedbackBuffer() : null;
    // A custom scene draws into the frame before the layers: its frame is never a single layer's.
    this.fuse = (o.fuseTonemap ?? true) && !scene.scene;
    if (scene.scene) {
      const rng = new Rng(0);
      const base = mkContext(o, {}, rng);
      this.custom = {
        def: registry.get('scenes', scene.scene.name).def as SceneDef<any>,
        params: scene.scene.params,
        ctx: Object.assign(base, { renderer, width: renderer.width, height: renderer.height }),
        rng,
      };
    }
    scene.layers.forEach((spec, index) => this.layers.push(this.buildLayer(spec, index)));
  }

  private buildLayer(spec: LayerSpec, index: number): LayerRuntime {
    const { registry, renderer } = this.o;
    const grid = renderer.grid(spec.grid);
    const rng = new Rng(0);
    const ctx = mkContext(this.o, {}, rng);
    const entry = registry.get('effects', spec.effect.name);
    const blendEntry = registry.get('blends', spec.blend);
    const layer: LayerRuntime = {
      spec,
      index,
      grid,
      posts: spec.post.map((p: Ref, k) => {
        const prng = new Rng(0);
        return { def: registry.get('effects', p.name).def as CellEffectDef<any>, params: p.params, ctx: mkContext(this.o, {}, prng), rng: prng, k };
      }),
      blend: { builtin: blendEntry.builtin, def: blendEntry.def as BlendDef },
      ctx,
      rng,
      thirdParty: !entry.builtin,
      checked: false,
      warn: grid.onWarning,
    };
    if (spec.kind === 'value') {
      layer.value = { def: entry.def as ValueEffectDef<any>, field: createField(grid) };
      layer.palette = grid.glyphIds(spec.palette);
      if (typeof spec.hue !== 'number') {
        const hue = registry.get('hues', spec.hue.name).def as HueDef<any>;
        layer.hue = { def: hue, params: spec.hue.params, field: hue.output === 'rgb' ? new Uint8Array(grid.rows * grid.cols * 3) : createField(grid) };
      }
    } else {
      layer.cells = entry.def as CellEffectDef<any>;
    }
    if (spec.transform) layer.transform = { def: registry.get('transforms', spec.transform.name).def as TransformDef<any>, params: spec.transform.params, grid: undefined };
    if (spec.mask) layer.mask = { def: registry.get('masks', spec.mask.name).def as MaskDef<any>, field: createField(grid), params: spec.mask.params };
    return layer;
  }

  private setTime(ctx: LiveContext, local: number, features: FeatureFrame, replaying: boolean): void {
    ctx.frame = local;
    ctx.t = local / this.o.fps;
    ctx.progress = Math.min(ctx.t / (this.scene.end - this.scene.start), 1);
    ctx.features = features;
    ctx.replaying = replaying;
  }

  /**
   * Runs the layers' asynchronous `prepare` hooks for global frame `i` (decode the next video frame, load an image).
   * Call it before `render(i)`; replayed frames need none.
   */
  async prepare(i: number, features: FeatureFrame): Promise<void> {
    const local = i - this.o.sceneFrameStart;
    for (const L of this.layers) {
      if (L.spec.when && !holds(L.spec.when, features.get(L.spec.when.feature))) continue;
      try {
        if (L.cells?.prepare) {
          this.setTime(L.ctx, local, features, false);
          await L.cells.prepare(L.grid, L.ctx, L.spec.effect.params as never);
        }
      } catch (e) {
        throw this.failed(L, 'effect', L.spec.effect.name, e, ' (prepare)');
      }
      for (const p of L.posts) {
        if (!p.def.prepare) continue;
        this.setTime(p.ctx, local, features, false);
        try {
          await p.def.prepare(L.grid, p.ctx, p.params as never);
        } catch (e) {
          throw this.failed(L, `post[${p.k}] effect`, L.spec.post[p.k]!.name, e, ' (prepare)');
        }
      }
    }
  }

  /** Lets layers release what they hold (video readers, child processes). Safe to call more than once. */
  async dispose(): Promise<void> {
    for (const L of this.layers) {
      try {
        await L.cells?.dispose?.(L.ctx.state);
      } catch (e) {
        throw this.failed(L, 'effect', L.spec.effect.name, e, ' (dispose)');
      }
      for (const p of L.posts) {
        try {
          await p.def.dispose?.(p.ctx.state);
        } catch (e) {
          throw this.failed(L, `post[${p.k}] effect`, L.spec.post[p.k]!.name, e, ' (dispose)');
        }
      }
    }
    // WebAssembly memory is not garbage-collected with the runtime: a long render makes one runtime per unit.
    this.feedback?.release();
    this.chain.release();
    for (const x of this.extras) x.chain.release();
  }

  /** Advances effect state through global frame `i` without drawing (a unit that starts mid-scene replays). */
  advance(i: number, features: FeatureFrame): void {
    this.step(i, features, null);
  }

  /** Draws global frame `i` into a pooled frame of the renderer and returns it (valid until the next beginFrame). */
  render(i: number, features: FeatureFrame): RgbFrame {
    this.o.renderer.beginFrame();
    // Left uncleared when a single direct layer may overwrite every byte; step() clears it before anything else draws.
    const frame = this.o.renderer.frame({ clear: !this.fuse });
    return this.step(i, features, frame) as RgbFrame;
  }

  private step(i: number, features: FeatureFrame, frame: RgbFrame | null): RgbFrame | null {
    const { renderer, seed } = this.o;
    const local = i - this.o.sceneFrameStart;
    const replaying = frame === null;
    const sceneId = this.scene.id;
    let out = frame;
    // An uncleared frame (fused mode) is cleared before the first thing that does not overwrite it draws.
    let cleared = !this.fuse;
    // The first layer, when it would be max-composited onto the black frame, waits: if no other layer draws, it is
    // drawn through tonemap's table (fused); otherwise it is drawn as usual before the next one.
    let single: LayerRuntime | null = null;
    let singleCells: CellLayer | null = null;
    let drawn = 0;
    if (this.custom) {
      const c = this.custom;
      this.setTime(c.ctx, local, features, replaying);
      c.rng.reseed(deriveSeed(seed, sceneId, 'scene', i));
      let drawn: RgbFrame;
      try {
        drawn = c.def.render(c.ctx, c.params as never);
      } catch (e) {
        throw this.failed(null, 'scene', this.scene.scene!.name, e);
      }
      if (frame && drawn !== frame) {
        if (drawn.width !== frame.width || drawn.height !== frame.height) {
          throw new GlyphreelError('E_RENDER', `Scene "${this.scene.name}": custom scene returned a ${drawn.width}×${drawn.height} frame, expected ${frame.width}×${frame.height}`);
        }
        frame.data.set(drawn.data);
      }
    }
    for (const L of this.layers) {
      if (L.spec.when && !holds(L.spec.when, features.get(L.spec.when.feature))) continue;
      this.setTime(L.ctx, local, features, replaying);
      L.rng.reseed(deriveSeed(seed, sceneId, L.index, i));
      let cells: CellLayer | null = null;
      // What is running, for an exception from plugin code (see failed); set before each call into an entry.
      let stage = 'effect';
      let stageName = L.spec.effect.name;
      try {
        if (L.value) {
          // A transformed layer samples its field through new coordinates (a reused grid-like object, no allocation).
          const t = L.transform;
          if (t) {
            stage = 'transform';
            stageName = L.spec.transform!.name;
          }
          const g = t ? (t.grid = applyTransform(t.def, L.grid, L.ctx, t.params as never, t.grid)) : L.grid;
          stage = 'effect';
          stageName = L.spec.effect.name;
          // A pure field carries nothing to the next frame: replaying it would be wasted work.
          const skip = replaying && L.value.def.pure === true && L.posts.length === 0;
          if (!skip) L.value.def.fill(L.value.field, g, L.ctx, L.spec.effect.params as never);
          if (!replaying && !L.checked) checkField(L);
          if (!replaying || L.posts.length) {
            if (L.hue) {
              stage = 'hue';
              stageName = (L.spec.hue as Ref).name;
            }
            cells = this.colourValueLayer(L);
          }
        } else {
          cells = renderer.layer(L.grid);
          L.cells!.draw(cells, L.grid, L.ctx, L.spec.effect.params as never);
        }
        for (const p of L.posts) {
          stage = `post[${p.k}] effect`;
          stageName = L.spec.post[p.k]!.name;
          this.setTime(p.ctx, local, features, replaying);
          p.rng.reseed(deriveSeed(seed, sceneId, L.index, 'post', p.k, i));
          p.def.draw(cells!, L.grid, p.ctx, p.params as never);
        }
        if (!replaying && out && L.mask) {
          stage = 'mask';
          stageName = L.spec.mask!.name;
          L.mask.def.fill(L.mask.field, L.grid, L.ctx, L.mask.params as never);
        }
      } catch (e) {
        throw this.failed(L, stage, stageName, e);
      }
      if (replaying || !out) continue;
      if (L.mask) maskColours(cells!, L.mask.field);
      if (this.fuse && drawn++ === 0 && isDirect(L)) {
        single = L;
        singleCells = cells;
        continue;
      }
      if (!cleared) renderer.clearFrame(out);
      cleared = true;
      if (single) {
        renderer.render(single.grid, singleCells!, out);
        single = null;
      }
      this.composite(L, cells!, out);
    }
    if (!out) {
      if (this.feedback) throw new GlyphreelError('E_RENDER', `Scene "${this.scene.name}" uses feedback and cannot be replayed without drawing`);
      return null;
    }
    if (single) {
      // tonemap's histogram read from the cells, and its table applied as the glyphs are drawn: the bytes of drawing
      // the layer and then calling tonemap, without the two passes over the frame.
      this.hist.fill(0);
      const samples = renderer.histogram(single.grid, singleCells!, TONEMAP_STRIDE, this.hist);
      renderer.renderMapped(single.grid, singleCells!, out, tonemapTableFromHistogram(this.hist, samples, this.tonemapOptions, this.tonemapMap));
    } else {
      if (!cleared) renderer.clearFrame(out);
      tonemap(out, this.tonemapOptions);
    }
    if (this.feedback && this.scene.feedback) out = this.feedback.apply(out, this.scene.feedback);
    const t = local / this.o.fps;
    this.shaderRng.reseed(deriveSeed(seed, sceneId, 'shaders', i));
    this.chain.apply(out, { t, features, rng: this.shaderRng });
    for (const x of this.extras) if (holds(x.when, features.get(x.when.feature))) x.chain.apply(out, { t, features, rng: this.shaderRng });
    return out;
  }

  /**
   * An exception from plugin code, with the entry and the layer's position in front (`layers[0] effect mine/waves:
   * boom`), as E_RENDER: the render adds the scene and the frame. A GlyphreelError keeps its code and hint; a
   * built-in entry's passes unchanged, since its messages name what went wrong already.
   */
  private failed(L: LayerRuntime | null, what: string, name: string, e: unknown, suffix = ''): unknown {
    const entryKind = what.endsWith('effect') ? 'effects' : what === 'hue' ? 'hues' : what === 'mask' ? 'masks' : what === 'transform' ? 'transforms' : 'scenes';
    const builtin = this.o.registry.find(entryKind, name)?.builtin ?? false;
    return builtin && isGlyphreelError(e) ? e : prefixError(e, `${L ? `layers[${L.index}] ` : ''}${what} ${name}${suffix}`);
  }

  private colourValueLayer(L: LayerRuntime): CellLayer {
    const cells = this.o.renderer.layer(L.grid);
    const v = L.value!;
    const { spec } = L;
    if (!L.hue) return fieldToLayer(cells, v.field, spec.hue as number, L.palette!, spec.saturation, spec.threshold);
    L.hue.def.fill(L.hue.field as never, L.grid, L.ctx, L.hue.params as never);
    if (L.hue.def.output === 'rgb') return fieldToLayerRgb(cells, v.field, L.hue.field as Uint8Array, L.palette!, spec.threshold);
    return fieldToLayer(cells, v.field, L.hue.field as Field, L.palette!, spec.saturation, spec.threshold);
  }

  private composite(L: LayerRuntime, cells: CellLayer, out: RgbFrame): void {
    const { renderer } = this.o;
    // The reference's multi-grid rendering is per-channel max into one canvas: `lighten` at full opacity is
    // exactly that, drawn straight into the frame without a temporary.
    if (isDirect(L)) {
      renderer.render(L.grid, cells, out);
      return;
    }
    const top = renderer.frame();
    renderer.render(L.grid, cells, top);
    if (L.blend.builtin) blendFrames(out.data, top.data, L.blend.def.name, L.spec.opacity, out.data);
    else blendWithDef(L.blend.def, out.data, top.data, L.spec.opacity, out.data);
  }
}

/**
 * Checks the first field a third-party value effect draws, once: values belong in [0, 1], NaN draws a blank cell and
 * anything outside is clamped, both silently. The first bad cell is reported through the grid's warning channel
 * (the one glyph warnings take: `warning: …` after the frame or the render).
 */
function checkField(L: LayerRuntime): void {
  L.checked = true;
  if (!L.thirdParty) return;
  const f = L.value!.field;
  for (let i = 0; i < f.length; i++) {
    const v = f[i] as number;
    if (v >= 0 && v <= 1) continue;
    L.warn(`layer ${L.index} (${L.spec.effect.name}) wrote ${Number.isNaN(v) ? 'NaN' : v} at cell ${i}: a value effect writes values in [0, 1]; NaN draws a blank cell and values outside are clamped`);
    return;
  }
}

/** A layer max-composited straight into the frame: the built-in `lighten` at full opacity. */
function isDirect(L: LayerRuntime): boolean {
  return L.spec.blend === 'lighten' && L.spec.opacity === 1 && L.blend.builtin;
}

/**
 * Whether replaying the scene (advancing it without drawing, what a unit that starts mid-scene does) costs next to
 * nothing: no custom scene module and only pure value fields without cell post effects, which the replay skips.
 */
export function replaysForFree(scene: SceneSpec, registry: Registry): boolean {
  if (scene.scene) return false;
  return scene.layers.every((l) => l.kind === 'value' && l.post.length === 0 && (registry.find('effects', l.effect.name)?.def as { pure?: boolean } | undefined)?.pure === true);
}

/**
 * The glyphs a project's value layers use, to rasterize at start-up instead of every palette core defines (cell
 * effects add theirs lazily on first use). Cuts a test frame's cold start.
 */
/** The grid size keys the project's layers draw on (what the main thread rasterizes atlases for). */
export function projectGridSizes(project: ProjectSpec): string[] {
  return [...new Set(project.scenes.flatMap((sc) => sc.layers.map((l) => l.grid)))];
}

export function projectChars(project: ProjectSpec): string {
  const set = new Set<string>();
  for (const sc of project.scenes) for (const l of sc.layers) if (l.kind === 'value') for (const c of l.palette) set.add(c);
  return [...set].join('');
}

/**
 * Masks at cell level: each cell's colour × its mask value. For glyphs on black this equals the pixel-level
 * application aligned to the real cell geometry (within truncation) at a fraction of the cost.
 */
function maskColours(cells: CellLayer, mask: Field): void {
  const c = cells.colors;
  for (let i = 0; i < mask.length; i++) {
    const m = mask[i] as number;
    if (m >= 1) continue;
    const k = i * 3;
    if (m <= 0) {
      c[k] = c[k + 1] = c[k + 2] = 0;
      continue;
    }
    c[k] = (c[k]! * m) | 0;
    c[k + 1] = (c[k + 1]! * m) | 0;
    c[k + 2] = (c[k + 2]! * m) | 0;
  }
}
