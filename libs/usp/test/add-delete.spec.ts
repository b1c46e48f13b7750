import {
  addAnswer,
  addTarget,
  deleteAnswer,
  deleteTargets,
  indexSnapshot,
  uniqueKeysOf,
  type SnapshotEntry,
} from '../src';

const s = (value: string): SnapshotEntry => ({ value, type: 'xsd:string' });
const index = indexSnapshot(
  new Map<string, SnapshotEntry>([
    ['Device.NAT.PortMapping.1.Description', s('web')],
    ['Device.NAT.PortMapping.2.Description', s('ssh')],
    ['Device.NAT.PortMapping.3.Description', s('web')],
  ]),
);

describe('Add', () => {
  it('creates in a table path, instance numbers allowed on the way', () => {
    expect(addTarget('Device.NAT.PortMapping.')).toEqual({ table: 'Device.NAT.PortMapping.' });
    expect(addTarget('Device.IP.Interface.2.IPv4Address.')).toEqual({
      table: 'Device.IP.Interface.2.IPv4Address.',
    });
  });

  it('creates in the table of each object a search path before it matches (R-ADD.2a)', () => {
    expect(addTarget('Device.IP.Interface.*.IPv4Address.')).toEqual({
      parent: 'Device.IP.Interface.*.',
      table: 'IPv4Address.',
    });
    expect(addTarget('Device.IP.Interface.[Name=="eth0"].IPv4Address.')).toEqual({
      parent: 'Device.IP.Interface.[Name=="eth0"].',
      table: 'IPv4Address.',
    });
  });

  it.each([
    ['Device.NAT.PortMapping.1.', 7026],
    ['Device.NAT.PortMapping.*.', 7026],
    ['Device.NAT.PortMapping.1.Enable', 7026],
    ['Device..NAT.', 7008],
  ])('refuses %s with %d', (path, code) => {
    expect(() => addTarget(path)).toThrow(expect.objectContaining({ code }));
  });

  it('answers a search that matched nothing with an empty success (R-MSG.4a)', () => {
    expect(
      addAnswer(
        [{ requestedPath: 'Device.IP.Interface.[Name=="none"].IPv4Address.', outcome: undefined }],
        false,
      ),
    ).toEqual({
      kind: 'response',
      addResp: {
        createdObjResults: [
          {
            requestedPath: 'Device.IP.Interface.[Name=="none"].IPv4Address.',
            operStatus: { operSuccess: {} },
          },
        ],
      },
    });
  });

  it('returns the unique keys of the new instance that the model names', () => {
    const values = new Map([
      ['Alias', 'cpe-3'],
      ['Description', 'x'],
      ['ExternalPort', '8080'],
      ['RemoteHost', ''],
      ['Protocol', 'TCP'],
    ]);
    expect(uniqueKeysOf('Device.NAT.PortMapping.3.', values)).toMatchObject({
      Alias: 'cpe-3',
      ExternalPort: '8080',
    });
    expect(uniqueKeysOf('Device.NAT.PortMapping.3.', values)).not.toHaveProperty('Description');
  });

  const ok = {
    requestedPath: 'Device.NAT.PortMapping.',
    outcome: {
      ok: true as const,
      instancePath: 'Device.NAT.PortMapping.4.',
      paramErrs: [],
      uniqueKeys: { Alias: 'cpe-4' },
    },
  };
  const failed = {
    requestedPath: 'Device.NAT.PortMapping.',
    outcome: {
      ok: false as const,
      errCode: 7021,
      errMsg: 'a required parameter failed',
      paramErrs: [
        { paramPath: 'Device.NAT.PortMapping.5.ExternalPort', errCode: 7012, errMsg: 'bad' },
      ],
    },
  };

  it('allow_partial false: a failure is an Error and the instances created are deleted again', () => {
    expect(addAnswer([ok, failed], false)).toEqual({
      kind: 'error',
      errCode: 7021,
      errMsg: 'Device.NAT.PortMapping.: a required parameter failed',
      paramErrs: failed.outcome.paramErrs,
      rollback: ['Device.NAT.PortMapping.4.'],
    });
  });

  it('allow_partial true: instantiated path and unique keys, failures per obj_path', () => {
    expect(addAnswer([ok, failed], true)).toEqual({
      kind: 'response',
      addResp: {
        createdObjResults: [
          {
            requestedPath: 'Device.NAT.PortMapping.',
            operStatus: {
              operSuccess: {
                instantiatedPath: 'Device.NAT.PortMapping.4.',
                paramErrs: [],
                uniqueKeys: { Alias: 'cpe-4' },
              },
            },
          },
          {
            requestedPath: 'Device.NAT.PortMapping.',
            operStatus: { operFailure: { errCode: 7021, errMsg: 'a required parameter failed' } },
          },
        ],
      },
    });
  });
});

describe('Delete', () => {
  it('deletes the instances a search matches, nothing for an instance that is not there', () => {
    expect(deleteTargets(index, 'Device.NAT.PortMapping.[Description=="web"].')).toEqual([
      'Device.NAT.PortMapping.1.',
      'Device.NAT.PortMapping.3.',
    ]);
    expect(deleteTargets(index, 'Device.NAT.PortMapping.9.')).toEqual([]);
  });

  it('refuses a path that is not an object instance path (7026)', () => {
    expect(() => deleteTargets(index, 'Device.NAT.PortMapping.')).toThrow(
      expect.objectContaining({ code: 7026 }),
    );
  });

  const entries = [
    {
      requestedPath: 'Device.NAT.PortMapping.1.',
      instances: [{ path: 'Device.NAT.PortMapping.1.' }],
    },
    {
      requestedPath: 'Device.NAT.PortMapping.*.',
      instances: [
        { path: 'Device.NAT.PortMapping.2.' },
        {
          path: 'Device.NAT.PortMapping.3.',
          error: { errCode: 7024, errMsg: 'CWMP fault 9002: busy' },
        },
      ],
    },
  ];

  it('allow_partial true: deleted and unaffected paths per obj_path (R-DEL.3)', () => {
    expect(deleteAnswer(entries, true)).toEqual({
      kind: 'response',
      deleteResp: {
        deletedObjResults: [
          {
            requestedPath: 'Device.NAT.PortMapping.1.',
            operStatus: {
              operSuccess: { affectedPaths: ['Device.NAT.PortMapping.1.'], unaffectedPathErrs: [] },
            },
          },
          {
            requestedPath: 'Device.NAT.PortMapping.*.',
            operStatus: {
              operSuccess: {
                affectedPaths: ['Device.NAT.PortMapping.2.'],
                unaffectedPathErrs: [
                  {
                    unaffectedPath: 'Device.NAT.PortMapping.3.',
                    errCode: 7024,
                    errMsg: 'CWMP fault 9002: busy',
                  },
                ],
              },
            },
          },
        ],
      },
    });
  });

  it('allow_partial false: any failure is an Error (R-DEL.1)', () => {
    expect(deleteAnswer(entries, false)).toEqual({
      kind: 'error',
      errCode: 7024,
      errMsg: 'Device.NAT.PortMapping.*.: CWMP fault 9002: busy',
    });
  });
});
