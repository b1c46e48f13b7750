import 'reflect-metadata';
import type { Simulator } from '@meridian/cpe-sim';
import { eventually, nbiClient, openWindowUtc } from '@meridian/testing';
import { simulatorsOf, startAllInOne, type AllInOne } from './all-in-one';

const KEY = 'delivery-admin-key-0123456789';
jest.setTimeout(60_000);

/**
 * What a campaign hands each device, in the all-in-one (gateway, registry, tracker and runner in
 * one process, simulated CPEs): the CWMP version the registry learnt from the device's Inform
 * picks ScheduleDownload or Download, and a Download its device never gets (offline) is cancelled
 * after the delivery time through the gateway, and counted undelivered, not failed.
 */
describe('all-in-one campaign delivery', () => {
  let allInOne: AllInOne;
  const sims: Simulator[] = [];
  let call: ReturnType<typeof nbiClient>;

  const upload = async () => {
    const res = await fetch(
      `${allInOne.nbi}/files/fw-2.0.bin?fileType=1%20Firmware%20Upgrade%20Image&version=2.0`,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/octet-stream' },
        body: Buffer.from('meridian-sim-firmware 2.0\n'),
      },
    );
    expect(res.status).toBe(201);
  };
  const simulator = (productClass: string, serialPrefix: string, cwmpVersion: '1-1' | '1-2') =>
    simulatorsOf(allInOne.meridian, {
      count: 2,
      productClass,
      serialPrefix,
      cwmpVersion,
      softwareVersion: '1.0',
      rebootDelayMs: 20,
    });
  const campaign = async (body: Record<string, unknown>) => {
    const created = await call('POST', '/campaigns', {
      file: 'fw-2.0.bin',
      stages: [{ percent: 100 }],
      maxInFlight: 10,
      ...body,
    });
    expect(created.status).toBe(201);
    const id: string = created.json.campaignId;
    let done: { progress: Record<string, unknown> } | undefined;
    await eventually(async () => {
      const { json } = await call('GET', `/campaigns/${id}`);
      if (json.state === 'completed') done = json;
      return done !== undefined;
    }, 30_000);
    return done!;
  };

  beforeAll(async () => {
    allInOne = await startAllInOne('delivery', {
      MERIDIAN_NBI_API_KEYS: `ops:admin:${KEY}`,
      MERIDIAN_CAMPAIGN_INTERVAL_MS: '100',
      MERIDIAN_CAMPAIGN_DELIVERY_SECONDS: '2',
    });
    call = nbiClient(allInOne.nbi, KEY);
    await upload();
  });

  afterAll(async () => {
    for (const sim of sims) await sim.stop();
    await allInOne?.close();
  });

  it('hands the window as a ScheduleDownload to a CWMP 1.2 device, as a Download to a 1.1 one', async () => {
    const modern = await simulator('SimModern', 'MOD', '1-2');
    const legacy = await simulator('SimLegacy', 'LEG', '1-1');
    sims.push(modern, legacy);
    await Promise.all([modern.booted, legacy.booted]);
    const versionOf = async (productClass: string) =>
      (await call('GET', `/devices?productClass=${productClass}&fields=cwmpVersion`)).json.items;
    await eventually(async () => (await versionOf('SimLegacy')).length === 2, 10_000);
    expect(await versionOf('SimLegacy')).toEqual(
      legacy.devices.map((d) => ({
        deviceId: `00D09E-SimLegacy-${d.serialNumber}`,
        cwmpVersion: 'cwmp-1-1',
      })),
    );

    const done = await campaign({
      name: 'by version',
      target: { oui: '00D09E' },
      window: { ...openWindowUtc(), scheduleDownload: true },
    });
    expect(done.progress).toMatchObject({ succeeded: 4, failed: 0 });
    const rpcsOf = (sim: Simulator) =>
      sim.devices.map((cpe) =>
        cpe.sessions.flatMap((s) => s.rpcs).filter((r) => /Download$/.test(r)),
      );
    expect(rpcsOf(modern)).toEqual([['ScheduleDownload'], ['ScheduleDownload']]);
    expect(rpcsOf(legacy)).toEqual([['Download'], ['Download']]);
    for (const cpe of [...modern.devices, ...legacy.devices]) {
      expect(cpe.value('Device.DeviceInfo.SoftwareVersion')).toBe('2.0');
    }
  });

  it('cancels the Download of a device that stays offline past the delivery time: skipped, undelivered', async () => {
    const online = await simulator('SimDelivery', 'ON', '1-2');
    const offline = await simulator('SimDelivery', 'OFF', '1-2');
    sims.push(online);
    await Promise.all([online.booted, offline.booted]);
    await eventually(
      async () =>
        (await call('GET', '/devices?productClass=SimDelivery&fields=deviceId')).json.total === 4,
      10_000,
    );
    // Gone: connection requests find no one, and it never informs again.
    await offline.stop();

    const done = await campaign({ name: 'delivery', target: { productClass: 'SimDelivery' } });
    expect(done.progress).toMatchObject({
      succeeded: 2,
      failed: 0,
      skipped: 2,
      skippedByReason: { undelivered: 2 },
    });
    const { json } = await call(
      'GET',
      `/campaigns/${(done as { campaignId?: string }).campaignId}/devices?state=skipped`,
    );
    expect(json.items.map((d: { deviceId: string }) => d.deviceId).sort()).toEqual(
      offline.devices.map((d) => `00D09E-SimDelivery-${d.serialNumber}`).sort(),
    );
    // Through the gateway's cancel: the tracker saw the Download's `cancelled` result.
    for (const cpe of offline.devices) {
      const transfers = await call(
        'GET',
        `/devices/00D09E-SimDelivery-${cpe.serialNumber}/transfers`,
      );
      expect(transfers.json.items).toEqual([
        expect.objectContaining({
          state: 'undelivered',
          faultString: 'the Download was cancelled undelivered',
        }),
      ]);
    }
  });
});
