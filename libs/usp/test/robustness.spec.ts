// Every truncation and single-point corruption of valid inputs: the parsers answer with a
// value or their USP error, never another exception (a crash of the translator).
import {
  encodeMsg,
  formatPath,
  indexSnapshot,
  noSessionContextRecord,
  parseMsg,
  parsePath,
  parseRecord,
  PathSyntaxError,
  RecordError,
  requestMsg,
  resolvePath,
  sessionContextRecord,
  UspError,
} from '../src';
import { snapshot } from './snapshot';

function variantsOf(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let n = 0; n < bytes.length; n++) out.push(bytes.slice(0, n));
  for (let i = 0; i < bytes.length; i++) {
    for (const b of [0x00, 0x7f, 0x80, 0xff]) {
      const copy = bytes.slice();
      copy[i] = b;
      out.push(copy);
    }
  }
  return out;
}

function onlyThrows<T>(kind: new (...args: never[]) => T, run: () => unknown): void {
  try {
    run();
  } catch (err) {
    if (!(err instanceof kind)) throw err;
  }
}

const msg = encodeMsg(
  requestMsg('fuzz-1', {
    set: {
      allowPartial: true,
      updateObjs: [
        {
          objPath: 'Device.WiFi.SSID.1.',
          paramSettings: [{ param: 'SSID', value: 'x', required: true }],
        },
      ],
    },
  }),
);
const to = { toId: 'ops::00D09E-SimRouter-SIM000001', fromId: 'self::ctl' };

describe('parsers under corrupted input', () => {
  it('parseRecord throws only RecordError', () => {
    const records = [
      noSessionContextRecord(to, msg),
      sessionContextRecord(to, {
        sessionId: 9,
        sequenceId: 2,
        expectedId: 3,
        retransmitId: 1,
        payload: msg,
      }),
    ];
    for (const record of records) {
      for (const bytes of variantsOf(record)) onlyThrows(RecordError, () => parseRecord(bytes));
    }
  });

  it('parseMsg throws only UspError', () => {
    for (const bytes of variantsOf(msg)) onlyThrows(UspError, () => parseMsg(bytes));
  });

  const paths = [
    'Device.IP.Interface.[Type=="Normal"&&Stats.ErrorsSent>0].IPv4Address.[AddressingType=="Static"].IPAddress',
    'Device.WiFi.AccessPoint.[SSIDReference+.SSID=="MyHome"].AssociatedDevice.*.SignalStrength',
    'Device.WiFi.SSID.1.LowerLayers#*+.Name',
    'Device.NAT.PortMapping.[RemoteHost==""&&ExternalPort==0].Interface+.',
    'Device.IP.Interface.*.IPv6Address.[ValidLifetime<2021-06-06T08:00:00Z].Reset()',
    'Device.Boot!',
  ];
  const index = indexSnapshot(snapshot);

  it('parsePath throws only PathSyntaxError; what parses formats back and resolves without a crash', () => {
    const specials = [
      '.',
      '[',
      ']',
      '"',
      '*',
      '+',
      '#',
      '(',
      ')',
      '!',
      '{',
      '}',
      '=',
      '&',
      '<',
      ' ',
      '%',
      '1',
      '0',
    ];
    let parsed = 0;
    for (const path of paths) {
      const variants: string[] = [];
      for (let n = 0; n <= path.length; n++) variants.push(path.slice(0, n));
      for (let i = 0; i < path.length; i++) {
        variants.push(path.slice(0, i) + path.slice(i + 1));
        for (const c of specials) variants.push(path.slice(0, i) + c + path.slice(i));
      }
      for (const text of variants) {
        let ast;
        try {
          ast = parsePath(text);
        } catch (err) {
          if (!(err instanceof PathSyntaxError)) throw err;
          continue;
        }
        parsed++;
        expect(parsePath(formatPath(ast)).segments).toEqual(ast.segments);
        onlyThrows(UspError, () => resolvePath(index, ast));
      }
    }
    expect(parsed).toBeGreaterThan(100);
  });
});
