#!/usr/bin/env node
// `npm run bench`: every package's bench target through Nx (one at a time, so cases do not slow each other), the
// JSON lines passed through as they come, then one table of all cases at the end. Arguments go to nx (e.g.
// `npm run bench -- --projects=@glyphreel/grid`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nx = path.join(root, 'node_modules', '.bin', 'nx');
const rows = [];
const child = spawn(nx, ['run-many', '-t', 'bench', '--parallel=1', '--outputStyle=stream', ...process.argv.slice(2)], {
  cwd: root,
  env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let buffered = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  buffered += chunk.toString();
  let nl;
  while ((nl = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    const json = line.slice(line.indexOf('{'));
    if (!json.startsWith('{"bench"')) continue;
    try {
      rows.push(JSON.parse(json));
    } catch {
      // a line that only looks like a result
    }
  }
});
child.on('close', (code) => {
  if (rows.length) {
    const w = Math.max(...rows.map((r) => r.bench.length));
    console.log(`\n${'bench'.padEnd(w)}  median_ms    p90_ms  runs  extra`);
    for (const r of rows) {
      const { bench, median_ms, p90_ms, runs, ...extra } = r;
      const more = Object.entries(extra).filter(([k]) => ['fps', 'ratio', 'peak_rss_mb'].includes(k)).map(([k, v]) => `${k}=${v}`).join(' ');
      console.log(`${bench.padEnd(w)}  ${String(median_ms).padStart(9)} ${String(p90_ms).padStart(9)}  ${String(runs).padStart(4)}  ${more}`);
    }
  }
  process.exit(code ?? 1);
});
