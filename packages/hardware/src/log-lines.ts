import type { HardwareInfo } from './detect.js';
import type { QualityProfile } from './profile.js';

/** The reference's first log line: `Hardware: 8 cores, 16.0GB RAM, Linux`. */
export function hardwareLine(hw: HardwareInfo): string {
  return `Hardware: ${hw.logicalCores} cores, ${hw.memGb.toFixed(1)}GB RAM, ${hw.platform}`;
}

/** The reference's second log line: `Render: 1920x1080 @24fps, CRF 20, 8 workers` (`1 worker` for one). */
export function renderLine(p: QualityProfile): string {
  return `Render: ${p.width}x${p.height} @${p.fps}fps, CRF ${p.crf}, ${p.workers} ${p.workers === 1 ? 'worker' : 'workers'}`;
}
