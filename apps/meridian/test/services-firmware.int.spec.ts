import type { FirmwareOutcome } from '@meridian/contracts';
import { transferProfileOf, type SimulatedCpe, type TransferShare } from '@meridian/cpe-sim';
import { eventually, tapTopic, type TopicTap } from '@meridian/testing';
import { startServices, type Services } from './services-setup';

/*
 * Firmware upgrades on Meridian as deployed: gateway, provisioning, NBI and the firmware service
 * (file server, transfer tracking) as processes on the real Kafka, Redis and FerretDB, simulated
 * CPEs downloading from the file server. One device upgrades, one comes back on its old version,
 * one fails with 9010, one never reports; each outcome arrives on firmware.outcomes and in
 * GET /devices/{deviceId}/transfers.
 */
jest.setTimeout(120_000);

const SHARES: TransferShare[] = [
  { share: 0.25, profile: { outcome: 'fail', faultCode: 9010, faultString: 'Download failure' } },
  { share: 0.25, profile: { outcome: 'rollBack' } },
  { share: 0.25, profile: { outcome: 'silent' } },
];
const IMAGE = Buffer.from(`meridian-sim-firmware 2.0\n${'x'.repeat(10_000)}`);

describe('firmware upgrades on the services', () => {
  let services: Services;
  let outcomes: TopicTap<FirmwareOutcome>;
  /** The simulated devices of a transfer profile (devices are numbered from 1). */
  const devicesOf = (outcome?: string): SimulatedCpe[] =>
    services.sim.devices.filter((_, i) => transferProfileOf(i + 1, SHARES)?.outcome === outcome);
  const deviceOf = (outcome?: string): SimulatedCpe => {
    const [found] = devicesOf(outcome);
    if (!found) throw new Error(`no device of profile ${outcome}`);
    return found;
  };
  const download = async (cpe: SimulatedCpe): Promise<string> => {
    const reply = await services.call(
      'POST',
      `/devices/${services.deviceIdOf(cpe)}/tasks?connectionRequest=true&timeout=20000`,
      { name: 'download', file: 'fw-2.0.bin' },
    );
    expect(reply.json).toMatchObject({ status: 'done', response: { status: 1 } });
    return reply.json.commandId as string;
  };
  const outcomeOf = async (commandId: string) =>
    (await outcomes.next((o) => o.commandId === commandId, 60_000)).value;

  beforeAll(async () => {
    services = await startServices({
      name: 'firmware',
      devices: 8,
      nbi: true,
      firmwareEnv: {
        MERIDIAN_TRANSFER_TIMEOUT_SECONDS: '6',
        MERIDIAN_TRANSFER_SWEEP_SECONDS: '1',
      },
      simulator: { transferShares: SHARES },
    });
    outcomes = await tapTopic(
      `${services.kafkaPrefix}firmware.outcomes`,
      `${services.kafkaPrefix}e2e-outcomes`,
    );
    const uploaded = await services.upload(
      'fw-2.0.bin',
      IMAGE,
      'fileType=1%20Firmware%20Upgrade%20Image&version=2.0',
    );
    expect(uploaded.status).toBe(201);
  }, 150_000);

  afterAll(async () => {
    await outcomes?.close();
    await services?.stop();
  }, 60_000);

  it('upgrades a device end to end: download by file, fetched, BOOT on 2.0, succeeded', async () => {
    const cpe = deviceOf(undefined);
    const commandId = await download(cpe);
    const outcome = await outcomeOf(commandId);
    expect(outcome).toEqual({
      schemaVersion: 1,
      deviceId: services.deviceIdOf(cpe),
      commandId,
      fileName: 'fw-2.0.bin',
      version: '2.0',
      outcome: 'succeeded',
      at: expect.any(String),
    });
    // The image came from the file server: the device installed what it says.
    expect(cpe.value('Device.DeviceInfo.SoftwareVersion')).toBe('2.0');
    const transfers = await services.call('GET', `/devices/${services.deviceIdOf(cpe)}/transfers`);
    expect(transfers.json.items).toEqual([
      expect.objectContaining({
        commandId,
        fileName: 'fw-2.0.bin',
        fileType: '1 Firmware Upgrade Image',
        version: '2.0',
        fromVersion: '1.0.0',
        reportedVersion: '2.0',
        state: 'succeeded',
      }),
    ]);
  });

  it('counts a device back on its old version as rolledBack', async () => {
    const cpe = deviceOf('rollBack');
    const outcome = await outcomeOf(await download(cpe));
    expect(outcome).toMatchObject({ outcome: 'rolledBack', version: '2.0' });
    expect(cpe.value('Device.DeviceInfo.SoftwareVersion')).toBe('1.0.0');
  });

  it('fails with the 9010 of TransferComplete', async () => {
    const outcome = await outcomeOf(await download(deviceOf('fail')));
    expect(outcome).toMatchObject({
      outcome: 'failed',
      faultCode: 9010,
      faultString: 'Download failure',
    });
  });

  it('times out a device that never reports', async () => {
    const cpe = deviceOf('silent');
    const commandId = await download(cpe);
    expect(await outcomeOf(commandId)).toMatchObject({ outcome: 'timedOut' });
    const transfers = await services.call('GET', `/devices/${services.deviceIdOf(cpe)}/transfers`);
    expect(transfers.json.items).toEqual([
      expect.objectContaining({ commandId, state: 'timedOut' }),
    ]);
  });

  it('applies a preset download once provisioning reads the succeeded outcome from Kafka', async () => {
    const cpe = devicesOf(undefined)[1]!;
    const deviceId = services.deviceIdOf(cpe);
    expect((await services.call('POST', `/devices/${deviceId}/tags/fw-preset`)).status).toBe(204);
    const preset = await services.call('PUT', '/presets/fw-preset', {
      precondition: { tags: ['fw-preset'] },
      actions: [{ type: 'download', file: 'fw-2.0.bin' }],
    });
    expect(preset.status).toBe(201);
    await cpe.inform(['6 CONNECTION REQUEST']);
    const outcome = await outcomes.next(
      (o) => o.deviceId === deviceId && o.fileName === 'fw-2.0.bin',
      60_000,
    );
    expect(outcome.value).toMatchObject({ outcome: 'succeeded', version: '2.0' });
    await eventually(async () => {
      const reply = await services.call('GET', `/devices/${deviceId}/provisioning`);
      return reply.json.applied?.['fw-preset']?.version === 1;
    }, 30_000);
    expect(cpe.value('Device.DeviceInfo.SoftwareVersion')).toBe('2.0');
  });
});
