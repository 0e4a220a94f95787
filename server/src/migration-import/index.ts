export { importMosip, type ImportOptions, type ImportResult } from './runner.js';
export { formatSummary } from './summary.js';
