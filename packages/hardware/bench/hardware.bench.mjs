// What `glyphreel info` and every render pay before the first frame: probing the machine and resolving settings.
import { detectHardware, resolveRenderSettings } from '@glyphreel/hardware';

import { bench } from '@glyphreel/core';

const times = [];
for (let i = 0; i < 10; i++) {
  const t0 = performance.now();
  await detectHardware({ gpus: false });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ bench: 'hardware/detect', median_ms: +times[5].toFixed(3), p90_ms: +times[9].toFixed(3), runs: 10, note: 'systeminformation cpu + mem, no GPU probe' }));

const hw = await detectHardware({ gpus: false });
bench('hardware/resolve-settings-1k', () => {
  for (let i = 0; i < 1000; i++) resolveRenderSettings(hw, { quality: 'auto', aspect: 'portrait', workers: 3, durationS: 180 + i });
});
