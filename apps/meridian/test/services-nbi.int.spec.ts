import type { SimulatedCpe } from '@meridian/cpe-sim';
import { eventually, startFileServer, type FileServer } from '@meridian/testing';
import { sessionOf, startServices, type Services } from './services-setup';

/*
 * Every NBI task kind on Meridian as deployed (gateway, provisioning and NBI processes on the real
 * Kafka, Redis and FerretDB), each one reaching its simulated CPE through Kafka and a connection
 * request: the caller gets the answer, the device changes, and the device view follows.
 */
jest.setTimeout(90_000);

const WAIT = 'connectionRequest=true&timeout=45000';
/** Provisioning writes results into the parameter cache asynchronously (cwmp.results). */
const VIEW_WAIT_MS = 30_000;

describe('NBI tasks on the services with simulated CPEs', () => {
  let services: Services;
  let files: FileServer;
  /** Parameters, objects and faults. */
  let cpe: SimulatedCpe;
  /** Reboot, transfers and scheduled informs. */
  let lifecycle: SimulatedCpe;
  /** Factory reset. */
  let resettable: SimulatedCpe;

  beforeAll(async () => {
    files = await startFileServer({ '/firmware-2.0.bin': 'firmware image 2.0\n' });
    services = await startServices({ name: 'nbi', devices: 3, nbi: true });
    [cpe, lifecycle, resettable] = services.sim.devices as [
      SimulatedCpe,
      SimulatedCpe,
      SimulatedCpe,
    ];
  }, 120_000);

  afterAll(async () => {
    await services?.stop();
    await files?.close();
  }, 60_000);

  const idOf = (device: SimulatedCpe) => services.deviceIdOf(device);
  const task = (device: SimulatedCpe, body: unknown) =>
    services.call('POST', `/devices/${idOf(device)}/tasks?${WAIT}`, body);
  /** Cached parameters of the device view under `prefix`, as path → value. */
  const cached = async (device: SimulatedCpe, prefix: string) => {
    const view = await services.call('GET', `/devices/${idOf(device)}?prefix=${prefix}`);
    return new Map<string, string | undefined>(
      view.json.parameters.map((p: { path: string; value?: string }) => [p.path, p.value]),
    );
  };
  /** Waits until the device view shows `value` for `path`. */
  const viewShows = (device: SimulatedCpe, path: string, value: string) =>
    eventually(async () => (await cached(device, path)).get(path) === value, VIEW_WAIT_MS);

  it('lists the devices that informed', async () => {
    const listed = await services.call('GET', '/devices?fields=deviceId&limit=1000');
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((d: { deviceId: string }) => d.deviceId).sort()).toEqual(
      services.sim.devices.map(idOf).sort(),
    );
  });

  it('getParameterValues: answers with the values, over a connection request, and caches them', async () => {
    const since = Date.now();
    const read = await task(cpe, {
      name: 'getParameterValues',
      parameterNames: ['Device.DeviceInfo.Manufacturer', 'Device.DeviceInfo.SerialNumber'],
    });
    expect(read.status).toBe(200);
    expect(read.json.status).toBe('done');
    expect(read.json.response.parameterList).toEqual([
      { name: 'Device.DeviceInfo.Manufacturer', value: 'Meridian', type: 'xsd:string' },
      { name: 'Device.DeviceInfo.SerialNumber', value: cpe.serialNumber, type: 'xsd:string' },
    ]);
    const session = await sessionOf(cpe, since, (r) => r.rpcs.includes('GetParameterValues'));
    expect(session.events).toContain('6 CONNECTION REQUEST');
    // Not in the Inform: only the task's result puts it in the device view.
    await viewShows(cpe, 'Device.DeviceInfo.Manufacturer', 'Meridian');
  });

  it('setParameterValues: the device takes the value and the commandId as ParameterKey; the view follows', async () => {
    const since = Date.now();
    const write = await task(cpe, {
      name: 'setParameterValues',
      parameterValues: [['Device.Time.NTPServer1', 'ntp.example.net']],
    });
    expect(write.status).toBe(200);
    expect(write.json).toMatchObject({ status: 'done', response: { status: 0 } });
    await sessionOf(cpe, since, (r) => r.rpcs.includes('SetParameterValues'));
    expect(cpe.value('Device.Time.NTPServer1')).toBe('ntp.example.net');
    expect(cpe.value('Device.ManagementServer.ParameterKey')).toBe(write.json.commandId);
    await viewShows(cpe, 'Device.Time.NTPServer1', 'ntp.example.net');
  });

  it('getParameterNames: lists the next level of a path with writability', async () => {
    const names = await task(cpe, {
      name: 'getParameterNames',
      parameterPath: 'Device.Time.',
      nextLevel: true,
    });
    expect(names.status).toBe(200);
    expect(names.json.status).toBe('done');
    expect(names.json.response.parameterList).toEqual(
      expect.arrayContaining([
        { name: 'Device.Time.NTPServer1', writable: true },
        { name: 'Device.Time.Status', writable: false },
      ]),
    );
  });

  it('setParameterAttributes then getParameterAttributes: the notification is set and read back', async () => {
    const since = Date.now();
    const set = await task(cpe, {
      name: 'setParameterAttributes',
      parameterAttributes: [['Device.DeviceInfo.SoftwareVersion', 2]],
    });
    expect(set.status).toBe(200);
    expect(set.json.status).toBe('done');
    await sessionOf(cpe, since, (r) => r.rpcs.includes('SetParameterAttributes'));
    const read = await task(cpe, {
      name: 'getParameterAttributes',
      parameterNames: ['Device.DeviceInfo.SoftwareVersion'],
    });
    expect(read.status).toBe(200);
    expect(read.json.response.parameterList).toEqual([
      expect.objectContaining({ name: 'Device.DeviceInfo.SoftwareVersion', notification: 2 }),
    ]);
  });

  it('addObject then deleteObject: the instance appears and goes, on the device and in the view', async () => {
    let since = Date.now();
    const added = await task(cpe, { name: 'addObject', objectName: 'Device.NAT.PortMapping.' });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({ status: 'done', response: { status: 0 } });
    const instance = added.json.response.instanceNumber as number;
    const row = `Device.NAT.PortMapping.${instance}.`;
    await sessionOf(cpe, since, (r) => r.rpcs.includes('AddObject'));
    expect(cpe.value(`${row}Enable`)).toBeDefined();
    expect(cpe.value('Device.ManagementServer.ParameterKey')).toBe(added.json.commandId);
    await eventually(async () => (await cached(cpe, row)).has(row), VIEW_WAIT_MS);

    since = Date.now();
    const deleted = await task(cpe, { name: 'deleteObject', objectName: row });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ status: 'done', response: { status: 0 } });
    await sessionOf(cpe, since, (r) => r.rpcs.includes('DeleteObject'));
    expect(cpe.value(`${row}Enable`)).toBeUndefined();
    expect(cpe.value('Device.ManagementServer.ParameterKey')).toBe(deleted.json.commandId);
    await eventually(async () => (await cached(cpe, row)).size === 0, VIEW_WAIT_MS);
  });

  it('refreshObject: the whole subtree lands in the device view', async () => {
    const refreshed = await task(cpe, { name: 'refreshObject', objectName: 'Device.DNS.Client.' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.status).toBe('done');
    await eventually(async () => {
      const view = await cached(cpe, 'Device.DNS.Client.');
      return (
        view.size > 1 &&
        view.get('Device.DNS.Client.Enable') === cpe.value('Device.DNS.Client.Enable')
      );
    }, VIEW_WAIT_MS);
  });

  it('a CPE fault ends the task fault with the CWMP codes, listed under the device faults', async () => {
    const refused = await task(cpe, {
      name: 'setParameterValues',
      parameterValues: [['Device.DeviceInfo.SerialNumber', 'STOLEN']],
    });
    expect(refused.status).toBe(200);
    expect(refused.json.status).toBe('fault');
    expect(refused.json.fault.faultCode).toBe(9003);
    expect(refused.json.fault.setParameterValuesFault).toEqual([
      expect.objectContaining({ parameterName: 'Device.DeviceInfo.SerialNumber', faultCode: 9008 }),
    ]);
    expect(cpe.value('Device.DeviceInfo.SerialNumber')).toBe(cpe.serialNumber);
    const faults = await services.call('GET', `/devices/${idOf(cpe)}/faults`);
    expect(faults.json).toEqual([
      expect.objectContaining({ channel: 'task.SetParameterValues', code: '9003' }),
    ]);
  });

  it('reboot: the device comes back with 1 BOOT and M Reboot carrying the commandId', async () => {
    const rebooted = await task(lifecycle, { name: 'reboot' });
    expect(rebooted.status).toBe(200);
    expect(rebooted.json.status).toBe('done');
    const boot = await sessionOf(lifecycle, Date.parse(rebooted.json.createdAt), (r) =>
      r.events.includes('1 BOOT'),
    );
    expect(boot.events).toEqual(['1 BOOT', `M Reboot ${rebooted.json.commandId}`]);
  });

  it('download: the device fetches the file and reports TransferComplete with the commandId', async () => {
    const download = await task(lifecycle, {
      name: 'download',
      fileType: '1 Firmware Upgrade Image',
      url: `${files.url}firmware-2.0.bin`,
      fileSize: 'firmware image 2.0\n'.length,
    });
    expect(download.status).toBe(200);
    expect(download.json).toMatchObject({ status: 'done', response: { status: 1 } });
    const complete = await sessionOf(lifecycle, Date.parse(download.json.createdAt), (r) =>
      r.events.includes('7 TRANSFER COMPLETE'),
    );
    expect(complete.events).toContain(`M Download ${download.json.commandId}`);
    expect(files.downloads).toEqual(['/firmware-2.0.bin']);
  });

  it('upload: the device sends its configuration to the URL', async () => {
    const upload = await task(lifecycle, {
      name: 'upload',
      fileType: '1 Vendor Configuration File',
      url: `${files.url}config/${idOf(lifecycle)}.cfg`,
    });
    expect(upload.status).toBe(200);
    expect(upload.json).toMatchObject({ status: 'done', response: { status: 1 } });
    const complete = await sessionOf(lifecycle, Date.parse(upload.json.createdAt), (r) =>
      r.events.includes('7 TRANSFER COMPLETE'),
    );
    expect(complete.events).toContain(`M Upload ${upload.json.commandId}`);
    expect(files.uploads.get(`/config/${idOf(lifecycle)}.cfg`)).toContain(
      'Device.Time.NTPServer1=pool.ntp.org',
    );
  });

  it('scheduleInform: the device informs after the delay with M ScheduleInform', async () => {
    const scheduled = await task(lifecycle, { name: 'scheduleInform', delaySeconds: 1 });
    expect(scheduled.status).toBe(200);
    expect(scheduled.json.status).toBe('done');
    const informed = await sessionOf(lifecycle, Date.parse(scheduled.json.createdAt), (r) =>
      r.events.includes('3 SCHEDULED'),
    );
    expect(informed.events).toContain(`M ScheduleInform ${scheduled.json.commandId}`);
    expect(informed.startedAt - Date.parse(scheduled.json.createdAt)).toBeGreaterThanOrEqual(1000);
  });

  it('cancel: a task not sent yet leaves the Redis queue and never reaches the device; an ended one answers 409', async () => {
    // No connection request: the reboot waits in the device's queue for its next session.
    const queued = await services.call('POST', `/devices/${idOf(cpe)}/tasks`, { name: 'reboot' });
    expect(queued.status).toBe(202);
    // Let the gateway take it off Kafka into Redis (a cancel that overtakes it works too).
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const cancelled = await services.call('DELETE', `/tasks/${queued.json.commandId}`);
    expect(cancelled.status).toBe(204);
    expect((await services.call('GET', `/tasks/${queued.json.commandId}`)).json.status).toBe(
      'cancelled',
    );
    const session = await cpe.inform(['2 PERIODIC']);
    expect(session.rpcs).not.toContain('Reboot');

    const again = await services.call('DELETE', `/tasks/${queued.json.commandId}`);
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'not_pending', state: 'cancelled' });
  });

  it('factoryReset: the device forgets its settings and bootstraps again', async () => {
    await task(resettable, {
      name: 'setParameterValues',
      parameterValues: [['Device.Time.NTPServer1', 'ntp.example.net']],
    });
    await eventually(() => resettable.value('Device.Time.NTPServer1') === 'ntp.example.net');
    const reset = await task(resettable, { name: 'factoryReset' });
    expect(reset.status).toBe(200);
    expect(reset.json.status).toBe('done');
    const bootstrap = await sessionOf(resettable, Date.parse(reset.json.createdAt), (r) =>
      r.events.includes('0 BOOTSTRAP'),
    );
    expect(bootstrap.events).toEqual(['0 BOOTSTRAP', '1 BOOT']);
    expect(resettable.value('Device.Time.NTPServer1')).toBe('pool.ntp.org');
  });
});
