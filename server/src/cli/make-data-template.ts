// Build step: the migrated data folder new embedded stores start from (platform/db/data-template.ts).
import { dataTemplatePath, makeDataTemplate } from '../platform/db/data-template.js';

const t0 = performance.now();
await makeDataTemplate();
console.log(`embedded store template written to ${dataTemplatePath} in ${Math.round(performance.now() - t0)} ms`);
