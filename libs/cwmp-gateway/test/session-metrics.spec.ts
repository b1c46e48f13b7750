import { eventLabel, faultCodeLabel } from '../src/session/session-metrics';

describe('metric labels of what CPEs send', () => {
  it('keeps the event codes of TR-069 and folds the rest', () => {
    expect(eventLabel('0 BOOTSTRAP')).toBe('0 BOOTSTRAP');
    expect(eventLabel('M Reboot')).toBe('M Reboot');
    expect(eventLabel('X 00D09E BOOSTER')).toBe('X');
    expect(eventLabel('M X_ACME_Upgrade')).toBe('X');
    expect(eventLabel('whatever a CPE makes up 1234')).toBe('other');
  });

  it('keeps CWMP fault codes and folds the rest', () => {
    expect(faultCodeLabel(9005)).toBe('9005');
    expect(faultCodeLabel(8002)).toBe('8002');
    expect(faultCodeLabel(9899)).toBe('9899');
    expect(faultCodeLabel(12345)).toBe('other');
    expect(faultCodeLabel(-1)).toBe('other');
    expect(faultCodeLabel(Number.NaN)).toBe('other');
  });
});
