import {
  afterSetFault,
  indexSnapshot,
  planSet,
  setAnswer,
  setAttempt,
  setDone,
  setPrecheck,
  type SetOutcome,
  type SetTarget,
  type SnapshotEntry,
} from '../src';

const s = (value: string): SnapshotEntry => ({ value, type: 'xsd:string' });
const index = indexSnapshot(
  new Map<string, SnapshotEntry>([
    ['Device.WiFi.SSID.1.SSID', s('home')],
    ['Device.WiFi.SSID.1.Alias', s('cpe-ssid-1')],
    ['Device.WiFi.SSID.1.Enable', { value: 'true', type: 'xsd:boolean' }],
    ['Device.WiFi.SSID.2.SSID', s('home-5G')],
    ['Device.WiFi.SSID.2.Alias', s('cpe-ssid-2')],
    ['Device.WiFi.SSID.2.Enable', { value: 'true', type: 'xsd:boolean' }],
  ]),
);

describe('Set planned on a fresh read, answered per TR-369', () => {
  it('targets every object a search matches, with the old values and CWMP types', () => {
    const [entry] = planSet(index, {
      updateObjs: [
        {
          objPath: 'Device.WiFi.SSID.*.',
          paramSettings: [
            { param: 'Enable', value: 'false', required: true },
            { param: 'Nope', value: 'x' },
          ],
        },
      ],
    });
    expect(entry?.targets).toEqual(
      [1, 2].map((i) => ({
        requestedPath: 'Device.WiFi.SSID.*.',
        objectPath: `Device.WiFi.SSID.${i}.`,
        params: [
          {
            param: 'Enable',
            value: 'false',
            required: true,
            type: 'xsd:boolean',
            oldValue: 'true',
          },
        ],
        unsupported: [{ param: 'Nope', required: false }],
      })),
    );
  });

  it('fails a path that is not there (7016) or not an object (7026), and a search matching nothing updates nothing', () => {
    const plan = planSet(index, {
      updateObjs: [
        { objPath: 'Device.WiFi.SSID.9.' },
        { objPath: 'Device.WiFi.SSID.1.SSID' },
        { objPath: 'Device.WiFi.SSID.[Alias=="none"].' },
      ],
    });
    expect(plan.map((e) => [e.error?.errCode, e.targets.length])).toEqual([
      [7016, 0],
      [7026, 0],
      [undefined, 0],
    ]);
  });

  const target = (required: boolean): SetTarget => ({
    requestedPath: 'Device.WiFi.SSID.1.',
    objectPath: 'Device.WiFi.SSID.1.',
    params: [
      { param: 'SSID', value: 'new', required: true, type: 'xsd:string', oldValue: 'home' },
      { param: 'Enable', value: 'maybe', required, type: 'xsd:boolean', oldValue: 'true' },
    ],
    unsupported: [],
  });
  const badEnable = {
    faultCode: 9003,
    faultString: 'Invalid arguments',
    setParameterValuesFault: [
      { parameterName: 'Device.WiFi.SSID.1.Enable', faultCode: 9007, faultString: 'not a boolean' },
    ],
  };

  it('sends the object again without a non-required parameter that failed', () => {
    const step = afterSetFault(target(false), new Set(), badEnable);
    expect(step).toEqual({
      retry: new Set(['Enable']),
      paramErrs: [
        {
          paramPath: 'Device.WiFi.SSID.1.Enable',
          errCode: 7012,
          errMsg: 'CWMP fault 9007: not a boolean',
        },
      ],
    });
    const dropped = 'retry' in step ? step.retry : new Set<string>();
    expect(setAttempt(target(false), dropped).map((p) => p.param)).toEqual(['SSID']);
  });

  it('fails the object when a required parameter failed (7021 with the parameter errors)', () => {
    expect(afterSetFault(target(true), new Set(), badEnable)).toEqual({
      outcome: {
        ok: false,
        errCode: 7021,
        errMsg:
          'a required parameter of Device.WiFi.SSID.1. failed: CWMP fault 9003: Invalid arguments',
        paramErrs: [
          {
            paramPath: 'Device.WiFi.SSID.1.Enable',
            errCode: 7012,
            errMsg: 'CWMP fault 9007: not a boolean',
          },
        ],
      },
    });
  });

  it('fails an object whose required parameter the device does not have, before any CWMP call', () => {
    expect(
      setPrecheck({ ...target(true), unsupported: [{ param: 'Nope', required: true }] }),
    ).toMatchObject({
      ok: false,
      errCode: 7021,
    });
  });

  const two = planSet(index, {
    updateObjs: [
      {
        objPath: 'Device.WiFi.SSID.*.',
        paramSettings: [{ param: 'SSID', value: 'x', required: true }],
      },
    ],
  });
  const [first, second] = two[0]!.targets as [SetTarget, SetTarget];
  const failure: SetOutcome = {
    ok: false,
    errCode: 7012,
    errMsg: 'CWMP fault 9007: too long',
    paramErrs: [
      { paramPath: 'Device.WiFi.SSID.2.SSID', errCode: 7012, errMsg: 'CWMP fault 9007: too long' },
    ],
  };

  it('allow_partial false: any failed object is an Error, and every updated object is rolled back', () => {
    const answer = setAnswer(
      two,
      new Map([
        [first, setDone(first, new Set())],
        [second, failure],
      ]),
      false,
    );
    expect(answer).toEqual({
      kind: 'error',
      errCode: 7012,
      errMsg: 'Device.WiFi.SSID.*.: CWMP fault 9007: too long',
      paramErrs: failure.paramErrs,
      rollback: [first],
    });
  });

  it('allow_partial true: the failed obj_path is an oper_failure and its updated objects are rolled back (R-SET.2a)', () => {
    const answer = setAnswer(
      two,
      new Map([
        [first, setDone(first, new Set())],
        [second, failure],
      ]),
      true,
    );
    expect(answer).toEqual({
      kind: 'response',
      rollback: [first],
      setResp: {
        updatedObjResults: [
          {
            requestedPath: 'Device.WiFi.SSID.*.',
            operStatus: {
              operFailure: {
                errCode: 7012,
                errMsg: 'CWMP fault 9007: too long',
                updatedInstFailures: [
                  {
                    affectedPath: 'Device.WiFi.SSID.2.',
                    paramErrs: [
                      { param: 'SSID', errCode: 7012, errMsg: 'CWMP fault 9007: too long' },
                    ],
                  },
                ],
              },
            },
          },
        ],
      },
    });
  });

  it('answers the updated parameters of each object on success, nothing to roll back', () => {
    const answer = setAnswer(
      two,
      new Map([
        [first, setDone(first, new Set())],
        [second, setDone(second, new Set())],
      ]),
      false,
    );
    expect(answer).toMatchObject({ kind: 'response', rollback: [] });
    expect(
      answer.kind === 'response' &&
        answer.setResp.updatedObjResults?.[0]?.operStatus?.operSuccess?.updatedInstResults,
    ).toEqual([
      { affectedPath: 'Device.WiFi.SSID.1.', updatedParams: { SSID: 'x' }, paramErrs: [] },
      { affectedPath: 'Device.WiFi.SSID.2.', updatedParams: { SSID: 'x' }, paramErrs: [] },
    ]);
  });
});
