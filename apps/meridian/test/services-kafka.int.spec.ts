import { randomBytes } from 'node:crypto';
import type { Producer } from 'kafkajs';
import {
  SCHEMA_VERSION,
  type CommandMessage,
  type EventMessage,
  type ResultMessage,
} from '@meridian/contracts';
import type { CpeMethodRequest } from '@meridian/cwmp';
import type { SimulatedCpe } from '@meridian/cpe-sim';
import { eventually, startFileServer, type FileServer, type TopicTap } from '@meridian/testing';
import {
  endedSince,
  sessionOf,
  startKafkaService,
  startServices,
  type KafkaService,
  type Services,
} from './services-setup';

/*
 * Commands through Kafka as another service sends them, on Meridian as deployed (gateway and
 * provisioning processes on the real Kafka, Redis and FerretDB): CommandMessage JSON produced to
 * cwmp.commands with kafkajs, keyed by deviceId with a traceparent header, and the outcome read
 * back from cwmp.results in a consumer group of our own.
 */
jest.setTimeout(90_000);

const SOURCE = 'e2e-kafka-service';
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const traceparent = () => `00-${hex(16)}-${hex(8)}-01`;
const traceIdOf = (header: string | undefined) => header?.split('-')[1];
/** Whether `wanted` appears in `all` in the same order, other items in between allowed. */
const isSubsequence = (wanted: string[], all: string[]) => {
  let next = 0;
  for (const item of all) if (item === wanted[next]) next++;
  return next === wanted.length;
};

describe('commands through Kafka on the services with simulated CPEs', () => {
  let services: Services;
  let kafka: KafkaService;
  let files: FileServer;
  let producer: Producer;
  let results: TopicTap<ResultMessage>;
  let events: TopicTap<EventMessage>;
  let devices: [SimulatedCpe, SimulatedCpe, SimulatedCpe, SimulatedCpe];

  beforeAll(async () => {
    files = await startFileServer({ '/image.bin': 'image\n' });
    services = await startServices({ name: 'kafka', devices: 4, nbi: false });
    devices = services.sim.devices as typeof devices;
    kafka = await startKafkaService(services, SOURCE);
    ({ producer, results, events } = kafka);
  }, 150_000);

  afterAll(async () => {
    await kafka?.close();
    await services?.stop();
    await files?.close();
  }, 60_000);

  /** Produces one CommandMessage (or what `edit` makes of it) and returns it as sent. */
  const send = async (
    deviceId: string,
    rpc: CpeMethodRequest,
    edit: (command: CommandMessage) => Record<string, unknown> = (c) => ({ ...c }),
  ) => {
    const command: CommandMessage = {
      schemaVersion: SCHEMA_VERSION,
      commandId: hex(16),
      deviceId,
      rpc,
      connectionRequest: true,
      source: SOURCE,
      createdAt: new Date().toISOString(),
    };
    const headers = { traceparent: traceparent() };
    await producer.send({
      topic: `${services.kafkaPrefix}cwmp.commands`,
      acks: -1,
      messages: [{ key: deviceId, value: JSON.stringify(edit(command)), headers }],
    });
    return { ...command, headers };
  };
  const resultOf = (commandId: string) =>
    results.next((r) => r.commandId === commandId).then((m) => m.value);
  const idOf = (cpe: SimulatedCpe) => services.deviceIdOf(cpe);

  it('runs parameter and object commands of one device in the order produced', async () => {
    const [cpe] = devices;
    const since = Date.now();
    const rpcs: CpeMethodRequest[] = [
      {
        name: 'SetParameterValues',
        parameterList: [
          { name: 'Device.Time.NTPServer1', value: 'ntp.kafka.example', type: 'xsd:string' },
        ],
        parameterKey: '',
      },
      { name: 'GetParameterValues', parameterNames: ['Device.Time.NTPServer1'] },
      { name: 'GetParameterNames', parameterPath: 'Device.Time.', nextLevel: true },
      {
        name: 'SetParameterAttributes',
        parameterList: [
          {
            name: 'Device.DeviceInfo.SoftwareVersion',
            notificationChange: true,
            notification: 2,
            accessListChange: false,
            accessList: [],
          },
        ],
      },
      { name: 'GetParameterAttributes', parameterNames: ['Device.DeviceInfo.SoftwareVersion'] },
      { name: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: '' },
      { name: 'DeleteObject', objectName: 'Device.NAT.PortMapping.1.', parameterKey: '' },
      // refreshObject: a partial path reads the whole subtree (TR-069 A.3.2.2).
      { name: 'GetParameterValues', parameterNames: ['Device.DNS.Client.'] },
    ];
    const sent = [];
    for (const rpc of rpcs) sent.push(await send(idOf(cpe), rpc));
    const outcomes = await Promise.all(sent.map((c) => resultOf(c.commandId)));

    expect(outcomes.map((r) => [r.outcome, r.outcome === 'done' && r.response.name])).toEqual(
      rpcs.map((rpc) => ['done', `${rpc.name}Response`]),
    );
    // One device's results come back on one partition, in the order its commands ran.
    const order = results.messages
      .map((m) => m.value)
      .filter((r) => r.deviceId === idOf(cpe) && r.source === SOURCE)
      .map((r) => r.commandId);
    expect(order).toEqual(sent.map((c) => c.commandId));
    // The device ran them in that order (provisioning's own commands may come in between).
    const ran = () => cpe.sessions.filter((s) => endedSince(s, since)).flatMap((s) => s.rpcs);
    const methods = rpcs.map((rpc) => rpc.name);
    await eventually(() => isSubsequence(methods, ran()), 30_000).catch(() => {
      expect(ran()).toEqual(methods);
    });

    const [, read, names, , attributes, added, , refreshed] = outcomes.map((r) =>
      r.outcome === 'done' ? r.response : undefined,
    );
    expect(read).toMatchObject({
      parameterList: [{ name: 'Device.Time.NTPServer1', value: 'ntp.kafka.example' }],
    });
    expect(names).toMatchObject({
      parameterList: expect.arrayContaining([{ name: 'Device.Time.NTPServer1', writable: true }]),
    });
    expect(attributes).toMatchObject({
      parameterList: [{ name: 'Device.DeviceInfo.SoftwareVersion', notification: 2 }],
    });
    expect(refreshed).toMatchObject({
      parameterList: expect.arrayContaining([
        expect.objectContaining({ name: 'Device.DNS.Client.Enable' }),
      ]),
    });
    const instance = added?.name === 'AddObjectResponse' ? added.instanceNumber : -1;
    expect(cpe.value('Device.Time.NTPServer1')).toBe('ntp.kafka.example');
    expect(cpe.value(`Device.NAT.PortMapping.${instance}.Enable`)).toBeDefined();
    expect(cpe.value('Device.NAT.PortMapping.1.Enable')).toBeUndefined();
    // The last of Set/Add/Delete left its commandId as the ParameterKey.
    expect(cpe.value('Device.ManagementServer.ParameterKey')).toBe(sent[6]!.commandId);
  });

  it('runs Download, Upload and ScheduleInform, with TransferComplete on cwmp.events', async () => {
    const cpe = devices[1];
    const download = await send(idOf(cpe), {
      name: 'Download',
      commandKey: '',
      // Not a firmware image: the simulator stores it (an image would need its format and a reboot).
      fileType: '3 Vendor Configuration File',
      url: `${files.url}image.bin`,
      username: '',
      password: '',
      fileSize: 6,
      targetFileName: '',
      delaySeconds: 0,
      successURL: '',
      failureURL: '',
    });
    const upload = await send(idOf(cpe), {
      name: 'Upload',
      commandKey: '',
      fileType: '1 Vendor Configuration File',
      url: `${files.url}uploads/${idOf(cpe)}.cfg`,
      username: '',
      password: '',
      delaySeconds: 0,
    });
    const schedule = await send(idOf(cpe), {
      name: 'ScheduleInform',
      delaySeconds: 1,
      commandKey: '',
    });
    for (const [command, response] of [
      [download, 'DownloadResponse'],
      [upload, 'UploadResponse'],
      [schedule, 'ScheduleInformResponse'],
    ] as const) {
      expect(await resultOf(command.commandId)).toMatchObject({
        outcome: 'done',
        response: { name: response },
      });
    }
    for (const command of [download, upload]) {
      const complete = await events.next(
        (e) => e.rpc.name === 'TransferComplete' && e.rpc.commandKey === command.commandId,
      );
      expect(complete.value).toMatchObject({
        deviceId: idOf(cpe),
        rpc: { faultStruct: { faultCode: 0 } },
      });
    }
    expect(files.downloads).toEqual(['/image.bin']);
    expect(files.uploads.get(`/uploads/${idOf(cpe)}.cfg`)).toContain('Device.Time.NTPServer1=');
    const scheduled = await sessionOf(cpe, Date.parse(schedule.createdAt), (s) =>
      s.events.includes('3 SCHEDULED'),
    );
    expect(scheduled.events).toContain(`M ScheduleInform ${schedule.commandId}`);
  });

  it('reboots one device and factory-resets another', async () => {
    const [, , rebooting, resetting] = devices;
    const reboot = await send(idOf(rebooting), { name: 'Reboot', commandKey: '' });
    const reset = await send(idOf(resetting), { name: 'FactoryReset' });
    expect(await resultOf(reboot.commandId)).toMatchObject({ outcome: 'done' });
    expect(await resultOf(reset.commandId)).toMatchObject({ outcome: 'done' });
    const boot = await sessionOf(rebooting, Date.parse(reboot.createdAt), (s) =>
      s.events.includes('1 BOOT'),
    );
    expect(boot.events).toEqual(['1 BOOT', `M Reboot ${reboot.commandId}`]);
    const bootstrap = await sessionOf(resetting, Date.parse(reset.createdAt), (s) =>
      s.events.includes('0 BOOTSTRAP'),
    );
    expect(bootstrap.events).toEqual(['0 BOOTSTRAP', '1 BOOT']);
  });

  it('answers a command it cannot accept as rejected, with the reason, in the same trace', async () => {
    const bad = await send('00D09E-Sim Router-NOSUCH1', {
      name: 'GetParameterValues',
      parameterNames: ['Device.DeviceInfo.SerialNumber'],
    });
    const answer = await results.next((r) => r.commandId === bad.commandId);
    expect(answer.value).toMatchObject({
      outcome: 'rejected',
      deviceId: '00D09E-Sim Router-NOSUCH1',
      source: SOURCE,
      reason: 'not a canonical deviceId: "00D09E-Sim Router-NOSUCH1"',
    });
    expect(traceIdOf(answer.headers.traceparent)).toBe(traceIdOf(bad.headers.traceparent));
  });

  // The bus dead-letters it (cwmp.commands.dlq) before the gateway's handler; the gateway reads
  // that topic too and answers the producer.
  it('answers a command with an unknown RPC as rejected, with the reason', async () => {
    const bad = await send(idOf(devices[0]), { name: 'FormatDisk' } as unknown as CpeMethodRequest);
    expect(await results.next((r) => r.commandId === bad.commandId, 10_000)).toMatchObject({
      value: { outcome: 'rejected', reason: expect.stringContaining('FormatDisk') },
    });
  });

  it('answers a command not delivered before expiresAt as expired, without sending it', async () => {
    const cpe = devices[0];
    const since = Date.now();
    const late = await send(idOf(cpe), { name: 'Reboot', commandKey: '' }, (c) => ({
      ...c,
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    }));
    expect(await resultOf(late.commandId)).toMatchObject({ outcome: 'expired' });
    const session = await sessionOf(cpe, since, (s) => s.events.includes('6 CONNECTION REQUEST'));
    // Provisioning may use the session (a refresh after the factory reset); the Reboot never comes.
    expect(session.rpcs).not.toContain('Reboot');
  });
});
