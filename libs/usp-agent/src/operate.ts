import type { Logger } from '@meridian/bus';
import { randomBytes } from 'node:crypto';
import type { EventMessage, InformMessage, ResultMessage } from '@meridian/contracts';
import type { Store, UspRequest } from '@meridian/store';
import {
  OperateCommandError,
  REQUEST_TABLE,
  UspError,
  cancelOutcome,
  cpeUnreachableError,
  cwmpOperation,
  endEvent,
  encodeMsg,
  endpointIdOf,
  EndpointIdError,
  newRequest,
  nextRequestStatus,
  noSessionContextRecord,
  notifExpiresAt,
  notifyMsg,
  operateTarget,
  operationCompleteNotifies,
  operationFailure,
  operationOutcome,
  operationResult,
  requestEntries,
  type CwmpCompletion,
  type CwmpRead,
  type OperateTarget,
  type OperationOutcome,
  type RequestStatus,
  usp,
} from '@meridian/usp';
import { USP_TRANSLATOR_SOURCE, newCommandId, type CwmpClient } from './cwmp-client';
import type { OutgoingNotify } from './notify-delivery';
import { liveSubscriptions } from './read';

/**
 * Operate on translated devices: the sync commands (Reboot(), FactoryReset()) answered once the
 * CPE accepted the CWMP RPC; the async ones (FirmwareImage.{i}.Download(), the IP diagnostics)
 * as a `Device.LocalAgent.Request.{i}.` kept in the store, answered with its path at once and
 * ended by what the CPE reports later (the command's result, TransferComplete, "M Reboot"),
 * whichever replica hears it: Notify OperationComplete to the subscribed Controllers, then the
 * instance is removed (R-OPR.0). A Request not ended by its deadline fails (`sweep`); one whose
 * CWMP command has not reached the CPE can be canceled (`Device.LocalAgent.Request.{i}.Cancel()`).
 */
export class UspOperations {
  private readonly logger: Logger;

  constructor(
    private readonly store: Store,
    private readonly cwmp: CwmpClient,
    private readonly options: { logger: Logger; requestTimeoutMs: number },
  ) {
    this.logger = options.logger;
  }

  /** The OperateResp of one Operate (R-OPR.1: a failed command is a cmd_failure, not an Error). */
  async operate(
    deviceId: string,
    operate: usp.IOperate,
    controllerId: string,
  ): Promise<usp.IOperateResp> {
    const command = operate.command ?? '';
    let target: OperateTarget;
    try {
      target = operateTarget(command);
    } catch (err) {
      if (err instanceof OperateCommandError) throw new UspError(err.errCode, err.message);
      throw err;
    }
    await this.checkInstance(deviceId, target);
    const operation = cwmpOperation(target, operate.inputArgs ?? {});
    if (!operation.ok) return { operationResults: [operationResult(command, operation)] };
    if ('cancel' in operation) {
      const outcome = await this.cancel(deviceId, operation.cancel, target.objPath);
      return { operationResults: [operationResult(command, outcome)] };
    }
    const commandKey = operate.commandKey ?? '';
    if ('diagnostic' in operation || operation.rpc.name === 'Download') {
      const body =
        'diagnostic' in operation ? { diagnostic: operation.diagnostic } : { rpc: operation.rpc };
      return {
        operationResults: [
          await this.start(
            deviceId,
            target,
            commandKey,
            operate.inputArgs ?? {},
            controllerId,
            body,
          ),
        ],
      };
    }
    // Reboot: kept (not listed) until the CPE informs "M Reboot" with "1 BOOT".
    const commandId = newCommandId();
    const deadline = this.deadline();
    const kept =
      operation.rpc.name === 'Reboot'
        ? await this.store.uspRequests.create(deviceId, (instance) => ({
            commandId,
            listed: false,
            params: { ...newRequest(instance, target, commandKey, controllerId), Status: 'Active' },
            inputs: {},
            deadline,
          }))
        : undefined;
    if (operate.sendResp === false) {
      // No OperateResp is due, so nothing waits for the CPE: the command does, up to the
      // Request's deadline (an offline CPE runs it at its next session within it, never
      // later); a Reboot's Request still open then ends with OperationComplete 7022 (`sweep`).
      await this.cwmp.enqueue(deviceId, operation.rpc, commandId, deadline);
      return { operationResults: [] };
    }
    const result = await this.cwmp.run(deviceId, operation.rpc, commandId);
    if (result.outcome !== 'done' && kept !== undefined) {
      await this.store.uspRequests.delete(deviceId, kept.instance);
    }
    if (result.outcome === 'unreachable') {
      const { errCode, errMsg } = cpeUnreachableError(deviceId, result.waitedMs);
      throw new UspError(errCode, errMsg);
    }
    const outcome: OperationOutcome =
      result.outcome === 'done'
        ? { ok: true, outputArgs: {} }
        : result.outcome === 'fault'
          ? operationFailure(result.fault)
          : {
              ok: false,
              errCode: 7022,
              errMsg: `the CWMP ${operation.rpc.name} ended ${result.outcome}${'reason' in result && result.reason ? `: ${result.reason}` : ''}`,
            };
    return { operationResults: [operationResult(command, outcome)] };
  }

  /**
   * An async command: its Request instance (Requested), the CWMP command queued (Active), the
   * instance's path answered. The Request is in the store before the command leaves, so its end
   * always finds it.
   */
  private async start(
    deviceId: string,
    target: OperateTarget,
    commandKey: string,
    inputArgs: Readonly<Record<string, string>>,
    controllerId: string,
    body: Parameters<CwmpClient['send']>[2],
  ): Promise<usp.OperateResp.IOperationResult> {
    const commandId = newCommandId();
    const inputs = Object.fromEntries(
      Object.entries(inputArgs).filter(([name]) => !/password/i.test(name)),
    );
    const request = await this.store.uspRequests.create(deviceId, (instance) => ({
      commandId,
      listed: true,
      params: newRequest(instance, target, commandKey, controllerId),
      inputs,
      deadline: this.deadline(),
    }));
    try {
      await this.cwmp.send(deviceId, commandId, body);
    } catch (err) {
      await this.store.uspRequests.delete(deviceId, request.instance);
      throw err;
    }
    const status = nextRequestStatus(request.params.Status as RequestStatus, 'queued');
    if (status !== undefined) {
      await this.store.uspRequests.update(deviceId, request.instance, {
        ...request.params,
        Status: status,
      });
    }
    return { executedCommand: target.command, reqObjPath: `${REQUEST_TABLE}${request.instance}.` };
  }

  private deadline(): Date {
    return new Date(Date.now() + this.options.requestTimeoutMs);
  }

  /**
   * Device.LocalAgent.Request.{i}.Cancel(): the Request's CWMP command withdrawn through the
   * gateways' cancel (the session store's queue, atomic against its send), the Request
   * Canceling until its `cancelled` result ends it (Canceled, OperationComplete 7023); 7022 and
   * the Request untouched when the command was sent to the CPE already. A Request that is not
   * in the table is 7016.
   */
  private async cancel(
    deviceId: string,
    instance: number,
    objPath: string,
  ): Promise<OperationOutcome> {
    const row = (await this.store.uspRequests.list(deviceId)).find(
      (r) => r.listed && r.instance === instance,
    );
    if (row === undefined) throw new UspError(7016, `${objPath} is not a Request of the device`);
    const status = nextRequestStatus(row.params.Status as RequestStatus, 'cancelling');
    if (status === undefined) return { ok: true, outputArgs: {} };
    const outcome = cancelOutcome(objPath, await this.cwmp.cancel(deviceId, row.commandId));
    // The cancelled result may have ended it already: then there is nothing to update.
    if (outcome.ok)
      await this.store.uspRequests.update(deviceId, instance, { ...row.params, Status: status });
    return outcome;
  }

  /**
   * The Requests past their deadline (at most `limit`), each ended with OperationComplete 7022
   * and its CWMP command withdrawn if it has not reached the CPE (so the CPE never carries out
   * an operation its Controller was told failed; the `cancelled` result then finds no Request).
   */
  async sweep(now: Date, limit = 100): Promise<OutgoingNotify[]> {
    const out: OutgoingNotify[] = [];
    for (const row of await this.store.uspRequests.overdue(now, limit)) {
      out.push(
        ...(await this.complete(row, {
          source: 'deadline',
          timeoutMs: this.options.requestTimeoutMs,
        })),
      );
      await this.cwmp.cancel(row.deviceId, row.commandId);
    }
    return out;
  }

  /**
   * A FirmwareImage instance must be one the device has (7026); a device that lists none (CWMP
   * CPEs before TR-181 2.12, or an empty table) is taken to have one image, instance 1.
   */
  private async checkInstance(deviceId: string, target: OperateTarget): Promise<void> {
    if (target.operation.kind !== 'download') return;
    const table = 'Device.DeviceInfo.FirmwareImage.';
    const cached = await this.store.parameters.get(deviceId, { prefix: table });
    const instances = new Set(
      cached.flatMap((p) => /^\d+\./.exec(p.path.slice(table.length))?.[0] ?? []),
    );
    const instance = target.objPath.slice(table.length);
    if (instances.has(instance) || (instances.size === 0 && instance === '1.')) return;
    throw new UspError(7026, `${target.objPath} is not an instance of the device`);
  }

  /** The listed Request instances as a read (for Get of Device.LocalAgent.Request.). */
  async requestRead(deviceId: string): Promise<CwmpRead & { ok: true }> {
    const rows = (await this.store.uspRequests.list(deviceId)).filter((r) => r.listed);
    return { name: REQUEST_TABLE, ok: true, parameters: requestEntries(rows) };
  }

  /** A result of the translator's commands (cwmp.results): the end of an async command. */
  async ofResult(result: ResultMessage): Promise<OutgoingNotify[]> {
    if (result.source !== USP_TRANSLATOR_SOURCE) return [];
    const row = await this.requestOf(result.deviceId, result.commandId);
    // A sync command's result is its Operate's answer; the Reboot ends at its boot.
    if (row === undefined || !row.listed) return [];
    const completion: CwmpCompletion = {
      source: 'result',
      outcome: result.outcome,
      ...(result.outcome === 'fault' ? { fault: result.fault } : {}),
      ...('reason' in result && result.reason !== undefined ? { reason: result.reason } : {}),
      ...(result.diagnosticResult !== undefined
        ? { diagnosticResult: result.diagnosticResult }
        : {}),
      ...(result.outcome === 'done' && result.response.name === 'DownloadResponse'
        ? { downloadStatus: result.response.status }
        : {}),
    };
    return this.complete(row, completion);
  }

  /** A TransferComplete (cwmp.events) naming a Download() in progress ends it. */
  async ofEvent(event: EventMessage): Promise<OutgoingNotify[]> {
    if (event.rpc.name !== 'TransferComplete') return [];
    const row = await this.requestOf(event.deviceId, event.rpc.commandKey);
    if (row === undefined || !row.listed) return [];
    return this.complete(row, { source: 'transferComplete', fault: event.rpc.faultStruct });
  }

  /** An Inform with "1 BOOT" and "M Reboot" naming a Reboot() ends it. */
  async ofInform(inform: InformMessage): Promise<OutgoingNotify[]> {
    if (!inform.events.some((e) => e.eventCode === '1 BOOT')) return [];
    const reboot = inform.events.find((e) => e.eventCode === 'M Reboot');
    if (reboot === undefined) return [];
    const row = await this.requestOf(inform.deviceId, reboot.commandKey);
    return row === undefined ? [] : this.complete(row, { source: 'boot' });
  }

  private async requestOf(deviceId: string, commandId: string): Promise<UspRequest | undefined> {
    return (await this.store.uspRequests.list(deviceId)).find((r) => r.commandId === commandId);
  }

  /**
   * Ends a Request: Status Success or Error, then the instance removed and OperationComplete
   * sent to the subscribers; whoever removes it (one consumer per deployment, or a replayed
   * message) sends the Notify, once.
   */
  private async complete(row: UspRequest, completion: CwmpCompletion): Promise<OutgoingNotify[]> {
    let target: OperateTarget;
    try {
      target = operateTarget(row.params.Command ?? '');
    } catch (err) {
      if (!(err instanceof OperateCommandError)) throw err;
      await this.store.uspRequests.delete(row.deviceId, row.instance);
      return [];
    }
    const outcome = operationOutcome(target, completion);
    if (outcome === undefined) return [];
    const status = nextRequestStatus(row.params.Status as RequestStatus, endEvent(outcome));
    if (status === undefined) return [];
    await this.store.uspRequests.update(row.deviceId, row.instance, {
      ...row.params,
      Status: status,
    });
    if (!(await this.store.uspRequests.delete(row.deviceId, row.instance))) return [];
    this.logger.debug('USP operation complete', {
      deviceId: row.deviceId,
      command: target.command,
      status,
    });
    return this.notifies(row.deviceId, target, row.params.CommandKey ?? '', outcome);
  }

  private async notifies(
    deviceId: string,
    target: OperateTarget,
    commandKey: string,
    outcome: OperationOutcome,
  ): Promise<OutgoingNotify[]> {
    const rows = await liveSubscriptions(this.store, deviceId);
    const planned = operationCompleteNotifies(rows, target, commandKey, outcome);
    if (planned.length === 0) return [];
    const device = await this.store.devices.get(deviceId);
    if (!device) return [];
    let fromId: string;
    try {
      fromId = endpointIdOf(device.identity);
    } catch (err) {
      if (err instanceof EndpointIdError) return [];
      throw err;
    }
    const out: OutgoingNotify[] = [];
    for (const notify of planned) {
      const row = rows.find((r) => r.instance === notify.instance);
      const replyTo = row?.replyTo;
      if (replyTo == null) continue;
      const msgId = `notify-${randomBytes(8).toString('hex')}`;
      const record = noSessionContextRecord(
        { toId: notify.recipient, fromId },
        encodeMsg(notifyMsg(msgId, notify.notify)),
      );
      out.push({
        replyTo,
        fromId,
        toId: notify.recipient,
        msgId,
        notifType: 'OperationComplete',
        sendResp: notify.notify.sendResp === true,
        expiresAt: notifExpiresAt(row, Date.now()),
        record,
      });
    }
    return out;
  }
}
