import { renderTestFrame } from './dist/commands/frame.js';
const [file, at, out] = process.argv.slice(2);
const r = await renderTestFrame({ scenes: file, quality: 'draft', resolution: '640x360', workers: '1', at, output: out });
console.log(r.meanBrightness.toFixed(1), Math.round(r.ms));
