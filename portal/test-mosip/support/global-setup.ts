import type { TestProject } from 'vitest/node';
import { prepareMosipPortal } from './install.js';

/**
 * Installs and builds MOSIP's portal when the cache lacks it (a few minutes, once per machine
 * and source), and hands the build folder to the tests.
 */
export default function setup(project: TestProject): void {
  const started = Date.now();
  const p = prepareMosipPortal();
  if (p.installSeconds || p.buildSeconds) {
    console.log(
      `MOSIP portal: install ${p.installSeconds} s, build ${p.buildSeconds} s (${Math.round((Date.now() - started) / 1000)} s), cached at ${p.buildDir}`,
    );
  }
  project.provide('mosipPortalBuild', p.buildDir);
}

declare module 'vitest' {
  export interface ProvidedContext {
    mosipPortalBuild: string;
  }
}
