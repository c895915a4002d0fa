// Bundles a library package's compiled ES modules (dist/index.js and everything it imports from the package) into
// one file, dist/bundle.js, which the package exports. Node's ES module loader costs about half a millisecond per
// file, and a render worker loaded ~330 of them (~250 ms of every worker's start and of every CLI command); one file
// per package cuts that to ~70 ms. Other packages, @glyphreel/* included, stay external, so every package is still
// one module instance (plugins share the host's @glyphreel/core). tsc's per-file output stays as it is (types,
// incremental builds); source maps chain back to src/. Run from the package directory (the nx build target does).
import { build } from 'esbuild';

// `node bundle.mjs [ENTRY OUTFILE]`: the cli bundles its render worker's graph the same way
// (dist/render/worker.js → dist/render/worker.bundle.js), which every worker thread loads at its start.
const [entry = 'dist/index.js', outfile = 'dist/bundle.js'] = process.argv.slice(2);

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
