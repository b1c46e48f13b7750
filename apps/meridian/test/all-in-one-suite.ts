import 'reflect-metadata';
import { nbiClient } from '@meridian/testing';
import type { Simulator } from '@meridian/cpe-sim';
import type { Meridian } from '../src/meridian';
import { simulatorsOf, startAllInOne, type AllInOne } from './all-in-one';

const KEY = 'e2e-admin-key-0123456789';

async function until<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 10_000,
): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

export interface AllInOneStore {
  /** Names the store in the suite's title. */
  name: string;
  /** MERIDIAN_STORE and what goes with it. */
  env: Record<string, string>;
  /** Runs once the CPEs have been registered, while the all-in-one runs. */
  check?: (deviceIds: string[]) => Promise<void>;
  /** Runs after the all-in-one has stopped (drop a database). */
  cleanUp?: () => Promise<void>;
}

/**
 * What a newcomer does: start the all-in-one, point simulated CPEs at it, see them in the NBI and
 * manage them with tasks that reach the device through a connection request. Run on each store
 * (e2e.spec.ts: SQLite, e2e-mongo.int.spec.ts: the MongoDB-wire server).
 */
export function allInOneE2e(store: AllInOneStore): void {
  jest.setTimeout(30_000);

  describe(`all-in-one with simulated CPEs, ${store.name} store`, () => {
    let allInOne: AllInOne;
    let meridian: Meridian;
    let sim: Simulator;
    let nbi: string;

    beforeAll(async () => {
      allInOne = await startAllInOne('e2e', {
        MERIDIAN_NBI_API_KEYS: `e2e:admin:${KEY}`,
        MERIDIAN_CWMP_AUTH: 'digest',
        MERIDIAN_CWMP_USERNAME: 'acs',
        MERIDIAN_CWMP_PASSWORD: 'acs-secret',
        ...store.env,
      });
      ({ meridian, nbi } = allInOne);
      sim = await simulatorsOf(meridian, {
        count: 3,
        username: 'acs',
        password: 'acs-secret',
        rebootDelayMs: 50,
      });
      const booted = await sim.booted;
      expect(booted.map((s) => s.error)).toEqual([undefined, undefined, undefined]);
    });

    afterAll(async () => {
      await sim?.stop();
      await allInOne?.close();
      await store.cleanUp?.();
    });

    const call = (method: string, path: string, body?: unknown) =>
      nbiClient(nbi, KEY)(method, path, body);
    /** Posts a task and waits for the result and for the CPE's session to end (it applies then). */
    const task = async (deviceId: string, body: unknown) => {
      const session = first().nextSession();
      const result = await call(
        'POST',
        `/devices/${deviceId}/tasks?connectionRequest=true&timeout=15000`,
        body,
      );
      await session;
      return result;
    };
    const first = () => sim.devices[0]!;
    const deviceId = () => `00D09E-SimRouter-${first().serialNumber}`;

    it('registers every CPE that informs, with its identity and Inform parameters', async () => {
      // The registry consumes cwmp.inform asynchronously.
      const { status, json } = await until(async () => {
        const r = await call('GET', '/devices?fields=deviceId,softwareVersion');
        return r.json.total === 3 ? r : undefined;
      });
      expect(status).toBe(200);
      expect(json.items[0]).toEqual({ deviceId: deviceId(), softwareVersion: '1.0.0' });
      const device = (await call('GET', `/devices/${deviceId()}`)).json;
      // Provisioning's discovery may already have knocked (6 CONNECTION REQUEST) since.
      expect(device.lastBootstrap).toBeDefined();
      // The simulator speaks CWMP 1.2 (its default).
      expect(device.cwmpVersion).toBe('cwmp-1-2');
      expect(device.parameters.length).toBeGreaterThan(10);
      await store.check?.(sim.devices.map((cpe) => `00D09E-SimRouter-${cpe.serialNumber}`));
    });

    it('reads a value from the device through a connection request', async () => {
      const { status, json } = await task(deviceId(), {
        name: 'getParameterValues',
        parameterNames: ['Device.DeviceInfo.SerialNumber'],
      });
      expect(status).toBe(200);
      expect(json.status).toBe('done');
      expect(json.response.parameterList).toEqual([
        { name: 'Device.DeviceInfo.SerialNumber', value: first().serialNumber, type: 'xsd:string' },
      ]);
      expect(first().sessions.at(-1)?.events).toContain('6 CONNECTION REQUEST');
    });

    it('sets a value, with the commandId as ParameterKey, and the cache follows', async () => {
      const { json } = await task(deviceId(), {
        name: 'setParameterValues',
        parameterValues: [
          ['Device.ManagementServer.PeriodicInformInterval', 600, 'xsd:unsignedInt'],
        ],
      });
      expect(json.status).toBe('done');
      expect(first().value('Device.ManagementServer.PeriodicInformInterval')).toBe('600');
      expect(first().value('Device.ManagementServer.ParameterKey')).toBe(json.commandId);
      // Provisioning caches the outcome as it consumes the result.
      const cached = await until(async () => {
        const view = (
          await call(
            'GET',
            `/devices/${deviceId()}?prefix=Device.ManagementServer.PeriodicInformInterval`,
          )
        ).json;
        return view.parameters[0]?.value === '600' ? view : undefined;
      });
      expect(cached.parameters).toHaveLength(1);
    });

    it('refreshes a subtree into the cache', async () => {
      const { json } = await task(deviceId(), {
        name: 'refreshObject',
        objectName: 'Device.DeviceInfo.',
      });
      expect(json.status).toBe('done');
      const manufacturerOf = (view: { parameters: { path: string; value?: string }[] }) =>
        view.parameters.find((p) => p.path === 'Device.DeviceInfo.Manufacturer');
      const cached = await until(async () => {
        const view = (await call('GET', `/devices/${deviceId()}?prefix=Device.DeviceInfo.`)).json;
        return manufacturerOf(view)?.value !== undefined ? view : undefined;
      });
      expect(manufacturerOf(cached)?.value).toBe(first().value('Device.DeviceInfo.Manufacturer'));
      expect(cached.parameters.length).toBeGreaterThan(5);
    });

    it('sets notification attributes and reads them back', async () => {
      const set = await task(deviceId(), {
        name: 'setParameterAttributes',
        parameterAttributes: [['Device.DeviceInfo.SoftwareVersion', 2]],
      });
      expect(set.json.status).toBe('done');
      const read = await task(deviceId(), {
        name: 'getParameterAttributes',
        parameterNames: ['Device.DeviceInfo.SoftwareVersion'],
      });
      expect(read.json.response.parameterList).toEqual([
        expect.objectContaining({ name: 'Device.DeviceInfo.SoftwareVersion', notification: 2 }),
      ]);
    });

    it('adds and deletes an object instance', async () => {
      const added = (
        await task(deviceId(), { name: 'addObject', objectName: 'Device.NAT.PortMapping.' })
      ).json;
      expect(added.status).toBe('done');
      const instance = added.response.instanceNumber as number;
      expect(first().value(`Device.NAT.PortMapping.${instance}.Enable`)).toBeDefined();
      const deleted = (
        await task(deviceId(), {
          name: 'deleteObject',
          objectName: `Device.NAT.PortMapping.${instance}.`,
        })
      ).json;
      expect(deleted.status).toBe('done');
      expect(first().value(`Device.NAT.PortMapping.${instance}.Enable`)).toBeUndefined();
    });

    it('ends a task the CPE refuses as fault with the CWMP code, listed under faults until retried or dismissed', async () => {
      const { json } = await task(deviceId(), {
        name: 'setParameterValues',
        parameterValues: [['Device.DeviceInfo.SerialNumber', 'X']],
      });
      expect(json.status).toBe('fault');
      expect(json.fault.faultCode).toBe(9003);
      expect(json.fault.setParameterValuesFault).toEqual([
        expect.objectContaining({
          parameterName: 'Device.DeviceInfo.SerialNumber',
          faultCode: 9008,
        }),
      ]);
      const faults = (await call('GET', `/devices/${deviceId()}/faults`)).json;
      expect(faults).toEqual([
        expect.objectContaining({ channel: 'task.SetParameterValues', code: '9003', failures: 1 }),
      ]);

      // Retried as it was, it faults again and is listed again; dismissed, it is gone.
      const session = first().nextSession();
      const retried = await call(
        'POST',
        `/devices/${deviceId()}/faults/task.SetParameterValues/retry?connectionRequest=true&timeout=15000`,
      );
      await session;
      expect(retried.json).toMatchObject({ status: 'fault', rpc: { name: 'SetParameterValues' } });
      expect(retried.json.commandId).not.toBe(json.commandId);
      expect((await call('GET', `/devices/${deviceId()}/faults`)).json).toHaveLength(1);
      expect(
        (await call('DELETE', `/devices/${deviceId()}/faults/task.SetParameterValues`)).status,
      ).toBe(204);
      expect((await call('GET', `/devices/${deviceId()}/faults`)).json).toEqual([]);
    });

    it('ends a task that could not be delivered before it expired as expired', async () => {
      // No connection request: the task waits for the device's next session, which comes too late.
      const queued = await call('POST', `/devices/${deviceId()}/tasks?expiresIn=1`, {
        name: 'reboot',
      });
      expect(queued.status).toBe(202);
      await new Promise((r) => setTimeout(r, 20));
      await first().inform(['2 PERIODIC']);
      const ended = await until(async () => {
        const t = (await call('GET', `/tasks/${queued.json.commandId}`)).json;
        return t.status === 'pending' ? undefined : t;
      });
      expect(ended.status).toBe('expired');
      expect(first().sessions.at(-1)?.rpcs).toEqual([]);
    });

    it('cancels a task not sent yet: the device never runs it; an ended one answers 409 with its state', async () => {
      // No connection request: the task waits in the device's queue for its next session.
      const queued = await call('POST', `/devices/${deviceId()}/tasks`, { name: 'reboot' });
      expect(queued.status).toBe(202);

      expect((await call('DELETE', `/tasks/${queued.json.commandId}`)).status).toBe(204);
      expect((await call('GET', `/tasks/${queued.json.commandId}`)).json.status).toBe('cancelled');
      await first().inform(['2 PERIODIC']);
      expect(first().sessions.at(-1)?.rpcs).toEqual([]);

      const done = await task(deviceId(), {
        name: 'getParameterValues',
        parameterNames: ['Device.DeviceInfo.UpTime'],
      });
      const late = await call('DELETE', `/tasks/${done.json.commandId}`);
      expect(late.status).toBe(409);
      expect(late.json.error).toMatchObject({ code: 'not_pending', state: 'done' });
    });

    it('reboots the device, which informs again with M Reboot and the commandId', async () => {
      const { json } = await task(deviceId(), { name: 'reboot' });
      expect(json.status).toBe('done');
      const boot = await until(() =>
        first().sessions.find(
          (r) => r.events.includes('1 BOOT') && r.startedAt >= Date.parse(json.createdAt),
        ),
      );
      expect(boot.events).toEqual(expect.arrayContaining(['1 BOOT', `M Reboot ${json.commandId}`]));
    });
  });
}
