import type {
  DiagnosticKind,
  DiagnosticRequest,
  DiagnosticResult,
  DiagnosticValue,
} from '@meridian/contracts';
import type { Download, SetParameterValues } from '@meridian/cwmp';
import { diagnosticObjectPath, validateDiagnostic } from '@meridian/diagnostics';
import { loadDataModel } from '@meridian/data-model';
import { uspErrorOfCwmpFault } from './cwmp-faults';
import { parsePath } from './path';
import type { usp } from './generated/usp-proto';
import { referenceMatches, type PlannedNotify, type SubscriptionRow } from './subscription';
import { supportedModel, supportedPathOf, type SupportedCommand } from './supported-dm';

/** The table of pending asynchronous operations (TR-181 USP, Device.LocalAgent.). */
export const REQUEST_TABLE = 'Device.LocalAgent.Request.';

/**
 * What each command the translator carries out becomes in CWMP:
 * - reboot: a Reboot, answered (sync) once the CPE accepted it; OperationComplete when the CPE
 *   informs "M Reboot" with "1 BOOT";
 * - factoryReset: a FactoryReset, answered (sync) once the CPE accepted it;
 * - download: a Download of "1 Firmware Upgrade Image" (async), complete at its TransferComplete;
 * - diagnostic: the diagnostics flow of the gateway (async), complete at "8 DIAGNOSTICS COMPLETE";
 * - cancel: Request.{i}.Cancel() (sync), the withdrawal of the Request's CWMP command not sent yet;
 * - writeTrue: a command TR-181 2.12 made of a write-only boolean parameter (`parameterCommands`):
 *   a SetParameterValues of that parameter to true, answered (sync) once the CPE accepted it.
 */
export type OperateKind =
  | { kind: 'reboot' }
  | { kind: 'factoryReset' }
  | { kind: 'download' }
  | { kind: 'diagnostic'; diagnostic: DiagnosticKind }
  | { kind: 'cancel' }
  | { kind: 'writeTrue' };

/** The commands the translator carries out, by supported path (GetSupportedDM lists these). */
export const OPERATE_COMMANDS: ReadonlyMap<string, OperateKind> = new Map<string, OperateKind>([
  ['Device.Reboot()', { kind: 'reboot' }],
  ['Device.FactoryReset()', { kind: 'factoryReset' }],
  ['Device.DeviceInfo.FirmwareImage.{i}.Download()', { kind: 'download' }],
  ['Device.IP.Diagnostics.IPPing()', { kind: 'diagnostic', diagnostic: 'ipPing' }],
  ['Device.IP.Diagnostics.TraceRoute()', { kind: 'diagnostic', diagnostic: 'traceRoute' }],
  [
    'Device.IP.Diagnostics.DownloadDiagnostics()',
    { kind: 'diagnostic', diagnostic: 'downloadDiagnostics' },
  ],
  [
    'Device.IP.Diagnostics.UploadDiagnostics()',
    { kind: 'diagnostic', diagnostic: 'uploadDiagnostics' },
  ],
  ['Device.IP.Diagnostics.UDPEchoDiagnostics()', { kind: 'diagnostic', diagnostic: 'udpEcho' }],
  [
    'Device.IP.Diagnostics.ServerSelectionDiagnostics()',
    { kind: 'diagnostic', diagnostic: 'serverSelection' },
  ],
  ['Device.DNS.Diagnostics.NSLookupDiagnostics()', { kind: 'diagnostic', diagnostic: 'nsLookup' }],
  ['Device.LocalAgent.Request.{i}.Cancel()', { kind: 'cancel' }],
]);

let parameterCommandPaths: ReadonlySet<string> | undefined;

/**
 * The commands that were write-only boolean parameters of TR-181 until 2.12 made them commands
 * (`Device.IP.Interface.{i}.Reset()`, `Device.DHCPv4.Client.{i}.Renew()`, `Device.WiFi.Reset()`,
 * …), by supported path: sync, without input arguments, and the TR-181 CWMP model still has a
 * writable boolean parameter of that name, which a CWMP CPE acts on when it is set to true.
 */
export function parameterCommands(): ReadonlySet<string> {
  if (parameterCommandPaths !== undefined) return parameterCommandPaths;
  const cwmp = loadDataModel('tr-181');
  const paths = new Set<string>();
  for (const object of supportedModel().objects.values()) {
    for (const command of object.commands) {
      if (command.async || command.inputArgs.length > 0) continue;
      const path = `${object.path}${command.name}`;
      if (OPERATE_COMMANDS.has(path)) continue;
      const parameter = cwmp.parameter(
        `${object.path}${command.name.slice(0, -2)}`.replaceAll('{i}', '1'),
      );
      if (parameter?.type === 'boolean' && parameter.writable) paths.add(path);
    }
  }
  parameterCommandPaths = paths;
  return paths;
}

/** One command of an Operate, resolved: where it is, its name, and what the TR-181 model says. */
export interface OperateTarget {
  /** The executed command's path, e.g. "Device.DeviceInfo.FirmwareImage.1.Download()". */
  command: string;
  /** Its object, e.g. "Device.DeviceInfo.FirmwareImage.1." (OperationComplete obj_path). */
  objPath: string;
  /** Its relative name, e.g. "Download()" (OperationComplete command_name). */
  commandName: string;
  operation: OperateKind;
  /** Async in the TR-181 USP model: a Request instance, then Notify OperationComplete. */
  async: boolean;
  definition: SupportedCommand;
}

/** An Operate's command the translator does not carry out, or malformed: 7026 / 7008. */
export class OperateCommandError extends Error {
  constructor(
    readonly errCode: 7008 | 7026,
    message: string,
  ) {
    super(message);
  }
}

const COMMAND_PATH =
  /^((?:[A-Za-z_][A-Za-z0-9_]*\.)(?:(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)\.)*)([A-Za-z_][A-Za-z0-9_]*\(\))$/;

/**
 * The command an Operate names: a Command Path with instance numbers (no search path: each
 * command is one CWMP operation on the CPE). Throws OperateCommandError for text that is not a
 * Command Path (7008) or a command the translator does not carry out (7026).
 */
export function operateTarget(command: string): OperateTarget {
  const match = COMMAND_PATH.exec(command);
  if (match === null) {
    throw new OperateCommandError(
      7008,
      `${JSON.stringify(command)} is not a Command Path with instance numbers (e.g. Device.IP.Diagnostics.IPPing())`,
    );
  }
  const [, objPath, commandName] = match as unknown as [string, string, string];
  const supported = supportedPathOf(command);
  const operation: OperateKind | undefined =
    supported === undefined
      ? undefined
      : (OPERATE_COMMANDS.get(supported) ??
        (parameterCommands().has(supported) ? { kind: 'writeTrue' } : undefined));
  const definition = supportedModel()
    .objects.get(supportedPathOf(objPath) ?? '')
    ?.commands.find((c) => c.name === commandName);
  if (operation === undefined || definition === undefined) {
    throw new OperateCommandError(
      7026,
      `${command} is not a command the translator carries out (${[...OPERATE_COMMANDS.keys()].join(', ')}, and the commands of write-only boolean parameters such as Device.IP.Interface.{i}.Reset())`,
    );
  }
  return { command, objPath, commandName, operation, async: definition.async, definition };
}

/**
 * An Operate's command on a wildcard or search path (TR-369: "a Command Path or Search Path"),
 * e.g. `Device.IP.Interface.[Status=="Up"].Reset()`: the search path of its objects and the
 * command's name, for a fresh read to resolve into Command Paths with instance numbers.
 * Undefined for a Command Path without search (or text that is none: operateTarget says 7008).
 */
export function operateSearch(
  command: string,
): { objects: string; commandName: string } | undefined {
  if (COMMAND_PATH.test(command)) return undefined;
  const match = /^(.+\.)([A-Za-z_][A-Za-z0-9_]*\(\))$/.exec(command);
  if (match === null) return undefined;
  const [, objects, commandName] = match as unknown as [string, string, string];
  let path;
  try {
    path = parsePath(objects);
  } catch {
    return undefined;
  }
  const searched = path.segments.some((s) => s.type === 'wildcard' || s.type === 'search');
  return path.kind === 'object' && searched ? { objects, commandName } : undefined;
}

/** What an Operate's input_args become on the CWMP side, or why they cannot (7027). */
export type CwmpOperation =
  | { ok: true; cancel: number }
  | { ok: true; rpc: Download }
  | { ok: true; diagnostic: DiagnosticRequest }
  | {
      ok: true;
      rpc: { name: 'Reboot'; commandKey: string } | { name: 'FactoryReset' } | SetParameterValues;
    }
  | { ok: false; errCode: 7027; errMsg: string };

/**
 * The CWMP operation of a command with its input_args (R-OPR.5: a missing mandatory argument is
 * 7027; R-OPR.6: unknown arguments are ignored; R-OPR.7: omitted ones take their default).
 * The CommandKey of the CWMP RPC is left empty: the gateway sends the command's id there.
 */
export function cwmpOperation(
  target: OperateTarget,
  inputArgs: Readonly<Record<string, string>>,
  options: { diagnosticTimeoutMs?: number } = {},
): CwmpOperation {
  const args = Object.fromEntries(
    Object.entries(inputArgs).filter(([name]) => target.definition.inputArgs.includes(name)),
  );
  const fail = (reason: string): CwmpOperation => ({
    ok: false,
    errCode: 7027,
    errMsg: `${target.command}: ${reason}`,
  });
  switch (target.operation.kind) {
    case 'cancel':
      return { ok: true, cancel: Number(target.objPath.slice(REQUEST_TABLE.length, -1)) };
    case 'reboot':
      return { ok: true, rpc: { name: 'Reboot', commandKey: '' } };
    case 'factoryReset':
      return { ok: true, rpc: { name: 'FactoryReset' } };
    case 'writeTrue':
      return {
        ok: true,
        rpc: {
          name: 'SetParameterValues',
          parameterList: [
            { name: target.command.slice(0, -2), value: 'true', type: 'xsd:boolean' },
          ],
          parameterKey: '',
        },
      };
    case 'download': {
      const url = args.URL ?? '';
      if (url === '') return fail('URL is required');
      if (!/^(https?|ftp):\/\//i.test(url)) return fail(`URL ${JSON.stringify(url)} is not a URL`);
      const autoActivate = args.AutoActivate ?? 'true';
      if (!['true', '1', 'false', '0'].includes(autoActivate)) {
        return fail(`AutoActivate ${JSON.stringify(autoActivate)} is not a boolean`);
      }
      if (autoActivate === 'false' || autoActivate === '0') {
        return fail('AutoActivate false cannot be honoured: a CWMP Download always installs');
      }
      if ((args.CheckSum ?? '') !== '') {
        return fail('CheckSum cannot be honoured: a CWMP Download carries no checksum');
      }
      const fileSize = args.FileSize ?? '0';
      if (!/^\d+$/.test(fileSize)) {
        return fail(`FileSize ${JSON.stringify(fileSize)} is not an unsignedInt`);
      }
      return {
        ok: true,
        rpc: {
          name: 'Download',
          commandKey: '',
          fileType: '1 Firmware Upgrade Image',
          url,
          username: args.Username ?? '',
          password: args.Password ?? '',
          fileSize: Number(fileSize),
          targetFileName: '',
          delaySeconds: 0,
          successURL: '',
          failureURL: '',
        },
      };
    }
    case 'diagnostic': {
      const kind = target.operation.diagnostic;
      const objectPath = diagnosticObjectPath(kind, 'tr-181') ?? '';
      const model = loadDataModel('tr-181');
      const inputs: Record<string, string | number | boolean> = {};
      for (const [name, text] of Object.entries(args)) {
        const type = model.parameter(objectPath + name)?.type;
        if (type === 'boolean') {
          if (!['true', 'false', '1', '0'].includes(text)) {
            return fail(`${name} ${JSON.stringify(text)} is not a boolean`);
          }
          inputs[name] = text === 'true' || text === '1';
        } else if (type === 'int' || type === 'unsignedInt' || type === 'unsignedLong') {
          if (!/^-?\d+$/.test(text))
            return fail(`${name} ${JSON.stringify(text)} is not an integer`);
          inputs[name] = Number(text);
        } else {
          inputs[name] = text;
        }
      }
      const checked = validateDiagnostic({
        kind,
        inputs,
        ...(options.diagnosticTimeoutMs !== undefined
          ? { timeoutMs: options.diagnosticTimeoutMs }
          : {}),
      });
      // The reason names the field as "inputs.Host": the argument is "Host".
      if (!checked.ok) return fail(checked.reason.replace(/\binputs\./g, ''));
      return { ok: true, diagnostic: checked.value };
    }
  }
}

/** Status of a Request instance (TR-181 Device.LocalAgent.Request.{i}.Status). */
export type RequestStatus = 'Requested' | 'Active' | 'Canceling' | 'Canceled' | 'Success' | 'Error';

/**
 * What happens to a Request: the CWMP command is queued, a Cancel() withdrew it (its `cancelled`
 * result is on its way), then the operation ends.
 */
export type RequestEvent = 'queued' | 'cancelling' | 'succeeded' | 'failed' | 'cancelled';

const ENDED: ReadonlySet<RequestStatus> = new Set(['Success', 'Error', 'Canceled']);

/**
 * The Request object's state machine: Requested → Active (the CWMP command is queued for the
 * CPE) → Success or Error (the CPE reported; the instance is then removed, R-OPR.0); Requested /
 * Active → Canceling (Cancel() withdrew the command) → Canceled. An end can come before "queued"
 * was recorded (another topic, another consumer): Requested → Success / Error too. Undefined for
 * a transition that cannot happen (an ended Request does not move).
 */
export function nextRequestStatus(
  status: RequestStatus,
  event: RequestEvent,
): RequestStatus | undefined {
  if (ENDED.has(status)) return undefined;
  switch (event) {
    case 'queued':
      return status === 'Requested' ? 'Active' : undefined;
    case 'cancelling':
      return status === 'Canceling' ? undefined : 'Canceling';
    case 'succeeded':
      return 'Success';
    case 'failed':
      return 'Error';
    case 'cancelled':
      return 'Canceled';
  }
}

/** TR-369 7023 "Command canceled": an async command ended by Cancel() on its Request. */
export const COMMAND_CANCELED = 7023;

/** The event that ends a Request with this outcome (7023 is a Cancel()'s end). */
export function endEvent(outcome: OperationOutcome): RequestEvent {
  if (outcome.ok) return 'succeeded';
  return outcome.errCode === COMMAND_CANCELED ? 'cancelled' : 'failed';
}

/**
 * The answer of `Device.LocalAgent.Request.{i}.Cancel()` from what the gateways' cancel found:
 * the CWMP command withdrawn before it reached the CPE (the Request then ends with 7023), or too
 * late, sent or carried out already (7022 "Command failure": the Request goes on to its own end).
 */
export function cancelOutcome(
  request: string,
  found: 'cancelled' | 'sent' | 'finished',
): OperationOutcome {
  if (found === 'cancelled') return { ok: true, outputArgs: {} };
  return {
    ok: false,
    errCode: 7022,
    errMsg: `${request} cannot be canceled: its CWMP command ${found === 'sent' ? 'was sent to the CPE' : 'was carried out by the CPE'}, the operation goes on to its end`,
  };
}

/** The parameters of a new Request instance (Status Requested). */
export function newRequest(
  instance: number,
  target: OperateTarget,
  commandKey: string,
  originator: string,
): Record<string, string> {
  return {
    Alias: `cpe-${instance}`,
    Originator: originator,
    Command: target.command,
    CommandKey: commandKey,
    Status: 'Requested',
  };
}

/** A Request instance as the translator keeps it. */
export interface RequestRow {
  instance: number;
  params: Readonly<Record<string, string>>;
}

/** The Request table as full-path parameters with their types (for Get). */
export function requestEntries(
  rows: readonly RequestRow[],
): { name: string; value: string; type: string }[] {
  return rows.flatMap((row) =>
    Object.entries(row.params).map(([name, value]) => ({
      name: `${REQUEST_TABLE}${row.instance}.${name}`,
      value,
      type: 'string',
    })),
  );
}

/** How an operation ended: its output arguments, or a failure (OperationComplete). */
export type OperationOutcome =
  | { ok: true; outputArgs: Record<string, string> }
  | { ok: false; errCode: number; errMsg: string };

const text = (value: DiagnosticValue): string =>
  Array.isArray(value) ? value.map((v) => String(v)).join(',') : String(value);

/**
 * A diagnostic's result as the command's output_args: Status (the CPE's DiagnosticsState,
 * "Completed" of TR-098 transfers as "Complete"), each scalar result under its TR-181 name, each
 * table row as "RouteHops.1.Host" (lists comma-separated); only the names the command's
 * output arguments have in the TR-181 USP model.
 */
export function diagnosticOutputArgs(
  result: DiagnosticResult,
  definition: SupportedCommand,
): Record<string, string> {
  const names = new Set(definition.outputArgs);
  const out: Record<string, string> = {};
  const state = result.diagnosticsState === 'Completed' ? 'Complete' : result.diagnosticsState;
  if (names.has('Status')) out.Status = state;
  for (const [name, value] of Object.entries(result.results)) {
    const rows = Array.isArray(value) && value.some((v) => typeof v === 'object') ? value : null;
    if (rows === null) {
      if (names.has(name)) out[name] = text(value);
      continue;
    }
    rows.forEach((row, i) => {
      if (typeof row !== 'object') return;
      for (const [column, cell] of Object.entries(row)) {
        if (names.has(`${name}.{i}.${column}`)) out[`${name}.${i + 1}.${column}`] = text(cell);
      }
    });
  }
  return out;
}

/** A CWMP fault as an operation's failure (the fault table; 9010–9019 are 7022). */
export function operationFailure(fault: {
  faultCode: number;
  faultString: string;
}): OperationOutcome {
  return { ok: false, ...uspErrorOfCwmpFault(fault) };
}

/** What ended the operation, as the translator heard it from the CWMP side. */
export type CwmpCompletion =
  /** The command's result on cwmp.results. */
  | {
      source: 'result';
      outcome: 'done' | 'fault' | 'expired' | 'rejected' | 'cancelled';
      fault?: { faultCode: number; faultString: string };
      reason?: string;
      diagnosticResult?: DiagnosticResult;
      /** DownloadResponse Status: 1 = the transfer completes later (TransferComplete). */
      downloadStatus?: 0 | 1;
    }
  /** A TransferComplete naming the command. */
  | { source: 'transferComplete'; fault: { faultCode: number; faultString: string } }
  /** An Inform with "M Reboot" naming the command and "1 BOOT". */
  | { source: 'boot' }
  /** Its deadline passed (MERIDIAN_USP_REQUEST_TIMEOUT_MS after the Operate) without an end. */
  | { source: 'deadline'; timeoutMs: number };

/**
 * Whether (and how) a CWMP event ends the operation: undefined while it goes on (a Download the
 * CPE accepted with Status 1 waits for its TransferComplete). A diagnostic the CPE ended in an
 * Error_… state completes with that Status (the TR-181 output argument has the Error_ values);
 * a fault without results, a command never delivered (7003) or refused fail the operation.
 */
export function operationOutcome(
  target: OperateTarget,
  completion: CwmpCompletion,
): OperationOutcome | undefined {
  if (completion.source === 'boot') return { ok: true, outputArgs: {} };
  if (completion.source === 'deadline') {
    return {
      ok: false,
      errCode: 7022,
      errMsg: `the CPE did not report the end of the operation within ${completion.timeoutMs} ms; it is taken as failed`,
    };
  }
  if (completion.source === 'transferComplete') {
    return completion.fault.faultCode === 0
      ? { ok: true, outputArgs: {} }
      : operationFailure(completion.fault);
  }
  const { outcome } = completion;
  if (completion.diagnosticResult !== undefined && (outcome === 'done' || outcome === 'fault')) {
    return {
      ok: true,
      outputArgs: diagnosticOutputArgs(completion.diagnosticResult, target.definition),
    };
  }
  switch (outcome) {
    case 'done':
      return completion.downloadStatus === 1 ? undefined : { ok: true, outputArgs: {} };
    case 'fault':
      return operationFailure(completion.fault ?? { faultCode: 9002, faultString: '' });
    case 'expired':
      return {
        ok: false,
        errCode: 7003,
        errMsg: `the CPE was not reached in time${completion.reason ? `: ${completion.reason}` : ''}; the operation was not carried out`,
      };
    case 'rejected':
      return {
        ok: false,
        errCode: 7027,
        errMsg: `the gateway refused the command: ${completion.reason ?? ''}`,
      };
    case 'cancelled':
      return {
        ok: false,
        errCode: COMMAND_CANCELED,
        errMsg: 'canceled before its CWMP command reached the CPE',
      };
  }
}

/** The OperateResp result of a command carried out synchronously, or refused before it ran. */
export function operationResult(
  command: string,
  outcome: OperationOutcome,
): usp.OperateResp.IOperationResult {
  return outcome.ok
    ? { executedCommand: command, reqOutputArgs: { outputArgs: outcome.outputArgs } }
    : {
        executedCommand: command,
        cmdFailure: { errCode: outcome.errCode, errMsg: outcome.errMsg },
      };
}

/**
 * The Notify OperationComplete messages of an ended operation: one per enabled Subscription
 * with NotifType OperationComplete whose ReferenceList names the command (its Command Path, an
 * object above it, `*` for instances); send_resp is NotifRetry.
 */
export function operationCompleteNotifies(
  rows: readonly SubscriptionRow[],
  target: Pick<OperateTarget, 'command' | 'objPath' | 'commandName'>,
  commandKey: string,
  outcome: OperationOutcome,
): PlannedNotify[] {
  const out: PlannedNotify[] = [];
  for (const row of rows) {
    if (row.params.Enable !== 'true' || row.params.NotifType !== 'OperationComplete') continue;
    const references = (row.params.ReferenceList ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r !== '');
    if (!references.some((ref) => referenceMatches(ref, target.command))) continue;
    out.push({
      instance: row.instance,
      recipient: row.params.Recipient ?? '',
      notify: {
        subscriptionId: row.params.ID ?? '',
        sendResp: row.params.NotifRetry === 'true',
        operComplete: {
          objPath: target.objPath,
          commandName: target.commandName,
          commandKey,
          ...(outcome.ok
            ? { reqOutputArgs: { outputArgs: outcome.outputArgs } }
            : { cmdFailure: { errCode: outcome.errCode, errMsg: outcome.errMsg } }),
        },
      },
    });
  }
  return out;
}
