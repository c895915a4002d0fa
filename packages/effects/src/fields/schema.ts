import type { ArrayParam, BooleanParam, EnumParam, IntegerParam, NumberParam } from '@glyphreel/core';

/** Compact builders for parameter specs, so every schema line reads "default, min, max, what it does". */
export const num = (d: number, min: number, max: number, description?: string): NumberParam => ({
  type: 'number', default: d, min, max, ...(description ? { description } : {}),
});
export const int = (d: number, min: number, max: number, description?: string): IntegerParam => ({
  type: 'integer', default: d, min, max, ...(description ? { description } : {}),
});
export const bool = (d: boolean, description?: string): BooleanParam => ({
  type: 'boolean', default: d, ...(description ? { description } : {}),
});
export function oneOf<const V extends string>(values: readonly V[], d: NoInfer<V>, description?: string): EnumParam<V> {
  return { type: 'enum', values, default: d, ...(description ? { description } : {}) };
}
export const numList = (d: readonly number[], min: number, max: number, length: number, description?: string): ArrayParam => ({
  type: 'array', items: num(0, min, max), default: d, length, ...(description ? { description } : {}),
});
