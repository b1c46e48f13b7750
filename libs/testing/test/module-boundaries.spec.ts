import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../src';

/**
 * The layering rule of eslint.config.mjs, run the way `npm run lint` runs it (ESLint in its own
 * process, the project's config, no Nx graph), on files placed in the real libs' folders. It
 * fails if the rule is switched off, loses a ban, or stops reaching a pure lib.
 */

interface LintMessage {
  line: number;
  ruleId: string | null;
  message: string;
}

function lint(files: { filePath: string; code: string }[]): LintMessage[][] {
  const script = `
    import { ESLint } from 'eslint';
    const files = JSON.parse(process.argv[1]);
    const eslint = new ESLint();
    const out = [];
    for (const f of files) {
      const [result] = await eslint.lintText(f.code, { filePath: f.filePath, warnIgnored: true });
      out.push(result.messages.map(({ line, ruleId, message }) => ({ line, ruleId, message })));
    }
    console.log(JSON.stringify(out));`;
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(files)],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as LintMessage[][];
}

const tagged = (type: string): string[] =>
  readdirSync(join(REPO_ROOT, 'libs')).filter((lib) => {
    const project = JSON.parse(readFileSync(join(REPO_ROOT, 'libs', lib, 'project.json'), 'utf8'));
    return (project.tags as string[]).includes(type);
  });

const fixture = readFileSync(join(__dirname, 'fixtures/impure-pure-lib.ts.txt'), 'utf8');
const fixtureLines = fixture.split('\n');
const importLine = (from: string): number =>
  fixtureLines.findIndex((l) => l.startsWith('import') && l.includes(`'${from}'`)) + 1;
const FORBIDDEN = [
  'kafkajs',
  'ioredis',
  'mongoose',
  'mongodb',
  'mqtt',
  'better-sqlite3',
  '@nestjs/common',
  '@nestjs/microservices',
  'node:http',
  'https',
  'node:net',
  'dgram',
  'node:fs',
  'fs/promises',
  'child_process',
  'node:worker_threads',
  'node:tls',
  '@meridian/bus',
  '@meridian/cwmp-gateway',
  '../../store/src/ports',
];
const ALLOWED = ['@meridian/cwmp', 'node:crypto', './local'];

describe('module boundaries (eslint.config.mjs)', () => {
  const pure = tagged('type:pure');

  it('knows the pure libs', () => {
    expect(pure).toEqual(
      expect.arrayContaining([
        'backoff',
        'config',
        'contracts',
        'cwmp',
        'cwmp-session',
        'data-model',
        'keyed-lock',
        'provisioning-engine',
      ]),
    );
  });

  it('refuses drivers, NestJS, node I/O and non-pure libs in every pure lib, and nothing else', () => {
    const results = lint(
      pure.map((lib) => ({ filePath: `libs/${lib}/src/boundary-fixture.ts`, code: fixture })),
    );
    results.forEach((messages, i) => {
      const refused = messages
        .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
        .map((m) => m.line);
      expect({ lib: pure[i], refused }).toEqual({
        lib: pure[i],
        refused: FORBIDDEN.map(importLine),
      });
      expect(
        messages.filter((m) => m.ruleId !== '@typescript-eslint/no-restricted-imports'),
      ).toEqual([]);
    });
    expect(ALLOWED.map(importLine).every((line) => line > 0)).toBe(true);
  });

  it('refuses a dynamic import in a pure lib', () => {
    const [messages] = lint([
      {
        filePath: 'libs/cwmp/src/boundary-fixture.ts',
        code: "export const m = () => import('mqtt');\n",
      },
    ]);
    expect(messages?.map((m) => m.ruleId)).toEqual(['no-restricted-syntax']);
  });

  it('refuses a feature lib in an adapter lib, and an app or test dir anywhere', () => {
    const [adapter, feature] = lint([
      {
        filePath: 'libs/bus/src/boundary-fixture.ts',
        code: "import { NbiModule } from '@meridian/nbi';\nexport const m = NbiModule;\n",
      },
      {
        filePath: 'libs/nbi/src/boundary-fixture.ts',
        code: "import { main } from '../../../apps/nbi/src/main';\nimport { h } from '../test/helpers';\nexport const m = [main, h];\n",
      },
    ]);
    expect(adapter?.map((m) => m.message)).toEqual([
      expect.stringContaining(
        'A type:adapter lib may import only libs tagged type:pure, type:adapter',
      ),
    ]);
    expect(feature?.map((m) => m.line)).toEqual([1, 2]);
  });
});
