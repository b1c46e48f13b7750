import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.infra/**', '**/generated/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Pure libraries (type:pure) may import only pure libraries: no adapter, framework or driver.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'type:pure', onlyDependOnLibsWithTags: ['type:pure'], bannedExternalImports: ['kafkajs', 'ioredis', 'mongoose', 'mongodb', '@nestjs/*', 'mqtt', 'better-sqlite3', 'node:http', 'node:https', 'node:net', 'node:dgram', 'http', 'https', 'net', 'dgram'] },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:pure', 'type:adapter'] },
            // Feature libs: NestJS modules and services composed by the apps (and the all-in-one).
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:pure', 'type:adapter', 'type:feature'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:pure', 'type:adapter', 'type:feature'] },
          ],
        },
      ],
    },
  },
  prettier,
);
