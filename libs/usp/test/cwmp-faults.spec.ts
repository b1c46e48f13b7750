import { cpeUnreachableError, USP_ERRORS, uspErrorName, uspErrorOfCwmpFault } from '../src';

describe('USP error codes', () => {
  it('names every code 7000–7031 as TR-369 does', () => {
    for (let code = 7000; code <= 7031; code++)
      expect(uspErrorName(code)).toEqual(expect.any(String));
    expect(USP_ERRORS[7008]).toBe('Invalid path syntax');
    expect(USP_ERRORS[7026]).toBe('Invalid path');
    expect(uspErrorName(7900)).toBeUndefined();
  });
});

describe('CWMP fault → USP error', () => {
  it.each([
    [9000, 7001],
    [9001, 7002],
    [9002, 7003],
    [9003, 7004],
    [9004, 7005],
    [9005, 7026],
    [9006, 7011],
    [9007, 7012],
    [9008, 7013],
    ...Array.from({ length: 10 }, (_, i) => [9010 + i, 7022]),
    [9009, 7000],
    [9800, 7000],
  ])('%i → %i', (faultCode, errCode) => {
    expect(uspErrorOfCwmpFault({ faultCode, faultString: 'x' }).errCode).toBe(errCode);
  });

  it('answers 9005 inside a Set parameter error as 7010 Unsupported parameter', () => {
    expect(uspErrorOfCwmpFault({ faultCode: 9005, faultString: '' }, 'setParameter').errCode).toBe(
      7010,
    );
  });

  it('keeps the CWMP code and fault string in err_msg (spec meaning when the CPE gave none)', () => {
    expect(
      uspErrorOfCwmpFault({ faultCode: 9016, faultString: 'HTTP 404 on firmware.bin' }),
    ).toEqual({
      errCode: 7022,
      errMsg: 'CWMP fault 9016: HTTP 404 on firmware.bin',
    });
    expect(uspErrorOfCwmpFault({ faultCode: 9002, faultString: ' ' }).errMsg).toBe(
      'CWMP fault 9002: Internal error',
    );
  });

  it('answers an unreachable CPE with 7003 and says why', () => {
    expect(cpeUnreachableError('00D09E-SimRouter-SIM000001', 30_000)).toEqual({
      errCode: 7003,
      errMsg:
        'CPE 00D09E-SimRouter-SIM000001 could not be reached: no CWMP session within 30 s of the connection request; the request was not carried out',
    });
  });
});
