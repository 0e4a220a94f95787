/**
 * The one door to jose, bundled into one module at build time for the same reason as TypeBox
 * (./typebox.ts): loaded file by file it cost about 30 ms and 7 MB of every start-up.
 */
export * from 'jose';
