// The eSignet double lives with the bench (which runs compiled from dist/); tests use the same one.
export * from '../../src/bench/esignet-double.js';
