import os from 'node:os';
import si from 'systeminformation';

export interface GpuInfo {
  vendor: string;
  model: string;
  /** Dedicated video memory, when the system reports it. */
  vramMb: number | undefined;
}

export interface HardwareInfo {
  logicalCores: number;
  /** Undefined where the OS does not say. */
  physicalCores: number | undefined;
  totalMemBytes: number;
  availableMemBytes: number;
  /** Total memory in GiB (the seed's mem_gb). */
  memGb: number;
  /** As Python's platform.system(): Linux, Darwin, Windows, or the Node name. */
  platform: string;
  arch: string;
  cpuModel: string;
  gpus: GpuInfo[];
  /** Worker count from the seed's rule, before any --workers override. */
  workers: number;
  /** The per-worker memory budget the worker count was capped with. */
  memPerWorkerMb: number;
}

/** What detectHardware reads; systeminformation by default, injectable so tests can play any machine. */
export interface HardwareSource {
  cpu(): Promise<{ cores: number; physicalCores: number; manufacturer: string; brand: string }>;
  mem(): Promise<{ total: number; available: number }>;
  graphics(): Promise<{ controllers: Array<{ vendor: string; model: string; vram: number | null }> }>;
}

/** The seed's per-worker memory budget: "Each worker uses ~50-150MB". */
export const DEFAULT_MEM_PER_WORKER_MB = 150;

/**
 * The seed's worker rule on a core count: 16+ → cores − 2, 4+ → cores − 1, fewer → max(1, cores); then capped by
 * memory at 60 % of RAM divided by the per-worker budget. Leaving a core or two free is for the OS and ffmpeg.
 */
export function workersFor(cores: number, memGb: number, memPerWorkerMb = DEFAULT_MEM_PER_WORKER_MB): number {
  let workers: number;
  if (cores >= 16) workers = cores - 2;
  else if (cores >= 4) workers = cores - 1;
  else workers = Math.max(1, cores);
  const byMem = Math.floor((memGb * 1024 * 0.6) / memPerWorkerMb);
  return Math.max(1, Math.min(workers, byMem));
}

const PLATFORM_NAMES: Record<string, string> = { linux: 'Linux', darwin: 'Darwin', win32: 'Windows' };

export interface DetectOptions {
  memPerWorkerMb?: number;
  source?: HardwareSource;
  /** GPU probing can shell out to lspci/nvidia-smi; skip it when not needed. Default true. */
  gpus?: boolean;
}

/**
 * Detects the machine. The worker rule is applied to physical cores where known (hyper-threads add little to a
 * CPU-bound renderer), else to logical cores; the memory cap uses total memory, as the seed does.
 */
export async function detectHardware(options: DetectOptions = {}): Promise<HardwareInfo> {
  const source = options.source ?? (si as unknown as HardwareSource);
  const memPerWorkerMb = options.memPerWorkerMb ?? DEFAULT_MEM_PER_WORKER_MB;
  const [cpu, mem, graphics] = await Promise.all([
    source.cpu().catch(() => undefined),
    source.mem().catch(() => undefined),
    options.gpus === false ? Promise.resolve(undefined) : source.graphics().catch(() => undefined),
  ]);
  const logicalCores = cpu?.cores || os.cpus().length || 1;
  const physicalCores = cpu?.physicalCores || undefined;
  const totalMemBytes = mem?.total || os.totalmem();
  const availableMemBytes = mem?.available || os.freemem();
  const memGb = totalMemBytes / 1024 ** 3;
  const cpuModel = [cpu?.manufacturer, cpu?.brand].filter(Boolean).join(' ') || os.cpus()[0]?.model || 'unknown CPU';
  const gpus: GpuInfo[] = (graphics?.controllers ?? []).map((c) => ({
    vendor: c.vendor || 'unknown',
    model: c.model || 'unknown',
    vramMb: typeof c.vram === 'number' && c.vram > 0 ? c.vram : undefined,
  }));
  return {
    logicalCores,
    physicalCores,
    totalMemBytes,
    availableMemBytes,
    memGb,
    platform: PLATFORM_NAMES[os.platform()] ?? os.platform(),
    arch: os.arch(),
    cpuModel,
    gpus,
    workers: workersFor(physicalCores ?? logicalCores, memGb, memPerWorkerMb),
    memPerWorkerMb,
  };
}
