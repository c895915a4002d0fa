#!/usr/bin/env node
// Kept outside dist/ so npm can link the bin before the package is built.
import('../dist/bin.js').catch((e) => {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/bin.js')) {
    console.error('glyphreel: the CLI is not built yet (run `npx nx run-many -t build` in the repository)');
    process.exit(1);
  }
  throw e;
});
