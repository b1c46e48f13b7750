import type {
  CpeMethodRequest,
  CwmpBody,
  CwmpEnvelope,
  CwmpHeader,
  CwmpVersion,
  Inform,
} from '@meridian/cwmp';
import { SCHEMA_VERSION, type CommandMessage } from '@meridian/contracts';
import {
  reduceSession,
  type IncomingMessage,
  type SessionConfig,
  type SessionEffect,
  type SessionState,
  type StepResult,
} from '../src';

export const T0 = Date.parse('2026-11-25T20:00:00.000Z');

export const config: SessionConfig = {
  gatewayId: 'gw-1',
  sessionTimeoutMs: 30_000,
  cwmpVersions: ['1.0', '1.1', '1.2', '1.3', '1.4'],
};

export const DEVICE_ID = '00259E-HG8245-4857544312345678';

export function inform(overrides: Partial<Inform> = {}): Inform {
  return {
    name: 'Inform',
    deviceId: {
      manufacturer: 'Huawei',
      oui: '00259E',
      productClass: 'HG8245',
      serialNumber: '4857544312345678',
    },
    event: [{ eventCode: '2 PERIODIC', commandKey: '' }],
    maxEnvelopes: 1,
    currentTime: '2026-11-25T21:00:00+01:00',
    retryCount: 0,
    parameterList: [
      { name: 'Device.ManagementServer.ParameterKey', value: '', type: 'xsd:string' },
    ],
    ...overrides,
  };
}

export function envelope(
  body: CwmpBody,
  header: CwmpHeader = {},
  cwmpVersion: CwmpVersion = '1-2',
): IncomingMessage {
  const env: CwmpEnvelope = { cwmpVersion, header, body };
  return { kind: 'envelope', envelope: env };
}

export const EMPTY: IncomingMessage = { kind: 'empty' };

export function command(
  commandId: string,
  rpc: CpeMethodRequest,
  extra: Partial<Omit<CommandMessage, 'rpc' | 'diagnostic'>> = {},
): CommandMessage {
  return {
    schemaVersion: SCHEMA_VERSION,
    commandId,
    deviceId: DEVICE_ID,
    rpc,
    connectionRequest: false,
    source: 'nbi',
    createdAt: '2026-11-25T19:59:00.000Z',
    ...extra,
  };
}

export const gpv = (commandId: string): CommandMessage =>
  command(commandId, { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.'] });

export const spv = (commandId: string): CommandMessage =>
  command(commandId, {
    name: 'SetParameterValues',
    parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'home', type: 'xsd:string' }],
    parameterKey: 'ignored',
  });

/** One request: the reducer as the gateway calls it. */
export function post(
  state: SessionState | null,
  message: IncomingMessage,
  queue: readonly CommandMessage[] = [],
  now = T0,
): StepResult {
  return reduceSession(
    state,
    { message, newSessionId: 'S1', remoteAddress: '192.0.2.7', queue },
    config,
    now,
  );
}

/** A session whose Inform was accepted. */
export function informed(queue: readonly CommandMessage[] = []): SessionState {
  return post(null, envelope(inform(), { id: 'inf-1' }), queue).state;
}

export function effectKinds(effects: readonly SessionEffect[]): string[] {
  return effects.map((e) => (e.kind === 'publish' ? `publish ${e.topic}` : e.kind));
}

/** The messages published to cwmp.results. */
export function results(effects: readonly SessionEffect[]): unknown[] {
  return effects.flatMap((e) =>
    e.kind === 'publish' && e.topic === 'cwmp.results' ? [e.message] : [],
  );
}
