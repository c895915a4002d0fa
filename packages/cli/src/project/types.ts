/**
 * The normalized project a scene file describes, after validation: every name resolved against the registry and
 * every parameter checked and defaulted. Workers receive the raw file path and validate it themselves (functions
 * never cross threads), so this shape is also what they render from.
 */

export interface Ref {
  /** The registry name as written (bare for built-ins, `plugin/name` otherwise). */
  name: string;
  params: Record<string, unknown>;
}

/** A feature test: `{ feature: 'bdecay', gt: 0.4 }`. All given bounds must hold. */
export interface Condition {
  feature: string;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export interface LayerSpec {
  effect: Ref;
  /** 'value' effects go through palette + hue; 'cells' effects draw glyphs themselves. */
  kind: 'value' | 'cells';
  grid: string;
  /** Value layers: the glyph ramp (resolved palette string). */
  palette: string;
  /** Value layers: a hue field, or a constant hue in [0,1). */
  hue: Ref | number;
  saturation: number;
  threshold: number;
  /** Blend onto what the layers below drew. `lighten` at opacity 1 is the reference's max compositing. */
  blend: string;
  opacity: number;
  mask: Ref | null;
  /** Value layers: a coordinate transform (rotate, tile, polar, twist …) the field is sampled through. */
  transform: Ref | null;
  /** Cell effects applied to this layer's cells after it is drawn (glitch, shake, scan bars …). */
  post: Ref[];
  when: Condition | null;
}

export interface FeedbackSpec {
  decay: number;
  blend: string;
  opacity: number;
  transform: 'zoom' | 'shrink' | 'rotate_cw' | 'rotate_ccw' | 'shift_up' | 'shift_down' | 'mirror_h' | null;
  transformAmt: number;
  hueShift: number;
}

export interface ExtraSpec {
  when: Condition;
  shaders: Ref[];
}

export interface SceneSpec {
  /** `s00_name`: the id `glyphreel list` prints and `--clip` selects. */
  id: string;
  name: string;
  start: number;
  end: number;
  grid: string;
  gamma: number;
  layers: LayerSpec[];
  /** A custom scene from the registry replaces the layers. */
  scene: Ref | null;
  shaders: Ref[];
  feedback: FeedbackSpec | null;
  extras: ExtraSpec[];
  /**
   * How this scene comes in: over its first `durationS` seconds a registered transition goes from the previous
   * scene (which keeps running past its end) to this one; from black for the first scene. null: a hard cut.
   */
  transition: TransitionSpec | null;
}

export interface TransitionSpec extends Ref {
  durationS: number;
}

export interface ProjectSpec {
  /** Where it came from (for messages and for workers). */
  file: string | null;
  seed: number;
  /** Synthetic-feature tempo when there is no audio. */
  bpm: number;
  plugins: string[];
  audio: string | null;
  /** Voice clips mixed over the soundtrack; `atS` absent: placed automatically. */
  narration: Array<{ file: string; atS?: number }>;
  scenes: SceneSpec[];
  durationS: number;
}
