// Lint rules for the whole repository (`npm run lint`, run by `npm test`).
// Formatting is Prettier's job (`npm run format`); nothing here argues about layout.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Business domains under server/src: each one's `index.ts` is its only public face. */
const DOMAINS = [
  'api-keys',
  'devices',
  'expiry',
  'ftm',
  'identity',
  'misp',
  'oidc-clients',
  'operations',
  'partners',
  'policies',
  'policy-requests',
  'trust',
  'users',
];
const domainGroup = DOMAINS.join('|');

/** Shared rules are one package, reached by its name from everywhere (docs/conventions.md "Shared rules"). */
const RULES_BY_NAME = {
  regex: '^(\\.\\./)+packages/',
  message: 'Import the shared rules as @pms/rules/… (the package), not through a relative path.',
};

/** Packages of many small ES modules the server loads through one bundled door (docs/startup.md). */
const VENDORED = {
  regex: '^(typebox|jose)(/|$)',
  message: 'Import TypeBox and jose through their doors in server/src/platform/vendor/ (one bundled module each at build time).',
};

/** `no-restricted-imports` with these patterns and the one every file keeps (a later block replaces an earlier one's). */
function restrictImports(...patterns) {
  return { 'no-restricted-imports': ['error', { patterns: [...patterns, RULES_BY_NAME] }] };
}

/** The import rule for domain files whose way up to server/src is `up` ('../' or '../../'). */
function domainBoundaries(files, up) {
  const root = up.replaceAll('.', '\\.');
  return {
    files,
    rules: restrictImports(
      VENDORED,
      {
        regex: `^(\\.\\./)+(${domainGroup})/(?!index\\.js$).+`,
        message: 'Import another domain through its index.ts (its public face), or move the shared piece to platform/.',
      },
      {
        regex: `^${root}(modules|main|settings)\\.js$`,
        message: 'Domains are wired in modules.ts; they do not import the composition root.',
      },
    ),
  };
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/data/**', 'test-artifacts/**', '**/.pglite-template/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Input guards look for control characters on purpose (NUL bytes, header injection).
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A server's handler may refer to the object built once the server listens.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { rules: restrictImports() },
  { files: ['server/src/**/*.ts'], ignores: ['server/src/bench/**'], rules: restrictImports(VENDORED) },
  // A domain reaches another domain only through that domain's index.ts, and never reaches
  // the composition root; shared pieces live in platform/ (docs/conventions.md "Boundaries").
  // Files directly in a domain's folder and files one level down see the root at different depths.
  domainBoundaries(
    DOMAINS.map((d) => `server/src/${d}/*.ts`),
    '../',
  ),
  domainBoundaries(
    DOMAINS.map((d) => `server/src/${d}/*/**/*.ts`),
    '../../',
  ),
  {
    // platform/ is below every domain: it never imports one.
    files: ['server/src/platform/**/*.ts'],
    rules: restrictImports(VENDORED, {
      regex: `^(\\.\\./)+(${domainGroup}|modules|main|settings)(/|\\.js$)`,
      message: 'platform/ is shared by every domain and must not depend on one.',
    }),
  },
  { files: ['server/src/platform/vendor/*.ts'], rules: restrictImports() },
  {
    files: ['portal/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The bundle must not pull in server code; what both sides check lives in @pms/rules.
      ...restrictImports({
        regex: '^(\\.\\./)+server/',
        message: 'The portal does not import server code; move a rule both sides apply to @pms/rules (packages/rules).',
      }),
    },
  },
  {
    // The shared rules run in the browser too: no Node APIs, no imports from outside the package.
    files: ['packages/rules/src/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: restrictImports({
      regex: '^(?!\\.{1,2}/)',
      message: 'Shared rules run in the browser too and have no dependencies: import only files of this package (no node:, no packages).',
    }),
  },
  {
    // Tests and the eSignet double probe arbitrary JSON answers (`r.body.response.data[0].x`);
    // typing every probe would add casts, not safety. Server and portal code stay without `any`.
    files: ['**/test/**', '**/test-mosip/**', '**/faults/**', 'server/src/bench/esignet-double.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Command-line tools and the bench report on the console by design.
    files: [
      'server/src/cli/**',
      'server/src/bench/**',
      'scripts/**',
      'server/src/migration-import/**',
      'server/src/main.ts',
      '**/test/**',
      '**/test-mosip/**',
      '**/faults/**',
    ],
    rules: { 'no-console': 'off' },
  },
);
