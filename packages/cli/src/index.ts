export { buildProgram, runCli, VERSION } from './program.js';
export { infoReport, type InfoOptions, type InfoReport } from './commands/info.js';
export { runBench, benchProject, type BenchOptions } from './commands/bench.js';
export { renderVideo, planRender, type RenderOptions, type RenderResult, type RenderProgress } from './render/render.js';
export { joinShards, type JoinOptions, type JoinResult } from './render/join.js';
export { parseShard, planJoin, type Shard, type ShardManifest, type JoinPlan } from './render/shard.js';
export { renderTestFrame, type FrameResult } from './commands/frame.js';
export { validateProject } from './project/validate.js';
export { projectJsonSchema } from './project/schema.js';
export { readSceneFile } from './project/load.js';
export type { ProjectSpec, SceneSpec, LayerSpec } from './project/types.js';
export { buildRegistry, loadPlugin, BUILTIN_PLUGINS } from './runtime/plugins.js';
export { SceneRuntime } from './runtime/scene-runtime.js';
export { planUnits, type WorkUnit } from './runtime/plan.js';
export { demoProject } from './demo.js';
export { reportError, type Io } from './cli-errors.js';
export {
  planFromAudio,
  autoPlan,
  autoPlanDetailed,
  describePlan,
  type PlanFromAudioOptions,
  type AutoPlanOptions,
  type PlannedSection,
  type RawProject,
  type Level,
  type ShaderTier,
} from './autoplan/index.js';
