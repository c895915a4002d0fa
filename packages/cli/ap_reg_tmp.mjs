import { Registry } from '@glyphreel/core';
export async function reg() {
  const r = new Registry();
  for (const m of ['@glyphreel/grid', '@glyphreel/effects', '@glyphreel/shaders']) { const mod = await import(m); const p = [mod.default, ...Object.values(mod)].find((x) => x && typeof x === 'object' && typeof x.name === 'string' && 'apiVersion' in x); r.register(p, { builtin: true }); }
  return r;
}
