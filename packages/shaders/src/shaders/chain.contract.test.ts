import { describe, expect, test } from '@jest/globals';
import { createFrame, defineShader, definePlugin, GlyphreelError, PLUGIN_API_VERSION, Registry, type RgbFrame } from '@glyphreel/core';
import { shadersPlugin } from '../plugin.js';
import { createShaderChain, shaderDefs } from './index.js';

// A shader changes frame.data in place and returns nothing; the chain holds plugin shaders to that, naming them.
const rt = definePlugin({
  name: 'rt',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  shaders: [
    defineShader({ name: 'retsmall', params: {}, apply: ((_frame: RgbFrame) => createFrame(16, 16)) as never }),
    defineShader({
      name: 'assignsmall',
      params: {},
      apply(frame) {
        Object.assign(frame, { data: new Uint8Array(16 * 16 * 3), width: 16, height: 16 });
      },
    }),
    defineShader({ name: 'swapdata', params: {}, apply: (frame) => void Object.assign(frame, { data: new Uint8Array(frame.data.length) }) }),
    defineShader({ name: 'resize', params: {}, apply: (frame) => void Object.assign(frame, { width: 16 }) }),
    defineShader({
      name: 'throws',
      params: {},
      apply() {
        throw new Error('boom in shader');
      },
    }),
    defineShader({
      name: 'refuses',
      params: {},
      apply() {
        throw new GlyphreelError('E_INPUT', 'cannot read lut.cube', { hint: 'check the path' });
      },
    }),
    defineShader({ name: 'fill', params: {}, apply: (frame) => void frame.data.fill(9) }),
  ],
});
const registry = new Registry().register(shadersPlugin, { builtin: true }).register(rt);

function failure(steps: string[], frame = createFrame(32, 18)): GlyphreelError {
  try {
    createShaderChain(registry, steps.map((s) => [s] as const)).apply(frame);
  } catch (e) {
    expect(e).toBeInstanceOf(GlyphreelError);
    return e as GlyphreelError;
  }
  throw new Error('expected the chain to fail');
}

describe('ShaderChain: the shader contract', () => {
  test.each([[['rt/assignsmall']], [['invert', 'rt/assignsmall']]])('a shader that replaces frame.data and resizes is named (%j)', (steps) => {
    const frame = createFrame(32, 18);
    const data = frame.data;
    const e = failure(steps, frame);
    expect([e.code, e.exitCode]).toEqual(['E_PLUGIN', 1]);
    expect(e.message).toBe(
      'shader rt/assignsmall changed the frame from 32×18 to 16×16 (frame.data replaced, 768 bytes): a shader changes frame.data in place; it must not replace it or change the size',
    );
    expect(e.hint).toBe('write the pixels into frame.data, e.g. frame.data.set(pixels), and leave width, height and data as they are');
    // The frame is put back as it was, so the caller's pooled frame stays usable.
    expect([frame.width, frame.height, frame.data]).toEqual([32, 18, data]);
    expect(frame.data).toBe(data);
  });

  test('a shader that replaces frame.data with one of the same size, or changes the width, is named', () => {
    expect(failure(['rt/swapdata']).message).toBe(
      'shader rt/swapdata changed the frame from 32×18 to 32×18 (frame.data replaced, 1728 bytes): a shader changes frame.data in place; it must not replace it or change the size',
    );
    expect(failure(['rt/resize']).message).toMatch(/^shader rt\/resize changed the frame from 32×18 to 16×18: a shader changes frame.data in place/);
  });

  test('a shader that returns a frame is an error, not silently ignored', () => {
    const e = failure(['rt/fill', 'rt/retsmall']);
    expect(e.code).toBe('E_PLUGIN');
    expect(e.toLine()).toBe(
      'shader rt/retsmall returned a frame, which would be ignored: a shader changes frame.data in place and returns nothing (copy the result into frame.data, e.g. frame.data.set(result.data), and return nothing)',
    );
  });

  test('an exception from a shader names it; a GlyphreelError keeps its code and hint', () => {
    const e = failure(['invert', 'rt/throws']);
    expect([e.code, e.message]).toEqual(['E_RENDER', 'shader rt/throws: boom in shader']);
    expect((e.cause as Error).message).toBe('boom in shader');
    const g = failure(['rt/refuses']);
    expect([g.code, g.message, g.hint]).toEqual(['E_INPUT', 'shader rt/refuses: cannot read lut.cube', 'check the path']);
  });

  test('every built-in shader keeps to the contract on a heap frame', () => {
    for (const def of shaderDefs) {
      const frame = createFrame(24, 14);
      frame.data.fill(100);
      expect(() => createShaderChain(registry, [[def.name]]).apply(frame)).not.toThrow();
    }
  });
});
