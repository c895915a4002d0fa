#!/usr/bin/env node
// The README's test command: builds what the tests need, runs every package's jest suite through Nx, then prints
// one closing line "N passed, N failed" summed over all packages (a suite that failed to load counts as one failure).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'tmp', 'jest-results');
rmSync(resultsDir, { recursive: true, force: true });

const nx = path.join(root, 'node_modules', '.bin', 'nx');
const run = spawnSync(nx, ['run-many', '-t', 'test', '--parallel=2', '--outputStyle=stream', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
});

let passed = 0;
let failed = 0;
let suites = 0;
const perPackage = [];
if (existsSync(resultsDir)) {
  for (const f of readdirSync(resultsDir).filter((x) => x.endsWith('.json')).sort()) {
    const r = JSON.parse(readFileSync(path.join(resultsDir, f), 'utf8'));
    const brokenSuites = r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
    passed += r.numPassedTests;
    failed += r.numFailedTests + brokenSuites;
    suites += r.numTotalTestSuites;
    perPackage.push(`${f.replace(/\.json$/, '')}: ${r.numPassedTests} passed, ${r.numFailedTests + brokenSuites} failed`);
  }
}
if (run.status !== 0 && failed === 0) failed = 1; // nx or a build failed before any test could report
console.log(`\n${perPackage.join('\n')}\n${suites} suites`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
