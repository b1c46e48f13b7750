import {
  downloadRequest,
  type CpeMethodRequest,
  type ParameterValue,
  type XsdType,
} from '@meridian/cwmp';
import { credentialsOf } from './credentials';
import { vendorConfigFileUrl } from './vendor-config';
import type {
  Action,
  CachedValue,
  DeviceFacts,
  FileFacts,
  ParameterView,
  ProvisioningPreset,
  ProvisioningState,
  Purpose,
} from './types';

export type Progress = ProvisioningState['progress'][string];

/** Purpose.step of a preset's commands; the planner resumes from it when the result comes. */
export type PresetStepName =
  | 'set'
  | 'setCreated'
  | 'add'
  | 'delete'
  | 'names'
  | 'values'
  | 'notify'
  | 'download'
  | 'credentials'
  | 'reboot';

export interface Draft {
  rpc: CpeMethodRequest;
  purpose: Purpose;
  reason: string;
}

export type NextStep =
  | { kind: 'commands'; drafts: Draft[] }
  /** Everything else is satisfied; the reboot waits for a wave of its own. */
  | { kind: 'reboot'; draft: Draft }
  | { kind: 'satisfied' }
  /** An action waits for something outside the session (a transfer's outcome). */
  | { kind: 'waiting'; message: string }
  | { kind: 'fault'; action: number; code: string; message: string; detail: unknown };

export interface StepContext {
  device: DeviceFacts;
  parameters: ParameterView;
  files: Record<string, FileFacts>;
  /** Paths this preset lost in a conflict: not set. */
  dropped: ReadonlySet<string>;
  credentialsSecret?: string;
  vendorConfigUrl?: string;
  tag(change: 'add' | 'remove', tag: string): void;
}

const BOOLEAN: Record<string, string> = { true: 'true', '1': 'true', false: 'false', '0': 'false' };

/** Whether the cache already holds the wanted value ("1" and "true" are one boolean). */
export function holds(cached: CachedValue | undefined, wanted: string, type?: XsdType): boolean {
  if (cached?.value === undefined) return false;
  if ((type ?? cached.type) === 'xsd:boolean') {
    return BOOLEAN[cached.value.toLowerCase()] === BOOLEAN[wanted.toLowerCase()];
  }
  return cached.value === wanted;
}

const quote = (value: string | undefined): string =>
  value === undefined ? 'not cached' : JSON.stringify(value);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Instance numbers of a multi-instance object, from any cached path below one of them. */
export function instancesOf(parameters: ParameterView, object: string): number[] {
  const pattern = new RegExp(`^${escapeRegExp(object)}(\\d+)\\.`);
  const numbers = new Set<number>();
  for (const path of parameters.under(object)) {
    const match = pattern.exec(path);
    if (match) numbers.add(Number(match[1]));
  }
  return [...numbers].sort((a, b) => a - b);
}

/**
 * The next step of a preset: the first action (in order) not yet satisfied or done gives the
 * commands of this wave; tag actions are done at once; a reboot is deferred until nothing else
 * is left. `progress` is updated in place (tags done, created instances that are now set).
 */
export function nextStep(
  preset: ProvisioningPreset,
  progress: Progress,
  ctx: StepContext,
): NextStep {
  let reboot: number | undefined;
  for (const [index, action] of preset.actions.entries()) {
    if (progress.done.includes(index)) continue;
    const purpose = (step: PresetStepName): Purpose => ({
      kind: 'preset',
      preset: preset.name,
      version: preset.version,
      action: index,
      step,
    });
    switch (action.type) {
      case 'addTag':
      case 'removeTag': {
        const change = action.type === 'addTag' ? 'add' : 'remove';
        if (ctx.device.tags.includes(action.tag) !== (change === 'add'))
          ctx.tag(change, action.tag);
        progress.done.push(index);
        continue;
      }
      case 'reboot':
        reboot ??= index;
        continue;
      case 'setParameterValues': {
        const drafts = setValues(action, ctx, purpose('set'));
        if (drafts.length > 0) return { kind: 'commands', drafts };
        continue;
      }
      case 'ensureInstances': {
        const drafts = ensureInstances(action, progress, ctx, purpose);
        if (drafts.length > 0) return { kind: 'commands', drafts };
        continue;
      }
      case 'refresh': {
        const namesDone = progress.steps?.[String(index)] === 'names';
        const rpc: CpeMethodRequest = namesDone
          ? { name: 'GetParameterValues', parameterNames: [action.path] }
          : { name: 'GetParameterNames', parameterPath: action.path, nextLevel: false };
        const reason = namesDone
          ? `read the values under ${action.path}`
          : `refresh ${action.path}`;
        return {
          kind: 'commands',
          drafts: [{ rpc, purpose: purpose(namesDone ? 'values' : 'names'), reason }],
        };
      }
      case 'setNotification': {
        const rpc: CpeMethodRequest = {
          name: 'SetParameterAttributes',
          parameterList: action.parameters.map(({ path, notification }) => ({
            name: path,
            notificationChange: true,
            notification,
            accessListChange: false,
            accessList: [],
          })),
        };
        const reason = `notification ${action.parameters.map((p) => `${p.path}=${p.notification}`).join(', ')}`;
        return { kind: 'commands', drafts: [{ rpc, purpose: purpose('notify'), reason }] };
      }
      case 'setCredentials': {
        if (ctx.credentialsSecret === undefined) {
          return {
            kind: 'fault',
            action: index,
            code: 'no_credentials_secret',
            message: `preset "${preset.name}" sets credentials, but no key to derive them is configured (MERIDIAN_PROVISIONING_CREDENTIALS_SECRET)`,
            detail: { preset: preset.name, version: preset.version, action: index },
          };
        }
        const { username, password } = credentialsOf(action, ctx.device, ctx.credentialsSecret);
        const server = `${ctx.device.root}ManagementServer.`;
        const rpc: CpeMethodRequest = {
          name: 'SetParameterValues',
          parameterList: [
            { name: `${server}Username`, value: username, type: 'xsd:string' },
            { name: `${server}Password`, value: password, type: 'xsd:string' },
          ],
          parameterKey: '',
        };
        // Never the password: reasons are logged.
        const reason = `credentials of the device: ${server}Username ${JSON.stringify(username)} and a password of its own (generation ${action.generation ?? 1})`;
        return { kind: 'commands', drafts: [{ rpc, purpose: purpose('credentials'), reason }] };
      }
      case 'vendorConfig': {
        const awaited = progress.transfers?.[String(index)];
        if (awaited) {
          return {
            kind: 'waiting',
            message: `vendor configuration file download (${awaited.commandId}) accepted at ${awaited.since}; its outcome is awaited`,
          };
        }
        if (ctx.vendorConfigUrl === undefined) {
          return {
            kind: 'fault',
            action: index,
            code: 'no_default_config_url',
            message: `preset "${preset.name}" downloads the vendor configuration file, but no base URL is configured (cwmp.provisioning.default_config_url, MERIDIAN_DEFAULT_CONFIG_URL)`,
            detail: { preset: preset.name, version: preset.version, action: index },
          };
        }
        const url = vendorConfigFileUrl(ctx.vendorConfigUrl, action.file, ctx.device);
        const rpc = downloadRequest({ fileType: '3 Vendor Configuration File', url });
        const reason = `download the vendor configuration file ${url}`;
        return { kind: 'commands', drafts: [{ rpc, purpose: purpose('download'), reason }] };
      }
      case 'download': {
        const awaited = progress.transfers?.[String(index)];
        if (awaited) {
          return {
            kind: 'waiting',
            message: `download "${action.file}" (${awaited.commandId}) accepted at ${awaited.since}; its outcome is awaited`,
          };
        }
        const file = ctx.files[action.file];
        if (!file) {
          return {
            kind: 'fault',
            action: index,
            code: 'file_not_found',
            message: `preset "${preset.name}" downloads file "${action.file}", which is not in the file repository`,
            detail: {
              preset: preset.name,
              version: preset.version,
              action: index,
              file: action.file,
            },
          };
        }
        const rpc = downloadRequest({ fileType: file.type, url: file.url, fileSize: file.size });
        const reason = `download "${file.name}" (${file.type}, ${file.size} bytes)`;
        return { kind: 'commands', drafts: [{ rpc, purpose: purpose('download'), reason }] };
      }
    }
  }
  if (reboot === undefined) return { kind: 'satisfied' };
  const draft: Draft = {
    rpc: { name: 'Reboot', commandKey: '' },
    purpose: {
      kind: 'preset',
      preset: preset.name,
      version: preset.version,
      action: reboot,
      step: 'reboot',
    },
    reason: 'reboot, every other action being done',
  };
  return { kind: 'reboot', draft };
}

function parameterValue(
  ctx: StepContext,
  path: string,
  value: string,
  type?: XsdType,
): ParameterValue {
  return { name: path, value, type: type ?? ctx.parameters.get(path)?.type ?? 'xsd:string' };
}

function setValues(
  action: Extract<Action, { type: 'setParameterValues' }>,
  ctx: StepContext,
  purpose: Purpose,
): Draft[] {
  const differing = action.parameters.filter(
    (p) => !ctx.dropped.has(p.path) && !holds(ctx.parameters.get(p.path), p.value, p.type),
  );
  const first = differing[0];
  if (!first) return [];
  const more = differing.length > 1 ? ` (and ${differing.length - 1} more)` : '';
  return [
    {
      rpc: {
        name: 'SetParameterValues',
        parameterList: differing.map((p) => parameterValue(ctx, p.path, p.value, p.type)),
        parameterKey: '',
      },
      purpose,
      reason: `${first.path} is ${quote(ctx.parameters.get(first.path)?.value)}, preset wants ${JSON.stringify(first.value)}${more}`,
    },
  ];
}

function ensureInstances(
  action: Extract<Action, { type: 'ensureInstances' }>,
  progress: Progress,
  ctx: StepContext,
  purpose: (step: PresetStepName) => Purpose,
): Draft[] {
  const { object, count, match } = action;
  const wanted = { ...match, ...action.values };
  const hasAll = (instance: number, values: Record<string, string>): boolean =>
    Object.entries(values).every(([name, value]) =>
      holds(ctx.parameters.get(`${object}${instance}.${name}`), value),
    );

  // Instances this preset added are its own until their values are set; then they are ordinary.
  const toSet = (progress.created?.[object] ?? []).filter((instance) => !hasAll(instance, wanted));
  if (progress.created) {
    if (toSet.length > 0) progress.created[object] = toSet;
    else delete progress.created[object];
    if (Object.keys(progress.created).length === 0) delete progress.created;
  }
  if (toSet.length > 0) {
    const parameterList = toSet.flatMap((instance) =>
      Object.entries(wanted).map(([name, value]) =>
        parameterValue(ctx, `${object}${instance}.${name}`, value),
      ),
    );
    const instances = toSet.map((instance) => `${object}${instance}.`).join(', ');
    return [
      {
        rpc: { name: 'SetParameterValues', parameterList, parameterKey: '' },
        purpose: purpose('setCreated'),
        reason: `set the new instance(s) ${instances}`,
      },
    ];
  }

  const instances = instancesOf(ctx.parameters, object);
  const matching = instances.filter((instance) => hasAll(instance, match));
  const has = `${object} has ${matching.length} matching instance(s), preset wants ${count}`;
  if (matching.length < count) {
    return Array.from({ length: count - matching.length }, () => ({
      rpc: { name: 'AddObject', objectName: object, parameterKey: '' },
      purpose: purpose('add'),
      reason: has,
    }));
  }
  return matching
    .slice(count)
    .reverse()
    .map((instance) => ({
      rpc: { name: 'DeleteObject', objectName: `${object}${instance}.`, parameterKey: '' },
      purpose: purpose('delete'),
      reason: has,
    }));
}
