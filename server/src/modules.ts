import type { Module } from './platform/http/app.js';
import { operationsModule } from './operations/routes.js';

/** Every domain the service serves, in registration order. */
export const modules: Module[] = [operationsModule];
