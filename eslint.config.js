// Lint rules. The import rule keeps the architecture of docs/architecture.md:
// web, api and cli call services; services call domain and db; domain imports nothing of ours.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'dist.*/**', 'src/web/static/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', document: 'readonly', window: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(['src/domain/**'], ['**/db/**', '**/services/**', '**/web/**', '**/api/**', '**/cli/**', '../*', 'kysely', 'fastify', 'pg', 'better-sqlite3'],
    'domain is pure: it imports nothing of ours but itself'),
  layer(['src/import/**'], ['**/db/**', '**/services/**', '**/web/**', '**/api/**', '**/cli/**', 'kysely', 'fastify'],
    'import readers read bytes into tables and plans: they use the domain, never the database or the web'),
  layer(['src/reports/**'], ['**/db/**', '**/services/**', '**/web/**', '**/api/**', '**/cli/**', '**/import/**', 'kysely', 'fastify'],
    'report renderers turn a report model into documents: they use the domain, never the database or the web'),
  layer(['src/db/**'], ['**/services/**', '**/web/**', '**/api/**', '**/cli/**'],
    'db is called by services, never the other way round'),
  layer(['src/services/**'], ['**/web/**', '**/api/**', '**/cli/**', 'fastify'],
    'services must not depend on a delivery mechanism'),
  layer(['src/web/**', 'src/api/**', 'src/cli/**'], ['**/db/repositories/**', 'kysely'],
    'web, api and cli go through services; SQL lives only in repositories'),
);
