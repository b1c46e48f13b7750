import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { keysOf } from '@meridian/config';
import { REPO_ROOT } from '@meridian/testing';
import { runCli } from '../src/config-cli';

const EXAMPLE = join(REPO_ROOT, 'meridian.example.yaml');

function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The dotted paths of every key a YAML document sets (sections walked into). */
function pathsOf(node: unknown, prefix = ''): string[] {
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) => {
    const name = `${prefix}${isScalar(pair.key) ? String(pair.key.value) : ''}`;
    return isMap(pair.value) && !name.endsWith('refresh')
      ? pathsOf(pair.value, `${name}.`)
      : [name];
  });
}

describe('meridian config', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'meridian-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('check: the example file in the repository is valid and has every key', () => {
    const result = cli(['config', 'check', EXAMPLE]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/meridian\.example\.yaml: valid/);
    const example = parseDocument(readFileSync(EXAMPLE, 'utf8'));
    expect(pathsOf(example.contents).sort()).toEqual(
      keysOf()
        .map((k) => k.path)
        .sort(),
    );
  });

  it('check: exits 1 listing every problem with its line and key', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'cwmp:\n  port: 70000\n  auth: { enabled: yes }\nnbi:\n  portt: 1\n');
    const result = cli(['config', 'check', file]);
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toEqual([
      'Invalid configuration:',
      `  - ${file}:2: cwmp.port: 70000 is not an integer between 0 and 65535`,
      `  - ${file}:3: cwmp.auth.enabled: "yes" is not a boolean (true/false)`,
      `  - ${file}:5: nbi.portt: unknown key (known here: host, port, tls, api_keys, api_keys_file, instance_id, task_retention, audit_retention, campaign_retention, transfer_retention)`,
    ]);
  });

  it('check: judges the file alone, not the shell environment', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, 'cwmp: { port: 7547 }\n');
    expect(cli(['config', 'check', file], { MERIDIAN_CWMP_PORT: 'nope' }).code).toBe(0);
  });

  it('print: the effective configuration, the environment winning, secrets masked', () => {
    const secret = join(dir, 'cr-password');
    writeFileSync(secret, 'cr-secret\n');
    const file = join(dir, 'meridian.yaml');
    writeFileSync(
      file,
      [
        'cwmp:',
        '  port: 7547',
        '  auth: { enabled: true, username: acs, password: acs-password }',
        `  connection_request: { password_file: ${secret} }`,
        '  database: { driver: mongodb, connection_string: "mongodb://acs:db-pass@db:27017/cwmp" }',
      ].join('\n'),
    );
    const { code, out } = cli(['config', 'print'], {
      MERIDIAN_CONFIG: file,
      MERIDIAN_CWMP_PORT: '8080',
    });
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toContain('MERIDIAN_CWMP_PORT=8080  # env');
    expect(lines).toContain(`MERIDIAN_CWMP_USERNAME=acs  # ${file}:3 cwmp.auth.username`);
    expect(lines).toContain(`MERIDIAN_CWMP_PASSWORD=********  # ${file}:3 cwmp.auth.password`);
    expect(lines).toContain(
      `MERIDIAN_CR_PASSWORD=********  # ${file}:4 cwmp.connection_request.password_file`,
    );
    expect(lines).toContain(
      `MERIDIAN_MONGO_URL=mongodb://acs:********@db:27017/cwmp  # ${file}:5 cwmp.database.connection_string`,
    );
    expect(lines).toContain('MERIDIAN_GATEWAY_ID=gateway-1  # default');
    expect(out).not.toMatch(/acs-password|cr-secret|db-pass/);
  });

  it('is documented: every key and its variable in the README "Configuration" table', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('## Observability'),
    );
    for (const { path, key } of keysOf()) {
      const row = section.split('\n').find((line) => line.startsWith(`| \`${path}\``));
      expect(row).toBeDefined();
      for (const variable of key.variables) expect(row).toContain(`\`${variable}\``);
    }
  });

  it('runs built, as scripts/meridian.mjs (npx meridian) starts it', () => {
    const cliJs = join(REPO_ROOT, 'dist/apps/meridian/src/cli.js');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'usp: { mqtt_url: "http://broker" }\n');
    const ok = spawnSync(process.execPath, [cliJs, 'config', 'check', EXAMPLE], {
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    const wrong = spawnSync(process.execPath, [cliJs, 'config', 'check', bad], {
      encoding: 'utf8',
    });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(
      `${bad}:1: usp.mqtt_url: "http://broker" is not a URL with scheme mqtt or mqtts or ws or wss`,
    );
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(manifest.bin.meridian).toBe('scripts/meridian.mjs');
  });

  it('answers a wrong command line with the usage (exit 2)', () => {
    expect(cli(['config']).code).toBe(2);
    expect(cli(['config', 'check']).err).toMatch(/^Usage:/);
    expect(cli(['serve']).code).toBe(2);
  });
});
