// Lint with zero warnings; the boundary rules keep the layering of ENGINEERING.md true.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const driverPaths = [
  { name: 'pg', message: 'use platform/database.ts' },
  { name: '@electric-sql/pglite', message: 'use platform/database.ts' },
];

const noDeepRepositoryImports = {
  patterns: [{ group: ['**/*.repository.ts', '**/*.repository'], message: 'Routes call services; only services and use cases use repositories.' }],
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'test-results/**', 'packages/web/src/api/openapi.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@zoneops/server', '@zoneops/web', '**/server/**', '**/web/**'], message: 'shared imports nothing from the apps' }] },
      ],
    },
  },
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', '@zoneops/server'], message: 'the web client talks to the server over HTTP only' }] },
      ],
    },
  },
  {
    // The database drivers belong to platform/database.ts; everything else goes through it.
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/platform/database.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: driverPaths }] },
  },
  {
    files: ['packages/server/src/**/*.routes.ts', 'packages/server/src/modules/*/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: driverPaths, ...noDeepRepositoryImports }] },
  },
);
