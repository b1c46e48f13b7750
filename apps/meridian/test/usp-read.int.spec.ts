import 'reflect-metadata';
import type { SimulatedCpe, Simulator } from '@meridian/cpe-sim';
import { STORE, type Store } from '@meridian/store';
import {
  eventually,
  subscriptionAdd,
  uspMqttSetup,
  type UspTestController,
} from '@meridian/testing';
import { endpointIdOf, usp } from '@meridian/usp';
import { startAllInOne, simulatorsOf, type AllInOne } from './all-in-one';

/**
 * The translator's read side on real servers (the all-in-one, the shared Mosquitto, cpe-sim):
 * Get, GetInstances and GetSupportedDM read the CPE itself (one GetParameterValues per Get,
 * GetParameterNames for instances and the supported model), the cache only when the Controller
 * says so; a TR-098 router answers for its own InternetGatewayDevice model.
 */
jest.setTimeout(60_000);

const Resp = usp.GetSupportedDMResp;
const CACHE_OK = { 'meridian-cache-acceptable': 'true' };

describe('the USP translator reads the CPE (MQTT, all-in-one)', () => {
  const mqtt = uspMqttSetup();
  let allInOne: AllInOne;
  let store: Store;
  const sims: Simulator[] = [];
  let controller: UspTestController;
  let tr181: { agent: string; deviceId: string; cpe: SimulatedCpe };
  let tr098: { agent: string; deviceId: string; cpe: SimulatedCpe };

  const router = async (serialPrefix: string, dataModel: 'tr-181' | 'tr-098') => {
    const sim = await simulatorsOf(allInOne.meridian, { serialPrefix, dataModel });
    sims.push(sim);
    await sim.booted;
    const serialNumber = `${serialPrefix}000001`;
    return {
      agent: endpointIdOf({ oui: '00D09E', productClass: 'SimRouter', serialNumber }),
      deviceId: `00D09E-SimRouter-${serialNumber}`,
      cpe: sim.devices[0]!,
    };
  };

  /** Runs a request and gives the CWMP RPCs of the sessions it took. */
  const withRpcs = async <T>(cpe: SimulatedCpe, request: () => Promise<T>) => {
    const before = cpe.sessions.length;
    const answer = await request();
    await eventually(() => cpe.sessions.length > before, 10_000);
    return { answer, rpcs: cpe.sessions.slice(before).flatMap((s) => s.rpcs) };
  };

  const cached = async (deviceId: string, path: string) =>
    (await store.parameters.get(deviceId, { paths: [path] }))[0]?.value;

  beforeAll(async () => {
    allInOne = await startAllInOne('usp-read', {
      MERIDIAN_LOG_LEVEL: 'error',
      ...mqtt.agentEnv,
      MERIDIAN_USP_CWMP_TIMEOUT_MS: '5000',
    });
    store = allInOne.meridian.app.get<Store>(STORE);
    tr181 = await router('RD', 'tr-181');
    tr098 = await router('IGD', 'tr-098');
    // Discovery fills the parameter cache: the reads below must not come from it.
    await eventually(async () => {
      const radio = await cached(tr181.deviceId, 'Device.WiFi.Radio.1.Channel');
      const ssid = await cached(tr181.deviceId, 'Device.WiFi.SSID.2.SSID');
      const wan = await cached(
        tr098.deviceId,
        'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress',
      );
      return radio !== undefined && ssid !== undefined && wan !== undefined;
    }, 30_000);
    controller = await mqtt.controller();
  });

  afterAll(async () => {
    await mqtt.close();
    await Promise.all(sims.map((s) => s.stop()));
    await allInOne?.close();
  });

  it('Get with a wildcard and a search expression sees a value changed on the CPE after the cache, in one GetParameterValues', async () => {
    const { agent, deviceId, cpe } = tr181;
    const before = cpe.value('Device.WiFi.SSID.2.SSID');
    // Changed on the router with notification off: the ACS is not told.
    expect(cpe.changeLocally('Device.WiFi.SSID.2.SSID', 'changed-after-cache')).toBeUndefined();
    expect(await cached(deviceId, 'Device.WiFi.SSID.2.SSID')).toBe(before);
    const paramPaths = [
      'Device.WiFi.SSID.*.SSID',
      'Device.WiFi.SSID.[SSID=="changed-after-cache"].Alias',
      'Device.DeviceInfo.SoftwareVersion',
    ];

    const fromCache = await controller.request(
      agent,
      { get: { paramPaths } },
      { userProperties: CACHE_OK },
    );
    const { answer, rpcs } = await withRpcs(cpe, () =>
      controller.request(agent, { get: { paramPaths } }),
    );

    const [cachedSsids, cachedSearch] =
      fromCache.msg?.body?.response?.getResp?.reqPathResults ?? [];
    expect(cachedSsids?.resolvedPathResults?.[1]?.resultParams).toEqual({ SSID: before });
    expect(cachedSearch).toMatchObject({ errCode: 0, resolvedPathResults: [] });
    expect(answer.msg?.body?.response?.getResp?.reqPathResults).toEqual([
      {
        requestedPath: paramPaths[0],
        errCode: 0,
        errMsg: '',
        resolvedPathResults: [
          {
            resolvedPath: 'Device.WiFi.SSID.1.',
            resultParams: { SSID: cpe.value('Device.WiFi.SSID.1.SSID') },
          },
          { resolvedPath: 'Device.WiFi.SSID.2.', resultParams: { SSID: 'changed-after-cache' } },
        ],
      },
      {
        requestedPath: paramPaths[1],
        errCode: 0,
        errMsg: '',
        resolvedPathResults: [
          { resolvedPath: 'Device.WiFi.SSID.2.', resultParams: { Alias: 'cpe-ssid-2' } },
        ],
      },
      {
        requestedPath: paramPaths[2],
        errCode: 0,
        errMsg: '',
        resolvedPathResults: [
          {
            resolvedPath: 'Device.DeviceInfo.',
            resultParams: { SoftwareVersion: cpe.value('Device.DeviceInfo.SoftwareVersion') },
          },
        ],
      },
    ]);
    // Three paths, two subtrees: one GetParameterValues.
    expect(rpcs.filter((r) => r === 'GetParameterValues')).toHaveLength(1);
  });

  it('GetInstances first_level_only lists what the CPE has (GetParameterNames), the cache only when acceptable', async () => {
    const { agent, deviceId, cpe } = tr181;
    // The cache loses an instance the CPE still has.
    await store.parameters.deleteSubtree(deviceId, 'Device.WiFi.SSID.2.');
    const request = { getInstances: { objPaths: ['Device.WiFi.SSID.'], firstLevelOnly: true } };

    const fromCache = await controller.request(agent, request, { userProperties: CACHE_OK });
    const { answer, rpcs } = await withRpcs(cpe, () => controller.request(agent, request));

    const [cachedResult] = fromCache.msg?.body?.response?.getInstancesResp?.reqPathResults ?? [];
    expect(cachedResult?.currInsts?.map((i) => i.instantiatedObjPath)).toEqual([
      'Device.WiFi.SSID.1.',
    ]);
    const [result] = answer.msg?.body?.response?.getInstancesResp?.reqPathResults ?? [];
    expect(result).toMatchObject({ requestedPath: 'Device.WiFi.SSID.', errCode: 0 });
    expect(result?.currInsts?.map((i) => i.instantiatedObjPath)).toEqual([
      'Device.WiFi.SSID.1.',
      'Device.WiFi.SSID.2.',
    ]);
    expect(result?.currInsts?.[1]?.uniqueKeys).toMatchObject({
      Alias: 'cpe-ssid-2',
      Name: cpe.value('Device.WiFi.SSID.2.Name'),
    });
    expect(rpcs).toEqual(['GetParameterNames', 'GetParameterValues']);

    // A search expression compares values: read with GetParameterValues.
    const searched = await withRpcs(cpe, () =>
      controller.request(agent, {
        getInstances: {
          objPaths: ['Device.WiFi.SSID.[Alias=="cpe-ssid-2"].'],
          firstLevelOnly: true,
        },
      }),
    );
    const [found] = searched.answer.msg?.body?.response?.getInstancesResp?.reqPathResults ?? [];
    expect(found?.currInsts?.map((i) => i.instantiatedObjPath)).toEqual(['Device.WiFi.SSID.2.']);
    expect(searched.rpcs[0]).toBe('GetParameterValues');
  });

  it('GetSupportedDM is narrowed to what the CPE reports in GetParameterNames', async () => {
    const { agent, deviceId, cpe } = tr181;
    await store.parameters.deleteSubtree(deviceId, 'Device.WiFi.Radio.');
    const request = {
      getSupportedDm: {
        objPaths: ['Device.WiFi.Radio.{i}.'],
        returnParams: true,
        firstLevelOnly: true,
      },
    };

    const fromCache = await controller.request(agent, request, { userProperties: CACHE_OK });
    const { answer, rpcs } = await withRpcs(cpe, () => controller.request(agent, request));

    const [cachedResult] = fromCache.msg?.body?.response?.getSupportedDmResp?.reqObjResults ?? [];
    expect(cachedResult).toMatchObject({ errCode: 7026 });
    const [result] = answer.msg?.body?.response?.getSupportedDmResp?.reqObjResults ?? [];
    expect(result).toMatchObject({ reqObjPath: 'Device.WiFi.Radio.{i}.', errCode: 0 });
    const radio = result?.supportedObjs?.find(
      (o) => o.supportedObjPath === 'Device.WiFi.Radio.{i}.',
    );
    const names = radio?.supportedParams?.map((p) => p.paramName ?? '') ?? [];
    expect(names).toContain('Channel');
    // Only what the device has: the parameters its own (CWMP) model gives a radio.
    const radioParams = cpe.state.model
      .object('Device.WiFi.Radio.1.')
      ?.parameters.map((p) => p.name);
    expect(names.filter((n) => !radioParams?.includes(n))).toEqual([]);
    expect(rpcs).toEqual(['GetParameterNames']);
  });

  it('a TR-098 router answers under InternetGatewayDevice. with its own model, and has no Device. model', async () => {
    const { agent, cpe } = tr098;
    const wan = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.';

    const get = await controller.request(agent, {
      get: {
        paramPaths: [
          'InternetGatewayDevice.WANDevice.*.WANConnectionDevice.*.WANIPConnection.[Name=="wan"].ExternalIPAddress',
          'Device.DeviceInfo.SoftwareVersion',
        ],
      },
    });
    const instances = await controller.request(agent, {
      getInstances: { objPaths: ['InternetGatewayDevice.WANDevice.'], firstLevelOnly: false },
    });
    const supported = await controller.request(agent, {
      getSupportedDm: {
        objPaths: [
          'InternetGatewayDevice.WANDevice.{i}.WANConnectionDevice.{i}.WANIPConnection.',
          'Device.WiFi.',
        ],
        returnParams: true,
      },
    });

    const [read, tr181Read] = get.msg?.body?.response?.getResp?.reqPathResults ?? [];
    expect(read).toMatchObject({
      errCode: 0,
      resolvedPathResults: [
        {
          resolvedPath: wan,
          resultParams: { ExternalIPAddress: cpe.value(`${wan}ExternalIPAddress`) },
        },
      ],
    });
    expect(tr181Read).toMatchObject({ errCode: 7026 });
    const [listed] = instances.msg?.body?.response?.getInstancesResp?.reqPathResults ?? [];
    expect(listed?.currInsts?.map((i) => i.instantiatedObjPath)).toEqual([
      'InternetGatewayDevice.WANDevice.1.',
      'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.',
      wan,
    ]);
    const [igd, device] = supported.msg?.body?.response?.getSupportedDmResp?.reqObjResults ?? [];
    expect(igd).toMatchObject({
      errCode: 0,
      dataModelInstUri: 'urn:broadband-forum-org:tr-098-1-8-0',
    });
    const wanIp = igd?.supportedObjs?.find(
      (o) =>
        o.supportedObjPath ===
        'InternetGatewayDevice.WANDevice.{i}.WANConnectionDevice.{i}.WANIPConnection.{i}.',
    );
    expect(wanIp?.supportedParams?.find((p) => p.paramName === 'ExternalIPAddress')).toMatchObject({
      valueType: Resp.ParamValueType.PARAM_STRING,
    });
    expect(device).toMatchObject({ reqObjPath: 'Device.WiFi.', errCode: 7026 });

    // Written under its own root too.
    const set = await controller.request(agent, {
      set: {
        allowPartial: false,
        updateObjs: [
          {
            objPath:
              'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.[Name=="wan"].',
            paramSettings: [{ param: 'Name', value: 'wan-usp', required: true }],
          },
        ],
      },
    });
    expect(
      set.msg?.body?.response?.setResp?.updatedObjResults?.[0]?.operStatus?.operSuccess,
    ).toBeDefined();
    expect(cpe.value(`${wan}Name`)).toBe('wan-usp');
  });

  it('a ValueChange subscription on an object is notified of the changed parameter only, not of the forced ones the Inform repeats', async () => {
    const { agent, cpe } = tr181;
    const add = await controller.request(
      agent,
      subscriptionAdd({
        id: 'ssids',
        notifType: 'ValueChange',
        referenceList: 'Device.WiFi.SSID.',
      }),
    );
    expect(
      add.msg?.body?.response?.addResp?.createdObjResults?.[0]?.operStatus?.operSuccess,
    ).toBeDefined();
    const notified = () =>
      controller.received.flatMap((r) => {
        const notify = r.msg?.body?.request?.notify;
        return notify?.subscriptionId === 'ssids' ? [notify.valueChange] : [];
      });

    // Both SSIDs are in every Inform of cpe-sim; only SSID.1 changes.
    await cpe.changeLocally('Device.WiFi.SSID.1.SSID', 'renamed-on-the-router');
    await eventually(() => notified().length > 0, 20_000);
    await new Promise((r) => setTimeout(r, 1000));

    expect(notified()).toEqual([
      { paramPath: 'Device.WiFi.SSID.1.SSID', paramValue: 'renamed-on-the-router' },
    ]);
  });
});
