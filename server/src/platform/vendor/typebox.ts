/**
 * The one door to TypeBox. Source and tests load the package as it is; the build replaces this
 * file's output with the package bundled into one module (scripts/bundle-vendor.js), because
 * Node loads TypeBox's ~370 ES modules one by one: 139 ms and 21 MB of every start-up,
 * against 11–44 ms and 4 MB for the same code in one file (docs/startup.md).
 */
export * from 'typebox';
