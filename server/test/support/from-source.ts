/**
 * Node flags that run a server entry point from its TypeScript source: tsx for the server's own
 * files, and the `pms-source` export condition so `@pms/rules` resolves to its source too rather
 * than to a build that may be missing or older than the source.
 */
export const FROM_SOURCE = ['--conditions=pms-source', '--import', 'tsx'];
