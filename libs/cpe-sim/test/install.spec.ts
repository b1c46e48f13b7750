import { installationOf } from '../src/device/lifecycle';

describe('installing a downloaded file', () => {
  it('installs the version a simulated firmware image names on its first line', () => {
    expect(
      installationOf(
        '1 Firmware Upgrade Image',
        Buffer.from('meridian-sim-firmware 2.1.0\r\nrest'),
      ),
    ).toEqual({ kind: 'firmware', version: '2.1.0' });
    expect(
      installationOf('1 Firmware Upgrade Image', Buffer.from('meridian-sim-firmware 3')),
    ).toEqual({ kind: 'firmware', version: '3' });
  });

  it('faults 9018 "file corrupted" for any other firmware image', () => {
    for (const content of [
      '',
      'firmware',
      'meridian-sim-firmware\n',
      'x meridian-sim-firmware 2\n',
    ]) {
      expect(installationOf('1 Firmware Upgrade Image', Buffer.from(content))).toEqual({
        kind: 'corrupted',
        faultCode: 9018,
        faultString: 'file corrupted',
      });
    }
  });

  it('keeps other file types without installing anything', () => {
    expect(installationOf('3 Vendor Configuration File', Buffer.from('a=1'))).toEqual({
      kind: 'stored',
    });
  });
});
