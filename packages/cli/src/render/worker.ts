import { isGlyphreelError } from '@glyphreel/core';
import type { UnitResult, UnitTask } from './job.js';
import { renderUnit } from './unit.js';

/**
 * The tinypool worker entry. Errors cross the thread boundary as plain objects (class identity is lost), so a
 * GlyphreelError's code and hint are carried in the message for the main thread to rebuild.
 */
export default async function run(task: UnitTask): Promise<UnitResult> {
  try {
    return await renderUnit(task);
  } catch (e) {
    if (isGlyphreelError(e)) {
      const err = new Error(JSON.stringify({ glyphreel: true, code: e.code, message: e.message, hint: e.hint }));
      err.name = 'GlyphreelWorkerError';
      throw err;
    }
    throw e;
  }
}
