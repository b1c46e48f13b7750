import type { AcsMethodRequest, RequestDownload } from '@meridian/cwmp';
import { ACS_METHODS } from '../src';
import { DEVICE_ID, EMPTY, T0, envelope, gpv, informed, post } from './fixtures';

const fault = { faultCode: 0, faultString: '' };
const du = {
  uuid: 'u-1',
  deploymentUnitRef: 'Device.SoftwareModules.DeploymentUnit.1',
  version: '1.0',
  currentState: 'Installed',
  resolved: true,
  executionUnitRefList: '',
  startTime: '2026-11-25T19:00:00Z',
  completeTime: '2026-11-25T19:01:00Z',
  fault,
};

/** Each CPE-initiated RPC with the response the ACS owes it (TR-069 A.3.3, A.4.2). */
const cases: [AcsMethodRequest, string][] = [
  [
    {
      name: 'TransferComplete',
      commandKey: 'cmd-1',
      faultStruct: fault,
      startTime: '2026-11-25T19:00:00Z',
      completeTime: '2026-11-25T19:01:00Z',
    },
    'TransferCompleteResponse',
  ],
  [
    {
      name: 'AutonomousTransferComplete',
      announceURL: '',
      transferURL: 'http://files/fw.bin',
      isDownload: true,
      fileType: '1 Firmware Upgrade Image',
      fileSize: 1000,
      targetFileName: 'fw.bin',
      faultStruct: fault,
      startTime: '2026-11-25T19:00:00Z',
      completeTime: '2026-11-25T19:01:00Z',
    },
    'AutonomousTransferCompleteResponse',
  ],
  [
    { name: 'RequestDownload', fileType: '1 Firmware Upgrade Image', fileTypeArg: [] },
    'RequestDownloadResponse',
  ],
  [
    { name: 'Kicked', command: 'cmd', referer: 'http://portal', arg: 'a', next: 'http://next' },
    'KickedResponse',
  ],
  [
    { name: 'DUStateChangeComplete', results: [du], commandKey: 'cmd-2' },
    'DUStateChangeCompleteResponse',
  ],
  [
    {
      name: 'AutonomousDUStateChangeComplete',
      results: [{ ...du, operationPerformed: 'Install' }],
    },
    'AutonomousDUStateChangeCompleteResponse',
  ],
];

describe('CPE-initiated requests after the Inform', () => {
  it.each(cases)('answers %s and publishes it to cwmp.events', (rpc, responseName) => {
    const { state, reply, effects } = post(informed(), envelope(rpc, { id: 'r-1' }));

    expect(reply).toMatchObject({
      kind: 'envelope',
      status: 200,
      envelope: { header: { id: 'r-1' }, body: { name: responseName } },
    });
    expect(effects).toEqual([
      {
        kind: 'publish',
        topic: 'cwmp.events',
        key: DEVICE_ID,
        message: {
          schemaVersion: 1,
          deviceId: DEVICE_ID,
          sessionId: 'S1',
          gatewayId: 'gw-1',
          time: new Date(T0).toISOString(),
          rpc,
        },
      },
    ]);
    expect(state.phase).toBe('cpeRequests');
  });

  it("answers Kicked with the CPE's suggested next URL", () => {
    const kicked = {
      name: 'Kicked',
      command: 'c',
      referer: 'r',
      arg: 'a',
      next: 'http://next',
    } as const;
    const { reply } = post(informed(), envelope(kicked));

    expect(reply).toMatchObject({
      envelope: { body: { name: 'KickedResponse', nextURL: 'http://next' } },
    });
  });

  it('answers GetRPCMethods with the ACS methods and publishes nothing', () => {
    const { reply, effects } = post(informed(), envelope({ name: 'GetRPCMethods' }, { id: 'g' }));

    expect(reply).toMatchObject({
      envelope: {
        header: { id: 'g' },
        body: { name: 'GetRPCMethodsResponse', methodList: ACS_METHODS },
      },
    });
    expect(ACS_METHODS).toEqual(
      expect.arrayContaining([
        'Inform',
        'TransferComplete',
        'RequestDownload',
        'Kicked',
        'GetRPCMethods',
      ]),
    );
    expect(effects).toEqual([]);
  });

  it('with HoldRequests=true answers only, sending the queued command after the empty POST', () => {
    const queue = [gpv('c1')];
    const rpc: RequestDownload = {
      name: 'RequestDownload',
      fileType: '3 Vendor Configuration File',
      fileTypeArg: [],
    };
    const held = post(informed(queue), envelope(rpc, { id: 'h', holdRequests: true }), queue);

    expect(held.reply).toMatchObject({ envelope: { body: { name: 'RequestDownloadResponse' } } });
    expect(held.state.inFlight).toBeNull();
    const next = post(held.state, EMPTY, queue);
    expect(next.reply).toMatchObject({ envelope: { body: { name: 'GetParameterValues' } } });
  });

  it('answers a method the ACS does not support with fault 8000 and goes on', () => {
    const unknown = post(informed(), {
      kind: 'unknownMethod',
      method: 'X_ACME_Hello',
      header: { id: 'u' },
      cwmpVersion: '1-2',
    });

    expect(unknown.reply).toMatchObject({
      status: 500,
      envelope: { header: { id: 'u' }, body: { name: 'Fault', faultCode: 8000 } },
    });
    expect(unknown.state.phase).toBe('cpeRequests');
    expect(post(unknown.state, EMPTY).reply).toEqual({ kind: 'noContent' });
  });

  it('answers a CPE-side method sent to the ACS (Reboot) with fault 8000', () => {
    const { reply, state } = post(informed(), envelope({ name: 'Reboot', commandKey: 'x' }));

    expect(reply).toMatchObject({ status: 500, envelope: { body: { faultCode: 8000 } } });
    expect(state.phase).toBe('cpeRequests');
  });

  it('answers a CPE request with invalid arguments with fault 8003 and goes on', () => {
    const bad = post(informed(), {
      kind: 'malformed',
      reason: 'TransferComplete/StartTime: not a dateTime',
      method: 'TransferComplete',
      header: { id: 'b' },
    });

    expect(bad.reply).toMatchObject({
      status: 500,
      envelope: {
        header: { id: 'b' },
        body: { name: 'Fault', faultCode: 8003, faultcode: 'Client' },
      },
    });
    expect(bad.state.phase).toBe('cpeRequests');
    expect(bad.effects).toEqual([]);
  });

  it('refuses an undecodable body with HTTP 400 and ends the session', () => {
    const { reply, state, effects } = post(informed(), { kind: 'malformed', reason: 'not XML' });

    expect(reply).toEqual({ kind: 'httpError', status: 400, reason: 'not XML' });
    expect(state.phase).toBe('ended');
    expect(effects).toContainEqual({ kind: 'endSession', sessionId: 'S1', deviceId: DEVICE_ID });
  });
});
