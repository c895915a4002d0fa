import { GlyphreelError } from './errors.js';

// @types/node 20 does not declare the WebAssembly global (TypeScript has it in lib.dom), so the members used here
// are declared for this module only.
interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

const PAGE_BYTES = 65536;
/** 2 GiB: a shared memory reserves its maximum up front (address space, not RAM) so that it never moves. */
const MAX_PAGES = 32768;
const ALIGN = 64;

/**
 * One WebAssembly memory per thread holding the frames and tables the SIMD kernels work on. It is *shared* memory
 * on purpose: growing a shared memory never detaches the views already handed out (a plain memory's grow would turn
 * every frame view into an empty buffer), so frames allocated here stay valid for the life of the thread.
 *
 * Allocation is first-fit over an address-ordered free list with coalescing: callers allocate a few long-lived
 * regions (frames, cached factor maps, scratch), so the list stays short.
 */
export class WasmArena {
  private readonly memory: WasmMemory;
  /** Every SharedArrayBuffer object this memory has handed out (memory.buffer is a new object after each grow). */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private readonly used = new Map<number, number>();
  private free: Array<[ptr: number, bytes: number]> = [];
  /** Start of never-allocated space; address 0 is kept unused so that 0 is never a valid pointer. */
  private top = ALIGN;
  private readonly named = new Map<string, [ptr: number, bytes: number]>();

  constructor() {
    this.memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  }

  private readonly modules = new Map<string, unknown>();

  /**
   * The exports of a kernel module (its bytes as base64; the module imports `env.memory`) instantiated on this
   * arena's memory; compiled and instantiated once per thread (about 1 ms).
   */
  load<T>(base64: string): T {
    let exports = this.modules.get(base64);
    if (exports === undefined) {
      const module = new WebAssembly.Module(Buffer.from(base64, 'base64'));
      exports = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports;
      this.modules.set(base64, exports);
    }
    return exports as T;
  }

  /** The current buffer (recorded so ptrOf recognizes views made from it). */
  get buffer(): ArrayBufferLike {
    const b = this.memory.buffer;
    this.buffers.add(b);
    return b;
  }

  /** A 64-byte-aligned region of at least `bytes` bytes, zero-filled only when fresh from the OS (do not rely on it). */
  alloc(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    for (let i = 0; i < this.free.length; i++) {
      const [ptr, avail] = this.free[i]!;
      if (avail < size) continue;
      if (avail === size) this.free.splice(i, 1);
      else this.free[i] = [ptr + size, avail - size];
      this.used.set(ptr, size);
      return ptr;
    }
    const ptr = this.top;
    const end = ptr + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE_BYTES);
      if (have / PAGE_BYTES + pages > MAX_PAGES) {
        throw new GlyphreelError('E_RENDER', `Out of WebAssembly frame memory: ${Math.ceil(end / 2 ** 20)} MiB needed, 2048 MiB is the most a thread can have`, {
          hint: 'render at a lower resolution, or with fewer layers and feedback scenes per worker',
        });
      }
      this.memory.grow(pages);
    }
    this.top = end;
    this.used.set(ptr, size);
    return ptr;
  }

  release(ptr: number): void {
    const size = this.used.get(ptr);
    if (size === undefined) return;
    this.used.delete(ptr);
    let i = 0;
    while (i < this.free.length && this.free[i]![0] < ptr) i++;
    this.free.splice(i, 0, [ptr, size]);
    // Coalesce with the next block, then with the previous one.
    const next = this.free[i + 1];
    if (next && ptr + size === next[0]) this.free.splice(i, 2, [ptr, size + next[1]]);
    const prev = this.free[i - 1];
    const cur = this.free[i]!;
    if (prev && prev[0] + prev[1] === cur[0]) {
      this.free.splice(i - 1, 2, [prev[0], prev[1] + cur[1]]);
      i--;
    }
    // A free block at the top goes back to the bump region.
    const last = this.free[this.free.length - 1];
    if (last && last[0] + last[1] === this.top) {
      this.top = last[0];
      this.free.pop();
    }
  }

  /** A named scratch region of at least `bytes` bytes, reused (and regrown) across calls. */
  scratch(name: string, bytes: number): number {
    const hit = this.named.get(name);
    if (hit && hit[1] >= bytes) return hit[0];
    if (hit) this.release(hit[0]);
    const ptr = this.alloc(bytes);
    this.named.set(name, [ptr, bytes]);
    return ptr;
  }

  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.buffer, ptr, length);
  }

  i16(ptr: number, length: number): Int16Array {
    return new Int16Array(this.buffer, ptr, length);
  }

  u16(ptr: number, length: number): Uint16Array {
    return new Uint16Array(this.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.buffer, ptr, length);
  }

  /** The address of `data` in this memory, or −1 when it lives elsewhere. */
  ptrOf(data: ArrayBufferView): number {
    return this.buffers.has(data.buffer) ? data.byteOffset : -1;
  }

  /**
   * Runs `fn` with the address of `data`'s bytes: in place when they already live here (frames from
   * createSimdFrame), else through a reused copy that is written back afterwards.
   */
  withBytes(data: Uint8Array, fn: (ptr: number) => void): void {
    const own = this.ptrOf(data);
    if (own >= 0) {
      fn(own);
      return;
    }
    const ptr = this.scratch('arena:copy', data.length);
    const view = this.u8(ptr, data.length);
    view.set(data);
    fn(ptr);
    data.set(view);
  }

  /** Bytes allocated and reserved (for tests and memory reports). */
  get stats(): { usedBytes: number; freeBlocks: number; topBytes: number; memoryBytes: number } {
    let usedBytes = 0;
    for (const s of this.used.values()) usedBytes += s;
    return { usedBytes, freeBlocks: this.free.length, topBytes: this.top, memoryBytes: this.memory.buffer.byteLength };
  }
}

let shared: WasmArena | undefined;

/**
 * This thread's arena, created on first use. Every package's kernels share it (the shaders' frame kernels and the
 * grid's glyph blit), so a frame allocated by one is worked on in place by the others.
 */
export function wasmArena(): WasmArena {
  return (shared ??= new WasmArena());
}

/** This thread's arena if something created it, else undefined (a frame can live there only if it exists). */
export function existingWasmArena(): WasmArena | undefined {
  return shared;
}
