/**
 * Glyph palettes (catalog 6.2), data only so effects can name them without depending on @glyphreel/grid. Each
 * palette runs dark to bright and index 0 is a space. The catalog fixes each palette's name, length and family but
 * not its characters; these strings are ours, with exactly the catalogued lengths. @glyphreel/grid validates them
 * against the font (dropping glyphs it cannot draw, with a warning), resolves them to glyph ids and registers them.
 */
export const PAL_DEFAULT = ' .`\',:;-_~"^!=+<>*ioxaLO0&#%@';
export const PAL_DENSE = ' .:-=+*#%@▓█';
export const PAL_MINIMAL = ' ·•○◎◉●█';
export const PAL_BINARY = ' █';
export const PAL_GRADIENT = ' ░▒▓█';
export const PAL_BLOCKS = ' ░▒▄▀▌▐▓█';
export const PAL_BLOCKS_EXT = ' ░▘▝▖▗▒▚▞▀▄▓▙▟█';
export const PAL_SHADE = ' ▏▎░▍▌▒▋▊▓▉█';
export const PAL_MATH = ' ·∘∙+−×÷=≠≈∼∫∂∑∏√∞∆∇∈∀∃≡';
export const PAL_BOX = ' ─│┌┐└┘├┤┬┴┼═║╔╗╚╝╠╣╦╩╬';
export const PAL_CIRCUIT = ' .·-─│┼┤├○●□■◘◙╬█';
export const PAL_RUNE = ' .ᚠᚢᚦᚨᚱᚲᚷᚹᚺᚾᛁᛃ';
export const PAL_ALCHEMIC = ' ☉☽☿♀♁♂♃♄♅♆♇♈♉';
export const PAL_ZODIAC = ' ♈♉♊♋♌♍♎♏♐♑♒♓';
export const PAL_ARROWS = ' ←↑→↓↔↕↖↗↘↙⇐⇑⇒⇓';
export const PAL_MUSIC = ' ○♩♪♫♬♭♮♯●';
export const PAL_KATA = ' ･ｦｧｨｩｪｫｬｭｮｯｱｲｳｴｵｶｷｸ';
export const PAL_GREEK = ' αβγδεζηθικλμνξοπρστυφ';
export const PAL_CYRILLIC = ' абвгдежзийклмнопрстуфхцч';
export const PAL_ARABIC = ' ﺍﺏﺕﺙﺝﺡﺥﺩﺫﺭﺯﺱﺵﺹﺽﻁ';
export const PAL_DOTS = ' ·∙•◦∘○◎◉●';
export const PAL_BRAILLE = ' ⠁⠂⠄⠈⠃⠅⠆⠉⠊⠇⠋⠍⠎⠓⠏⠗⠛⠝⠞⠟⠯⠷⠻⠽⠿⡟⡯⡷⡿⢿⣟⣿';
export const PAL_STARS = ' ·⋆✧✦☆✩✪★✯';
export const PAL_HALFFILL = ' ◌○◔◐◑◒◓◕●';
export const PAL_HATCH = ' □▤▥▦▧▨▩';
export const PAL_HERMES = ' .·⚚☿⚕∆◇◈⌬⎔⏣⚙✦☉⟡⊛◉';
/** Ten glyphs but six distinct: ≈ covers five ramp slots on purpose (catalog 6.2: keep, do not de-duplicate). */
export const PAL_OCEAN = ' .~≈≈≈≈≈∽∿≋';
export const PAL_ORGANIC = ' .,·❀✿❁❃✾☘♣';
export const PAL_MACHINE = ' .-=≡⚙⌁⌂⌘⏚▣▦█';

/** Registry names (lower case, as scene files write them) → palette strings. */
export const PALETTES: Readonly<Record<string, string>> = Object.freeze({
  default: PAL_DEFAULT,
  dense: PAL_DENSE,
  minimal: PAL_MINIMAL,
  binary: PAL_BINARY,
  gradient: PAL_GRADIENT,
  blocks: PAL_BLOCKS,
  blocks_ext: PAL_BLOCKS_EXT,
  shade: PAL_SHADE,
  math: PAL_MATH,
  box: PAL_BOX,
  circuit: PAL_CIRCUIT,
  rune: PAL_RUNE,
  alchemic: PAL_ALCHEMIC,
  zodiac: PAL_ZODIAC,
  arrows: PAL_ARROWS,
  music: PAL_MUSIC,
  kata: PAL_KATA,
  greek: PAL_GREEK,
  cyrillic: PAL_CYRILLIC,
  arabic: PAL_ARABIC,
  dots: PAL_DOTS,
  braille: PAL_BRAILLE,
  stars: PAL_STARS,
  halffill: PAL_HALFFILL,
  hatch: PAL_HATCH,
  hermes: PAL_HERMES,
  ocean: PAL_OCEAN,
  organic: PAL_ORGANIC,
  machine: PAL_MACHINE,
});

/** Particle character sets (13; the README's "14" is a miscount). No space: every particle draws. */
export const PART_ENERGY = '·•*+✦✧✶✴★';
export const PART_SPARK = '·.*+✦\'`';
export const PART_LEAF = '❦❧☘♣✿❀⚘';
export const PART_SNOW = '·*❄❅❆✻✼';
export const PART_RAIN = '|│╎\'.,';
export const PART_BUBBLE = '°oO○◦∘◯';
export const PART_DATA = '01{}[]<>/\\|';
export const PART_HEX = '0123456789ABCDEF';
export const PART_BINARY = '01';
export const PART_RUNE = 'ᚠᚢᚦᚨᚱᚲᚷᚹᚺᚾᛁᛃᛇᛈ';
export const PART_ZODIAC = '♈♉♊♋♌♍♎♏♐♑♒♓';
export const PART_DOT = '·•●';
export const PART_DASH = '-–—=≡';

export const PARTICLE_SETS: Readonly<Record<string, string>> = Object.freeze({
  energy: PART_ENERGY,
  spark: PART_SPARK,
  leaf: PART_LEAF,
  snow: PART_SNOW,
  rain: PART_RAIN,
  bubble: PART_BUBBLE,
  data: PART_DATA,
  hex: PART_HEX,
  binary: PART_BINARY,
  rune: PART_RUNE,
  zodiac: PART_ZODIAC,
  dot: PART_DOT,
  dash: PART_DASH,
});

/** Inline character sets the reference uses (catalog 6.2, "Other inline char sets"). */
// ⬤ (the reference's last glyph) is wider than a monospace cell and was drawn cut in half.
export const CHARS_BOIDS = '·•●◦∘●';
export const CHARS_BOIDS_ARROWS = '▸▹►▻→⟶';
export const CHARS_FLOW = '·•∘◦°⋅';
export const CHARS_FLOW_EXAMPLE = '·•◦∘°';
export const CHARS_TRAILS = '·∘◦°⋅.,\'`';
export const CHARS_SCANBARS = '|║|!1l';
export const CHARS_EXPLOSION = '★✶✳✸✦✨*+';
export const CHARS_CURSOR = '▌';
export const CHARS_FIRE = '█▓▒░';

/** The base set always rasterized (catalog 6.2 `all_chars`): A–Z, a–z, 0–9 and ` .,-:;!?/|`. */
export const BASE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,-:;!?/|';

/** Code points of a string as separate glyph strings (handles astral characters). */
export function glyphsOf(text: string): string[] {
  return Array.from(text);
}
