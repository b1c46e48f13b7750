import type { InformMessage } from '@meridian/contracts';

let counter = 0;

/** A name no other test (or earlier run against the same broker) uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** An Inform of device `deviceId`; `seq` travels as the sessionId, to check order and loss. */
export function inform(deviceId: string, seq: number): InformMessage {
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

export const seqOf = (message: { value: { sessionId: string } }): number =>
  Number(message.value.sessionId.slice(2));

/** Polls `predicate` until true; fails with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  predicate: () => boolean,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
