#!/usr/bin/env node
// Runs jest for the package in the current directory in native ESM mode and records the result as JSON under
// <root>/tmp/jest-results/<package>.json, which tools/run-tests.mjs sums into the final "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')).name.replace(/^@glyphreel\//, '').replace(/[^\w.-]/g, '_');
const outDir = path.join(root, 'tmp', 'jest-results');
mkdirSync(outDir, { recursive: true });
const jestPkg = createRequire(path.join(root, 'package.json')).resolve('jest/package.json');
const jestBin = path.join(path.dirname(jestPkg), 'bin', 'jest.js');
const args = [
  '--experimental-vm-modules',
  '--no-warnings=ExperimentalWarning',
  jestBin,
  '--json',
  `--outputFile=${path.join(outDir, `${pkg}.json`)}`,
  '--passWithNoTests',
  ...process.argv.slice(2),
];
const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, GLYPHREEL_TEST: '1' } });
process.exit(r.status ?? 1);
