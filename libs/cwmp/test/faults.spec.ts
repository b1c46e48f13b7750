import { CwmpFaultError, FAULTS, cwmpFault, faultDefinition, isFaultCodeAllowed } from '../src';

describe('fault table (TR-069 Tables A.5 and A.6)', () => {
  it('lists the ACS codes 8000–8006 and the CPE codes 9000–9032', () => {
    const codes = [...FAULTS.keys()];
    expect(codes.filter((c) => c < 9000)).toEqual([8000, 8001, 8002, 8003, 8004, 8005, 8006]);
    expect(codes.filter((c) => c >= 9000)).toEqual(Array.from({ length: 33 }, (_, i) => 9000 + i));
    for (const d of FAULTS.values()) expect(d.source).toBe(d.code < 9000 ? 'ACS' : 'CPE');
  });

  it('gives each code its meaning and SOAP faultcode', () => {
    expect(faultDefinition(9005)).toMatchObject({
      name: 'InvalidParameterName',
      meaning: 'Invalid parameter name',
      faultcode: 'Client',
    });
    expect(faultDefinition(9002)).toMatchObject({ meaning: 'Internal error', faultcode: 'Server' });
    expect(faultDefinition(8005)).toMatchObject({
      name: 'RetryRequest',
      faultcode: 'Server',
      source: 'ACS',
    });
    expect(faultDefinition(8006)).toMatchObject({
      meaning: 'ACS version incompatible with CPE',
      since: '1-2',
    });
    const client = [...FAULTS.values()].filter((d) => d.faultcode === 'Client').map((d) => d.code);
    expect(client).toEqual([8003, 9003, 9005, 9006, 9007, 9008, 9021]);
    expect(faultDefinition(9850)).toBeUndefined();
  });

  it('knows which codes each schema version accepts', () => {
    expect(isFaultCodeAllowed(9013, '1-0')).toBe(true);
    expect(isFaultCodeAllowed(9014, '1-0')).toBe(false);
    expect(isFaultCodeAllowed(8006, '1-0')).toBe(false);
    expect(isFaultCodeAllowed(8006, '1-2')).toBe(true);
    expect(isFaultCodeAllowed(9850, '1-0')).toBe(true);
    expect(isFaultCodeAllowed(9500, '1-1')).toBe(true);
    expect(isFaultCodeAllowed(9900, '1-2')).toBe(false);
    expect(isFaultCodeAllowed(7999, '1-2')).toBe(false);
  });
});

describe('cwmpFault', () => {
  it('builds a fault with the table faultcode and meaning', () => {
    expect(cwmpFault(9005)).toEqual({
      name: 'Fault',
      faultcode: 'Client',
      faultCode: 9005,
      faultString: 'Invalid parameter name',
      setParameterValuesFault: [],
    });
    expect(cwmpFault(8002, 'boom').faultString).toBe('boom');
  });

  it('carries SetParameterValuesFault entries', () => {
    const entries = [
      { parameterName: 'Device.X', faultCode: 9007, faultString: 'Invalid parameter value' },
    ];
    expect(cwmpFault(9003, undefined, entries).setParameterValuesFault).toEqual(entries);
  });

  it('answers vendor codes with Server', () => {
    expect(cwmpFault(9850)).toMatchObject({ faultcode: 'Server', faultString: 'Vendor fault' });
  });
});

describe('CwmpFaultError', () => {
  it('is an Error carrying the fault to send', () => {
    const err = CwmpFaultError.of(8003, 'ParameterList missing');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('CwmpFaultError');
    expect(err.code).toBe(8003);
    expect(err.message).toBe('CWMP fault 8003: ParameterList missing');
    expect(err.toCwmpFault()).toEqual(cwmpFault(8003, 'ParameterList missing'));
  });

  it('keeps the cause', () => {
    const cause = new Error('db down');
    expect(new CwmpFaultError(cwmpFault(8002), { cause }).cause).toBe(cause);
  });
});
