import type { GridSizeKey } from './types.js';

/** Font size in px of each grid size key (catalog 6.1), before the quality profile's grid scale. */
export const GRID_SIZE_PX: Readonly<Record<GridSizeKey, number>> = Object.freeze({
  xs: 8,
  sm: 10,
  md: 16,
  lg: 20,
  xl: 24,
  xxl: 40,
});

export const GRID_SIZE_KEYS: readonly GridSizeKey[] = ['xs', 'sm', 'md', 'lg', 'xl', 'xxl'];

export function isGridSizeKey(key: string): key is GridSizeKey {
  return Object.prototype.hasOwnProperty.call(GRID_SIZE_PX, key);
}
