import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The EXIF Orientation (1–8) of a JPEG, read from its APP1 "Exif" segment (TIFF header in either byte order, IFD0 tag
 * 0x0112); 1 (as stored) for any other file or when the tag is absent or unreadable. Only the file's first 256 KiB are
 * read: the Exif block sits before the image data and is at most 64 KiB.
 */
export function jpegOrientation(file: string): number {
  let buf: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      buf = Buffer.alloc(256 * 1024);
      buf = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return 1;
  }
  return orientationOf(buf);
}

/** {@link jpegOrientation} of bytes already read. */
export function orientationOf(b: Uint8Array): number {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return 1;
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return 1;
    const marker = b[p + 1] as number;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    // start of scan or end of image: no more metadata segments
    if (marker === 0xda || marker === 0xd9) return 1;
    const len = ((b[p + 2] as number) << 8) | (b[p + 3] as number);
    if (len < 2) return 1;
    const start = p + 4;
    const end = Math.min(b.length, p + 2 + len);
    if (marker === 0xe1 && end - start >= 14 && String.fromCharCode(...b.subarray(start, start + 6)) === 'Exif\0\0') {
      const o = tiffOrientation(b.subarray(start + 6, end));
      if (o !== undefined) return o;
    }
    p += 2 + len;
  }
  return 1;
}

function tiffOrientation(t: Uint8Array): number | undefined {
  const le = t[0] === 0x49 && t[1] === 0x49; // "II": little-endian; "MM": big-endian
  if (!le && !(t[0] === 0x4d && t[1] === 0x4d)) return undefined;
  const u16 = (i: number) => (i + 2 <= t.length ? (le ? (t[i] as number) | ((t[i + 1] as number) << 8) : ((t[i] as number) << 8) | (t[i + 1] as number)) : -1);
  const u32 = (i: number) => (i + 4 <= t.length ? (le ? u16(i) + u16(i + 2) * 65536 : u16(i) * 65536 + u16(i + 2)) : -1);
  if (u16(2) !== 42) return undefined;
  const ifd = u32(4);
  const n = u16(ifd);
  if (ifd < 8 || n < 0) return undefined;
  for (let k = 0; k < n; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > t.length) return undefined;
    if (u16(e) === 0x0112) {
      const v = u16(e + 2) === 3 ? u16(e + 8) : -1; // type SHORT, value in the entry
      return v >= 1 && v <= 8 ? v : undefined;
    }
  }
  return undefined;
}

/**
 * The ffmpeg filters that turn an image stored with EXIF orientation `o` upright ('' for 1): 2 mirror, 3 upside
 * down, 4 flipped, 5 transposed, 6 turned left (shown turned 90° clockwise), 7 transversed, 8 turned right.
 */
export function orientationFilter(o: number): string {
  switch (o) {
    case 2: return 'hflip';
    case 3: return 'hflip,vflip';
    case 4: return 'vflip';
    case 5: return 'transpose=cclock_flip';
    case 6: return 'transpose=clock';
    case 7: return 'transpose=clock_flip';
    case 8: return 'transpose=cclock';
    default: return '';
  }
}
