import type { ParameterValue } from '@meridian/cwmp';
import { downloadRpc } from '@meridian/testing';
import { recoverCommand } from '../src';
import { EMPTY, command, effectKinds, envelope, gpv, inform, post, results, spv } from './fixtures';

const parameterKey = (root: string, value: string): ParameterValue[] => [
  { name: `${root}.ManagementServer.ParameterKey`, value, type: 'xsd:string' },
];

describe('recoverCommand: did the CPE apply the command before the session died?', () => {
  it.each(['Device', 'InternetGatewayDevice'])(
    'SetParameterValues applied when %s.ManagementServer.ParameterKey is the commandId',
    (root) => {
      const decision = recoverCommand(
        spv('set-1'),
        inform({ parameterList: parameterKey(root, 'set-1') }),
      );

      expect(decision).toEqual({
        action: 'reportDone',
        response: { name: 'SetParameterValuesResponse', status: 1 },
      });
    },
  );

  it('resends a SetParameterValues when the ParameterKey is another one', () => {
    const decision = recoverCommand(
      spv('set-1'),
      inform({ parameterList: parameterKey('Device', 'set-0') }),
    );

    expect(decision).toEqual({ action: 'send' });
  });

  it('AddObject and DeleteObject use the ParameterKey too', () => {
    const add = command('add-1', { name: 'AddObject', objectName: 'Device.X.', parameterKey: '' });
    const del = command('del-1', {
      name: 'DeleteObject',
      objectName: 'Device.X.1.',
      parameterKey: '',
    });

    expect(recoverCommand(add, inform({ parameterList: parameterKey('Device', 'add-1') }))).toEqual(
      {
        action: 'reportDone',
        response: { name: 'AddObjectResponse', instanceNumber: 0, status: 1 },
      },
    );
    expect(
      recoverCommand(del, inform({ parameterList: parameterKey('Device', 'del-1') })),
    ).toMatchObject({
      action: 'reportDone',
      response: { name: 'DeleteObjectResponse' },
    });
  });

  it.each([
    ['M Reboot', command('k', { name: 'Reboot', commandKey: '' }), 'RebootResponse'],
    [
      'M ScheduleInform',
      command('k', { name: 'ScheduleInform', delaySeconds: 1, commandKey: '' }),
      'ScheduleInformResponse',
    ],
    ['M Download', command('k', downloadRpc()), 'DownloadResponse'],
  ])('%s with CommandKey = commandId reports done', (eventCode, cmd, responseName) => {
    const seen = inform({
      event: [
        { eventCode: '1 BOOT', commandKey: '' },
        { eventCode, commandKey: 'k' },
      ],
    });

    expect(recoverCommand(cmd, seen)).toMatchObject({
      action: 'reportDone',
      response: { name: responseName },
    });
  });

  it('resends a Reboot whose "M Reboot" event carries another CommandKey', () => {
    const seen = inform({ event: [{ eventCode: 'M Reboot', commandKey: 'other' }] });

    expect(recoverCommand(command('k', { name: 'Reboot', commandKey: '' }), seen)).toEqual({
      action: 'send',
    });
  });

  it('simply resends reads', () => {
    const seen = inform({ parameterList: parameterKey('Device', 'g-1') });

    expect(recoverCommand(gpv('g-1'), seen)).toEqual({ action: 'send' });
  });
});

describe('crash recovery in the session (ARCHITECTURE.md "Delivery guarantees" 3)', () => {
  it('reports an applied queue head done on the Inform, removes it and does not resend it', () => {
    const queue = [spv('set-1'), gpv('g-2')];
    const start = post(
      null,
      envelope(inform({ parameterList: parameterKey('Device', 'set-1') })),
      queue,
    );

    expect(effectKinds(start.effects)).toEqual([
      'publish cwmp.inform',
      'publish cwmp.results',
      'removeCommand',
    ]);
    expect(results(start.effects)).toEqual([
      expect.objectContaining({
        commandId: 'set-1',
        outcome: 'done',
        response: { name: 'SetParameterValuesResponse', status: 1 },
        // As the CPE got it before the crash: ParameterKey = commandId.
        rpc: { ...spv('set-1').rpc, parameterKey: 'set-1' },
      }),
    ]);
    // Even if the gateway's next snapshot still shows set-1, the next command sent is g-2.
    const next = post(start.state, EMPTY, queue);
    expect(next.reply).toMatchObject({ envelope: { body: { name: 'GetParameterValues' } } });
    expect(next.state.inFlight?.commandId).toBe('g-2');
  });

  it('resends a queue head the CPE did not apply', () => {
    const queue = [spv('set-1')];
    const start = post(null, envelope(inform()), queue);

    expect(effectKinds(start.effects)).toEqual(['publish cwmp.inform']);
    const next = post(start.state, EMPTY, queue);
    expect(next.reply).toMatchObject({
      envelope: { body: { name: 'SetParameterValues', parameterKey: 'set-1' } },
    });
  });
});
