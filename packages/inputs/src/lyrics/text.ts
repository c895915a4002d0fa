import { GlyphreelError } from '@glyphreel/core';

/**
 * Decodes a lyrics file's bytes. UTF-8 (with or without a BOM) is the format; UTF-16 is accepted only with its BOM,
 * which is what Windows editors write when they save "Unicode". Anything else is an error rather than a guess: a
 * Latin-1 or Windows-1252 file read as UTF-8 would silently turn every accent into U+FFFD.
 */
export function decodeLyricsText(bytes: Uint8Array, file: string): string {
  const notText = (why: string) =>
    new GlyphreelError('E_INPUT', `${file} is not UTF-8 text${why}; save it as UTF-8`, { hint: 'in the editor: Save As… → Encoding: UTF-8' });
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decode('utf-16le', bytes.subarray(2), notText);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decode('utf-16le', swapPairs(bytes.subarray(2)), notText);
  else {
    const utf8 = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    text = decode('utf-8', utf8, notText);
  }
  // NUL never occurs in text: this is UTF-16 without its BOM (valid UTF-8 byte for byte) or a binary file.
  if (text.includes('\0')) throw notText(' (it contains NUL bytes: a binary file, or UTF-16 without a byte-order mark)');
  return text;
}

function decode(encoding: 'utf-8' | 'utf-16le', bytes: Uint8Array, fail: (why: string) => GlyphreelError): string {
  try {
    // ignoreBOM: the BOM was consumed above; a second one would be content.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw fail(encoding === 'utf-8' ? '' : ' (broken UTF-16)');
  }
}

/** UTF-16BE → LE byte order (an odd trailing byte stays and makes the fatal decoder fail). */
function swapPairs(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  for (let i = 0; i + 1 < b.length; i += 2) {
    out[i] = b[i + 1] as number;
    out[i + 1] = b[i] as number;
  }
  if (b.length % 2) out[b.length - 1] = b[b.length - 1] as number;
  return out;
}

/** Control characters (C0, DEL, C1) as `\xNN` so an error line quoting file content stays one readable line. */
export function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
