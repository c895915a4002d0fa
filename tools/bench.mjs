#!/usr/bin/env node
// Runs every bench/*.bench.mjs of the package in the current directory, each in its own process (so one case's
// garbage does not slow the next), passing its JSON lines through. Prints "no benchmarks yet" when there are none.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve('bench');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bench.mjs')).sort() : [];
if (files.length === 0) {
  console.log('no benchmarks yet');
  process.exit(0);
}
let failed = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(dir, f), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
