import { decodeEnvelope, type CpeMethodRequest } from '@meridian/cwmp';
import { SCHEMA_VERSION, type CommandMessage } from '@meridian/contracts';
import { wireKeyOf } from '@meridian/cwmp-session';
import { downloadRpc, scheduleDownloadRpc } from '@meridian/testing';
import { CpeClient } from './support/cpe-client';
import { DEVICE_ID, envelope, inform } from './support/envelopes';
import { eventually, startGateway, type RunningGateway } from './support/gateway-harness';

const UUID = '7d0c5b8e-2f4a-4e61-b3d9-a1c2e3f40516';

const commandOf = (commandId: string, rpc: CpeMethodRequest): CommandMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId: DEVICE_ID,
  rpc,
  connectionRequest: false,
  source: 'test',
  createdAt: new Date().toISOString(),
});

const gpv = (commandId: string): CommandMessage =>
  commandOf(commandId, {
    name: 'GetParameterValues',
    parameterNames: ['Device.DeviceInfo.UpTime'],
  });

const spv = (commandId: string, value: string, type: 'xsd:int' | 'xsd:string'): CommandMessage =>
  commandOf(commandId, {
    name: 'SetParameterValues',
    parameterList: [{ name: 'Device.ManagementServer.PeriodicInformInterval', value, type }],
    parameterKey: '',
  });

const download = (commandId: string, fileType: string): CommandMessage =>
  commandOf(commandId, downloadRpc({ fileType }));

const scheduleDownload = (commandId: string): CommandMessage =>
  commandOf(commandId, scheduleDownloadRpc());

/**
 * "No command blocks a device": every command is sent, or answered with a result saying why
 * not, and leaves the queue; the CPE never gets a 500 for it. The CPE here speaks cwmp-1-0.
 */
describe('commands the gateway cannot send', () => {
  let gateway: RunningGateway;
  let cpe: CpeClient;

  beforeEach(async () => {
    gateway = await startGateway();
    cpe = new CpeClient(gateway.port);
  });

  afterEach(async () => {
    cpe.close();
    await gateway.close();
  });

  const resultOf = (commandId: string) =>
    gateway.published('cwmp.results').find((r) => r.commandId === commandId);

  it.each([
    ['"abc" as xsd:int', spv('bad-int', 'abc', 'xsd:int'), /"abc" is not a valid xsd:int/],
    ['fileType "firmware"', download('bad-type', 'firmware'), /FileType "firmware"/],
    ['a commandId over 256 characters', gpv('c'.repeat(257)), /longer than 256/],
  ])('%s from the bus: rejected with the reason, never queued', async (_, command, reason) => {
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, command);

    await eventually(() => resultOf(command.commandId) !== undefined);
    expect(resultOf(command.commandId)).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(reason),
    });
    expect(await gateway.sessions.queue(DEVICE_ID)).toEqual([]);
  });

  it('a 36-character UUID commandId runs end to end under its derived ParameterKey', async () => {
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, spv(UUID, '300', 'xsd:int'));
    await eventually(async () => (await gateway.sessions.queue(DEVICE_ID)).length === 1);

    expect((await cpe.post(inform())).status).toBe(200);
    const request = await cpe.post('');
    expect(request.status).toBe(200);
    const sent = decodeEnvelope(request.body);
    expect(sent.body).toMatchObject({ name: 'SetParameterValues', parameterKey: wireKeyOf(UUID) });

    const done = await cpe.post(
      envelope({ name: 'SetParameterValuesResponse', status: 0 }, { id: sent.header.id }),
    );
    expect(done.status).toBe(204);
    await eventually(() => resultOf(UUID) !== undefined);
    expect(resultOf(UUID)).toMatchObject({ outcome: 'done', commandId: UUID });
    expect(await gateway.sessions.queue(DEVICE_ID)).toEqual([]);
  });

  it('ScheduleDownload to a cwmp-1-0 CPE: fault 9000 at send time, and the next command runs in the same session', async () => {
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, scheduleDownload('sd-1'));
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpv('after-sd'));
    await eventually(async () => (await gateway.sessions.queue(DEVICE_ID)).length === 2);

    await cpe.post(inform());
    const request = await cpe.post('');

    expect(request.status).toBe(200);
    expect(decodeEnvelope(request.body).body).toMatchObject({ name: 'GetParameterValues' });
    expect(resultOf('sd-1')).toMatchObject({
      outcome: 'fault',
      fault: { faultCode: 9000, faultString: expect.stringContaining('cwmp-1-0') },
    });
    expect((await gateway.sessions.queue(DEVICE_ID)).map((c) => c.commandId)).toEqual(['after-sd']);
  });

  it('a command that reached the queue without the intake check is answered at send time, never a 500', async () => {
    // As a queue written by an older gateway would hold it.
    await gateway.sessions.enqueue(spv('queued-bad', 'abc', 'xsd:int'));
    await gateway.sessions.enqueue(gpv('queued-good'));

    await cpe.post(inform());
    const request = await cpe.post('');

    expect(request.status).toBe(200);
    expect(decodeEnvelope(request.body).body).toMatchObject({ name: 'GetParameterValues' });
    expect(resultOf('queued-bad')).toMatchObject({ outcome: 'fault', fault: { faultCode: 9003 } });
  });
});

describe('answers the schema cannot hold', () => {
  it('a Kicked whose Next is longer than NextURL may be gets fault 8002, not a bare 500', async () => {
    const gateway = await startGateway();
    const cpe = new CpeClient(gateway.port);
    try {
      await cpe.post(inform());
      const kicked = envelope(
        { name: 'Kicked', command: 'c', referer: 'r', arg: 'a', next: 'n' },
        { id: 'k-1' },
      ).replace('<Next>n</Next>', `<Next>http://portal.example/${'n'.repeat(1100)}</Next>`);

      const reply = await cpe.post(kicked);

      expect(reply.status).toBe(500);
      expect(decodeEnvelope(reply.body)).toMatchObject({
        header: { id: 'k-1' },
        body: { name: 'Fault', faultCode: 8002 },
      });
      expect((await cpe.post('')).status).toBe(204);
    } finally {
      cpe.close();
      await gateway.close();
    }
  });
});
