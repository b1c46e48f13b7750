import type { InformMessage } from '@meridian/contracts';

/**
 * A periodic Inform of device `deviceId` as the gateway publishes it; `seq` travels as the
 * sessionId, to check order and loss (bus tests, bench/tracing-cost.mjs).
 */
export function informMessage(deviceId: string, seq: number): InformMessage {
  return {
    schemaVersion: 1,
    deviceId,
    deviceIdStruct: {
      manufacturer: 'Acme',
      oui: '001122',
      productClass: 'Box',
      serialNumber: deviceId,
    },
    events: [{ eventCode: '2 PERIODIC', commandKey: '' }],
    parameterList: [],
    retryCount: 0,
    currentTime: '2026-11-25T10:00:00Z',
    sessionId: `s-${seq}`,
    gatewayId: 'gw-test',
    cwmpVersion: '1-0',
    remoteAddress: '127.0.0.1',
    time: new Date().toISOString(),
  };
}
