import { deviceIdOf } from '@meridian/cwmp';
import { EndpointIdError, endpointIdOf, parseEndpointId } from '../src';

describe('Agent Endpoint ID of a CWMP device', () => {
  it.each([
    [
      { oui: '00256D', productClass: 'STB', serialNumber: '0123456789' },
      'ops::00256D-STB-0123456789',
    ],
    [{ oui: '00256D', productClass: '', serialNumber: '0123456789' }, 'os::00256D-0123456789'],
    // "-" separates the parts; characters outside ALPHA / DIGIT / "-" / "." / "_" are escaped.
    [
      { oui: '00D09E', productClass: 'Home-GW', serialNumber: 'S/N 1' },
      'ops::00D09E-Home%2DGW-S%2FN%201',
    ],
    [
      { oui: '00D09E', productClass: 'Box~2', serialNumber: 'Ü.1_a' },
      'ops::00D09E-Box%7E2-%C3%9C.1_a',
    ],
  ])('%j ⇄ %s', (device, endpointId) => {
    expect(endpointIdOf(device)).toBe(endpointId);
    expect(parseEndpointId(endpointId)).toEqual({ ...device, deviceId: deviceIdOf(device) });
  });

  it('gives the deviceId Meridian uses for the device', () => {
    expect(parseEndpointId('ops::00D09E-SimRouter-SIM000001').deviceId).toBe(
      '00D09E-SimRouter-SIM000001',
    );
  });

  it('refuses what cannot be an Agent Endpoint ID (TR-369 R-ARC.5, R-ARC.6)', () => {
    expect(() => endpointIdOf({ oui: 'ACME', productClass: 'X', serialNumber: '1' })).toThrow(
      /OUI "ACME"/,
    );
    expect(() =>
      endpointIdOf({ oui: '00D09E', productClass: 'X', serialNumber: 'S'.repeat(43) }),
    ).toThrow(/has 52 characters; TR-369 allows 50/);
    expect(() => endpointIdOf({ oui: '00D09E', productClass: 'X', serialNumber: '' })).toThrow(
      EndpointIdError,
    );
  });

  it.each([
    ['self::my-agent', /ops:: or os::/],
    ['ops::00D09E-SIM1', /ops takes 3 parts/],
    ['os::00D09E-A-B', /os takes 2 parts/],
    ['ops::00D09E-Sim Router-1', /forbids/],
    ['ops::00d09e-X-%41', /canonical spelling is ops::00d09e-X-A/],
    ['ops::00D09E--1', /canonical spelling is os::00D09E-1/],
  ])('refuses %s', (id, message) => {
    expect(() => parseEndpointId(id)).toThrow(message);
  });
});
