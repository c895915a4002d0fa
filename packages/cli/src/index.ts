export { buildProgram, runCli, VERSION } from './program.js';
export { infoReport, type InfoOptions, type InfoReport } from './commands/info.js';
export { reportError, type Io } from './cli-errors.js';
