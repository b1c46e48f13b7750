import { decodeEnvelope } from '@meridian/cwmp';
import { SCHEMA_VERSION, type CancelMessage, type CommandMessage } from '@meridian/contracts';
import { InMemorySessionStore } from '@meridian/session-store';
import { CpeClient } from './support/cpe-client';
import { DEVICE_ID, envelope, inform } from './support/envelopes';
import { eventually, startGateway, type RunningGateway } from './support/gateway-harness';

const gpv = (commandId: string, parameter = 'Device.DeviceInfo.UpTime'): CommandMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId: DEVICE_ID,
  rpc: { name: 'GetParameterValues', parameterNames: [parameter] },
  connectionRequest: false,
  source: 'producer',
  createdAt: new Date().toISOString(),
});

const cancelOf = (commandId: string): CancelMessage => ({
  schemaVersion: SCHEMA_VERSION,
  action: 'cancel',
  commandId,
  deviceId: DEVICE_ID,
  source: 'operator-tool',
  createdAt: new Date().toISOString(),
});

const answer = (id: string | undefined) =>
  envelope(
    {
      name: 'GetParameterValuesResponse',
      parameterList: [{ name: 'Device.DeviceInfo.UpTime', value: '1', type: 'xsd:unsignedInt' }],
    },
    id === undefined ? {} : { id },
  );

/** A concurrent cancel landing right after a session read the queue: its snapshot is stale. */
class CancelAfterRead extends InMemorySessionStore {
  cancelNext: string | undefined;

  override async queue(deviceId: string): Promise<CommandMessage[]> {
    const queue = await super.queue(deviceId);
    const target = this.cancelNext;
    this.cancelNext = undefined;
    if (target !== undefined) await this.cancel(deviceId, target);
    return queue;
  }
}

describe('cancel from a Kafka producer (CancelMessage on cwmp.commands)', () => {
  let gateway: RunningGateway;
  let cpe: CpeClient;
  const start = async (sessions?: InMemorySessionStore) => {
    gateway = await startGateway({}, { sessions });
    cpe = new CpeClient(gateway.port);
  };
  const queued = async () => (await gateway.sessions.queue(DEVICE_ID)).map((c) => c.commandId);
  const resultsOf = (commandId: string) =>
    gateway.published('cwmp.results').filter((r) => r.commandId === commandId);

  afterEach(async () => {
    cpe.close();
    await gateway.close();
  });

  it('before it is sent: removed from the queue, reported cancelled to its producer, never sent', async () => {
    await start();
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpv('c1'));
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpv('c2', 'Device.DeviceInfo.'));
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, cancelOf('c1'));

    await eventually(() => resultsOf('c1').length === 1);
    expect(resultsOf('c1')).toEqual([
      expect.objectContaining({ outcome: 'cancelled', source: 'producer', deviceId: DEVICE_ID }),
    ]);
    expect(await queued()).toEqual(['c2']);

    await cpe.post(inform());
    const sent = decodeEnvelope((await cpe.post('')).body);
    expect(sent.body).toEqual({
      name: 'GetParameterValues',
      parameterNames: ['Device.DeviceInfo.'],
    });
  });

  it("names a cancelled Download's repository file, so its transfer ends too", async () => {
    await start();
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, {
      schemaVersion: SCHEMA_VERSION,
      commandId: 'dl-1',
      deviceId: DEVICE_ID,
      connectionRequest: false,
      source: 'producer',
      createdAt: new Date().toISOString(),
      rpc: {
        name: 'Download',
        commandKey: '',
        fileType: '1 Firmware Upgrade Image',
        url: 'http://files.example/fw-2.0.bin',
        username: '',
        password: '',
        fileSize: 26,
        targetFileName: '',
        delaySeconds: 0,
        successURL: '',
        failureURL: '',
      },
      fileName: 'fw-2.0.bin',
    });
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, cancelOf('dl-1'));
    await eventually(() => resultsOf('dl-1').length === 1);
    expect(resultsOf('dl-1')).toEqual([
      expect.objectContaining({ outcome: 'cancelled', fileName: 'fw-2.0.bin' }),
    ]);
  });

  it('once it is sent: it stays, runs to its own result, and no cancelled result appears', async () => {
    await start();
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpv('c1'));
    await eventually(async () => (await queued()).length === 1);
    await cpe.post(inform());
    const sent = decodeEnvelope((await cpe.post('')).body);

    await gateway.bus.publish('cwmp.commands', DEVICE_ID, cancelOf('c1'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await queued()).toEqual(['c1']);

    expect((await cpe.post(answer(sent.header.id))).status).toBe(204);
    await eventually(() => resultsOf('c1').length === 1);
    expect(resultsOf('c1').map((r) => r.outcome)).toEqual(['done']);
  });

  it('cancelled while a session is about to send it: the next command goes instead', async () => {
    const sessions = new CancelAfterRead();
    await start(sessions);
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpv('c1'));
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpv('c2', 'Device.DeviceInfo.'));
    await eventually(async () => (await queued()).length === 2);
    await cpe.post(inform());

    sessions.cancelNext = 'c1';
    const sent = decodeEnvelope((await cpe.post('')).body);

    expect(sent.body).toMatchObject({ parameterNames: ['Device.DeviceInfo.'] });
    expect(await queued()).toEqual(['c2']);
  });

  it('a cancel that overtakes its command: the command is refused when it arrives', async () => {
    await start();
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, cancelOf('late'));
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpv('late'));

    await eventually(() => resultsOf('late').length === 1);
    expect(resultsOf('late')).toEqual([
      expect.objectContaining({ outcome: 'cancelled', source: 'operator-tool' }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await queued()).toEqual([]);
  });

  it('a malformed cancel is dropped without a result: it must not end the command it names', async () => {
    await start();
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpv('c1'));
    // Past the bus's own check, as a foreign producer's bytes would come.
    const bad = { ...cancelOf('c1'), source: '' };
    await gateway.bus.publishRaw('cwmp.commands', DEVICE_ID, JSON.stringify(bad));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(resultsOf('c1')).toEqual([]);
    expect(await queued()).toEqual(['c1']);
  });
});
