import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Layering, from the `type:*` tag in each project.json, checked file by file. It needs no Nx
// project graph (@nx/enforce-module-boundaries skips itself when none is cached, as on a fresh
// clone), so it cannot switch off: libs/testing/test/module-boundaries.spec.ts lints violations.
const MAY_IMPORT = {
  'type:pure': ['type:pure'],
  'type:adapter': ['type:pure', 'type:adapter'],
  // Feature libs: NestJS modules and services composed by the apps (and the all-in-one).
  'type:feature': ['type:pure', 'type:adapter', 'type:feature'],
  'type:app': ['type:pure', 'type:adapter', 'type:feature'],
};

// What a pure lib never imports: drivers, frameworks and Node's I/O modules.
const DRIVERS = ['kafkajs', 'ioredis', 'mongoose', 'mongodb', 'mqtt', 'better-sqlite3', 'express'];
const NODE_IO = [
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'net',
  'dgram',
  'dns',
  'dns/promises',
  'tls',
  'child_process',
  'cluster',
  'worker_threads',
  'readline',
  'inspector',
];
const alternatives = (names) => names.map((n) => n.replace(/[/.]/g, '\\$&')).join('|');

const projects = ['apps', 'libs'].flatMap((dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const root = join(dir, d.name);
      const file = join(root, 'project.json');
      if (!existsSync(file)) throw new Error(`${root}: no project.json (it holds the type:* tag)`);
      const tags = JSON.parse(readFileSync(file, 'utf8')).tags ?? [];
      const types = tags.filter((t) => t.startsWith('type:'));
      if (types.length !== 1 || !(types[0] in MAY_IMPORT))
        throw new Error(
          `${root}/project.json: needs exactly one of the tags ${Object.keys(MAY_IMPORT)}`,
        );
      return { name: d.name, root, type: types[0], isLib: dir === 'libs' };
    }),
);

function boundaries({ name, root, type }) {
  const forbiddenLibs = projects
    .filter((p) => p.isLib && p.name !== name && !MAY_IMPORT[type].includes(p.type))
    .map((p) => p.name);
  const patterns = [
    {
      // Inside src a relative path never needs to climb into another lib, an app or a test dir.
      regex: '^(\\.\\./)+([^/]+/)*(src|test|libs|apps)(/|$)',
      message: 'Import another lib by its @meridian/* name; an app or a test dir not at all.',
    },
  ];
  if (forbiddenLibs.length > 0)
    patterns.push({
      regex: `^@meridian/(${alternatives(forbiddenLibs)})(/.*)?$`,
      message: `A ${type} lib may import only libs tagged ${MAY_IMPORT[type].join(', ')}.`,
    });
  if (type === 'type:pure')
    patterns.push(
      {
        regex: `^(${alternatives(DRIVERS)}|@nestjs/[^/]+|@opentelemetry/[^/]+)(/.*)?$`,
        message: 'A pure lib imports no driver or framework: take a port as an argument.',
      },
      {
        regex: `^(node:)?(${alternatives(NODE_IO)})$`,
        message: 'A pure lib does no I/O: take the data (or a port) as an argument.',
      },
    );
  return {
    files: [`${root}/src/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
      ...(type === 'type:pure' && {
        'no-restricted-syntax': [
          'error',
          {
            selector: 'ImportExpression',
            message: 'A pure lib imports statically (checked here).',
          },
        ],
      }),
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.infra/**', '**/generated/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  ...projects.map(boundaries),
  prettier,
);
