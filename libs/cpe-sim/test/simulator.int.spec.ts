import type { CwmpBody, Inform } from '@meridian/cwmp';
import { ClientAuth } from '../src/http/auth';
import { authenticatedRequest } from '../src/http/client';
import { createSimulator, type Simulator } from '../src/simulator';
import { FakeAcs, type FakeAcsMessage } from './fake-acs';

const isInform = (m: FakeAcsMessage, code: string) =>
  m.body.name === 'Inform' && m.body.event.some((e) => e.eventCode === code);
const eventsOf = (body: CwmpBody) =>
  (body as Inform).event.map((e) => `${e.eventCode}|${e.commandKey}`);

describe('cpe-sim against an HTTP ACS with Digest auth', () => {
  let acs: FakeAcs;
  let sim: Simulator;

  beforeEach(async () => {
    acs = new FakeAcs('acs-user', 'acs-pass');
    const acsUrl = await acs.start();
    sim = await createSimulator({
      count: 1,
      acsUrl,
      username: 'acs-user',
      password: 'acs-pass',
      crPort: 0,
      periodicInformInterval: 0,
      rebootDelayMs: 50,
      timeoutMs: 5000,
    });
    const [boot] = await sim.booted;
    expect(boot?.error).toBeUndefined();
  });

  afterEach(async () => {
    await sim.stop();
    await acs.stop();
  });

  it('bootstraps with a ~20 parameter Inform carrying the device identity', () => {
    const inform = acs.received[0]!.body as Inform;
    expect(eventsOf(inform)).toEqual(['0 BOOTSTRAP|', '1 BOOT|']);
    expect(inform.deviceId).toEqual({
      manufacturer: 'Meridian',
      oui: '00D09E',
      productClass: 'SimRouter',
      serialNumber: 'SIM000001',
    });
    const params = new Map(inform.parameterList.map((p) => [p.name, p.value]));
    expect(params.get('Device.ManagementServer.ConnectionRequestURL')).toBe(
      `http://127.0.0.1:${sim.connectionRequestPort}/SIM000001`,
    );
    expect(inform.parameterList.length).toBeGreaterThanOrEqual(18);
    expect(acs.unauthorized).toBeGreaterThanOrEqual(1);
  });

  it('answers GPV, a faulty SPV, AddObject and Reboot, then informs BOOT + M Reboot', async () => {
    acs.script.push(
      {
        name: 'GetParameterValues',
        parameterNames: ['Device.DeviceInfo.SerialNumber', 'Device.WiFi.SSID.1.SSID'],
      },
      {
        name: 'SetParameterValues',
        // Sent as a string (our encoder refuses "abc" as xsd:unsignedInt): the CPE checks its model.
        parameterList: [
          {
            name: 'Device.ManagementServer.PeriodicInformInterval',
            value: 'abc',
            type: 'xsd:string',
          },
        ],
        parameterKey: 'spv-1',
      },
      { name: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: 'add-1' },
      { name: 'Reboot', commandKey: 'reboot-1' },
    );
    const cpe = sim.devices[0]!;
    const rebooted = acs.waitFor((m) => isInform(m, 'M Reboot'));
    const session = await cpe.inform(['6 CONNECTION REQUEST']);
    expect(session.error).toBeUndefined();
    expect(session.rpcs).toEqual([
      'GetParameterValues',
      'SetParameterValues',
      'AddObject',
      'Reboot',
    ]);
    // What was carried out, by key: the faulty SPV changed nothing, so its key is not counted.
    expect(session.appliedKeys).toEqual(['add-1', 'reboot-1']);

    const replies = acs.received.slice(-4).map((m) => m.body);
    expect(replies[0]).toEqual({
      name: 'GetParameterValuesResponse',
      parameterList: [
        { name: 'Device.DeviceInfo.SerialNumber', value: 'SIM000001', type: 'xsd:string' },
        { name: 'Device.WiFi.SSID.1.SSID', value: 'SIM-0001', type: 'xsd:string' },
      ],
    });
    expect(replies[1]).toMatchObject({
      name: 'Fault',
      faultCode: 9003,
      setParameterValuesFault: [
        { parameterName: 'Device.ManagementServer.PeriodicInformInterval', faultCode: 9007 },
      ],
    });
    expect(replies[2]).toEqual({ name: 'AddObjectResponse', instanceNumber: 2, status: 0 });
    expect(replies[3]).toEqual({ name: 'RebootResponse' });
    // Every request after the Inform returned the ACS's session cookie.
    expect(acs.received.slice(-4).every((m) => m.cookie?.startsWith('session='))).toBe(true);

    const boot = await rebooted;
    expect(eventsOf(boot.body)).toEqual(['1 BOOT|', 'M Reboot|reboot-1']);
    const params = new Map((boot.body as Inform).parameterList.map((p) => [p.name, p.value]));
    expect(params.get('Device.ManagementServer.ParameterKey')).toBe('add-1');
  });

  it('opens a session on an authenticated connection request only', async () => {
    const cpe = sim.devices[0]!;
    const url = new URL(cpe.value('Device.ManagementServer.ConnectionRequestURL')!);
    const anonymous = await authenticatedRequest({ url, method: 'GET', headers: {} }, undefined);
    expect(anonymous.status).toBe(401);
    const wrong = await authenticatedRequest(
      { url, method: 'GET', headers: {} },
      new ClientAuth('SIM000001', 'nope'),
    );
    expect(wrong.status).toBe(401);

    const informed = acs.waitFor((m) => isInform(m, '6 CONNECTION REQUEST'));
    const ok = await authenticatedRequest(
      { url, method: 'GET', headers: {} },
      new ClientAuth('SIM000001', 'cr-secret'),
    );
    expect(ok.status).toBe(200);
    expect(eventsOf((await informed).body)).toEqual(['6 CONNECTION REQUEST|']);
  });

  it('downloads with Basic auth, installs the image and reports TransferComplete; a missing file faults 9010', async () => {
    acs.files.set('fw.bin', Buffer.from('meridian-sim-firmware 2.0\n'));
    acs.script.push({
      name: 'Download',
      commandKey: 'dl-ok',
      fileType: '1 Firmware Upgrade Image',
      url: `${acs.url}/files/fw.bin`,
      username: 'files',
      password: 'files-pw',
      fileSize: 26,
      targetFileName: '',
      delaySeconds: 0,
      successURL: '',
      failureURL: '',
    });
    const done = acs.waitFor((m) => m.body.name === 'TransferComplete');
    const informed = acs.waitFor((m) => isInform(m, '7 TRANSFER COMPLETE'));
    await sim.devices[0]!.inform(['6 CONNECTION REQUEST']);
    const boot = (await informed).body;
    expect(eventsOf(boot)).toEqual(['1 BOOT|', '7 TRANSFER COMPLETE|', 'M Download|dl-ok']);
    expect(JSON.stringify(boot)).toContain('"2.0"');
    expect((await done).body).toMatchObject({ commandKey: 'dl-ok', faultStruct: { faultCode: 0 } });

    acs.files.set('bad.bin', Buffer.from('not an image\n'));
    acs.script.push({
      name: 'Download',
      commandKey: 'dl-corrupt',
      fileType: '1 Firmware Upgrade Image',
      url: `${acs.url}/files/bad.bin`,
      username: 'files',
      password: 'files-pw',
      fileSize: 13,
      targetFileName: '',
      delaySeconds: 0,
      successURL: '',
      failureURL: '',
    });
    const corrupt = acs.waitFor((m) => m.body.name === 'TransferComplete');
    await sim.devices[0]!.inform(['6 CONNECTION REQUEST']);
    expect((await corrupt).body).toMatchObject({
      commandKey: 'dl-corrupt',
      faultStruct: { faultCode: 9018, faultString: 'file corrupted' },
    });

    acs.script.push({
      name: 'Download',
      commandKey: 'dl-bad',
      fileType: '1 Firmware Upgrade Image',
      url: `${acs.url}/files/missing.bin`,
      username: 'files',
      password: 'files-pw',
      fileSize: 0,
      targetFileName: '',
      delaySeconds: 0,
      successURL: '',
      failureURL: '',
    });
    const failed = acs.waitFor((m) => m.body.name === 'TransferComplete');
    await sim.devices[0]!.inform(['6 CONNECTION REQUEST']);
    expect((await failed).body).toMatchObject({
      commandKey: 'dl-bad',
      faultStruct: { faultCode: 9010 },
    });
  });

  it('uploads its configuration with an HTTP PUT', async () => {
    acs.script.push({
      name: 'Upload',
      commandKey: 'up-1',
      fileType: '1 Vendor Configuration File',
      url: `${acs.url}/files/config.txt`,
      username: 'files',
      password: 'files-pw',
      delaySeconds: 0,
    });
    const done = acs.waitFor((m) => m.body.name === 'TransferComplete');
    await sim.devices[0]!.inform(['6 CONNECTION REQUEST']);
    expect((await done).body).toMatchObject({ commandKey: 'up-1', faultStruct: { faultCode: 0 } });
    expect(acs.uploads.get('config.txt')).toContain('Device.WiFi.SSID.1.SSID=SIM-0001');
  });

  it('ScheduleInform leads to 3 SCHEDULED + M ScheduleInform', async () => {
    acs.script.push({ name: 'ScheduleInform', delaySeconds: 1, commandKey: 'si-1' });
    const scheduled = acs.waitFor((m) => isInform(m, '3 SCHEDULED'));
    await sim.devices[0]!.inform(['6 CONNECTION REQUEST']);
    expect(eventsOf((await scheduled).body)).toEqual(['3 SCHEDULED|', 'M ScheduleInform|si-1']);
  });

  it('FactoryReset wipes the configuration and bootstraps again', async () => {
    acs.script.push(
      {
        name: 'SetParameterValues',
        parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'changed', type: 'xsd:string' }],
        parameterKey: 'spv-2',
      },
      { name: 'FactoryReset' },
    );
    const bootstrap = acs.waitFor((m) => isInform(m, '0 BOOTSTRAP'));
    await sim.devices[0]!.inform(['6 CONNECTION REQUEST']);
    expect(eventsOf((await bootstrap).body)).toEqual(['0 BOOTSTRAP|', '1 BOOT|']);
    expect(sim.devices[0]!.value('Device.WiFi.SSID.1.SSID')).toBe('SIM-0001');
  });
});

describe('cpe-sim periodic Inform', () => {
  it('informs "2 PERIODIC" every PeriodicInformInterval seconds, cwmp-1-0 on the wire', async () => {
    const acs = new FakeAcs('u', 'p');
    const sim = await createSimulator({
      count: 2,
      acsUrl: await acs.start(),
      username: 'u',
      password: 'p',
      crPort: 0,
      periodicInformInterval: 1,
      cwmpVersion: '1-0',
      bootstrap: false,
    });
    try {
      await sim.booted;
      const periodic = await acs.waitFor((m) => isInform(m, '2 PERIODIC'), 3000);
      expect(eventsOf(periodic.body)).toEqual(['2 PERIODIC|']);
      expect(periodic.cwmpVersion).toBe('1-0');
      expect(eventsOf(acs.received[0]!.body)).toEqual(['1 BOOT|']);
    } finally {
      await sim.stop();
      await acs.stop();
    }
  });
});

describe('cpe-sim transfer profiles', () => {
  const download = (acs: FakeAcs, commandKey: string) => ({
    name: 'Download' as const,
    commandKey,
    fileType: '1 Firmware Upgrade Image',
    url: `${acs.url}/files/fw.bin`,
    username: 'files',
    password: 'files-pw',
    fileSize: 26,
    targetFileName: '',
    delaySeconds: 0,
    successURL: '',
    failureURL: '',
  });

  async function withProfile(
    transferShares: NonNullable<Parameters<typeof createSimulator>[0]['transferShares']>,
    run: (acs: FakeAcs, sim: Simulator) => Promise<void>,
  ): Promise<void> {
    const acs = new FakeAcs('acs-user', 'acs-pass');
    const acsUrl = await acs.start();
    acs.files.set('fw.bin', Buffer.from('meridian-sim-firmware 2.0\n'));
    const sim = await createSimulator({
      count: 1,
      acsUrl,
      username: 'acs-user',
      password: 'acs-pass',
      crPort: 0,
      periodicInformInterval: 0,
      rebootDelayMs: 50,
      timeoutMs: 5000,
      transferShares,
    });
    try {
      await sim.booted;
      await run(acs, sim);
    } finally {
      await sim.stop();
      await acs.stop();
    }
  }

  it('rolls back: reboots after a clean TransferComplete and comes back on the old version', async () => {
    await withProfile([{ share: 1, profile: { outcome: 'rollBack' } }], async (acs, sim) => {
      acs.script.push(download(acs, 'dl-rb'));
      const informed = acs.waitFor((m) => isInform(m, '7 TRANSFER COMPLETE'));
      const done = acs.waitFor((m) => m.body.name === 'TransferComplete');
      await sim.devices[0]!.inform(['6 CONNECTION REQUEST']);
      const boot = (await informed).body;
      expect(eventsOf(boot)).toEqual(['1 BOOT|', '7 TRANSFER COMPLETE|', 'M Download|dl-rb']);
      expect(JSON.stringify(boot)).toContain('"1.0.0"');
      expect((await done).body).toMatchObject({ faultStruct: { faultCode: 0 } });
      expect(sim.devices[0]!.value('Device.DeviceInfo.SoftwareVersion')).toBe('1.0.0');
    });
  });

  it('fails with the chosen fault code, without rebooting', async () => {
    await withProfile(
      [{ share: 1, profile: { outcome: 'fail', faultCode: 9017 } }],
      async (acs, sim) => {
        acs.script.push(download(acs, 'dl-f'));
        const informed = acs.waitFor((m) => isInform(m, '7 TRANSFER COMPLETE'));
        const done = acs.waitFor((m) => m.body.name === 'TransferComplete');
        await sim.devices[0]!.inform(['6 CONNECTION REQUEST']);
        expect(eventsOf((await informed).body)).toEqual([
          '7 TRANSFER COMPLETE|',
          'M Download|dl-f',
        ]);
        expect((await done).body).toMatchObject({
          commandKey: 'dl-f',
          faultStruct: { faultCode: 9017 },
        });
      },
    );
  });
});
