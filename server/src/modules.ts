import type { Module } from './platform/http/app.js';

/** Every domain the service serves, in registration order. */
export const modules: Module[] = [];
