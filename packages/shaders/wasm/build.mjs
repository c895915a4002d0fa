// Compiles wasm/<name>.wat.mjs to src/shaders/internal/simd/<name>-wasm.ts (see tools/wasm-build.mjs). Run after
// editing a kernel: `node wasm/build.mjs` (or `--check`); a test checks that the committed files match.
import { fileURLToPath } from 'node:url';
import { buildAll as buildIn, main } from '../../../tools/wasm-build.mjs';

const watDir = new URL('.', import.meta.url);
const outDir = new URL('../src/shaders/internal/simd/', import.meta.url);

export const buildAll = () => buildIn(watDir, outDir);

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(watDir, outDir);
