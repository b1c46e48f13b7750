import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { AttemptFailure } from './errors';
import type { Clock, Random } from './types';
import { parseUdpAddress, type UdpRequestFields, udpRequestMessage } from './udp-message';
import type { Credentials } from './digest';

export interface UdpRequestOptions {
  /** Copies of the datagram to send: UDP may drop one, and the CPE ignores repeats of an id. */
  copies: number;
  /** Pause between copies, so one burst of loss does not take them all. */
  intervalMs: number;
}

export const defaultUdpRequestOptions: UdpRequestOptions = { copies: 3, intervalMs: 100 };

/** Fresh ts, id and cn for one request; id is an unsigned 32-bit integer, cn 16 hex digits. */
export function newUdpFields(username: string, clock: Clock, random: Random): UdpRequestFields {
  return {
    ts: Math.floor(clock.now() / 1000),
    id: String(Number.parseInt(random.hex(4), 16)),
    un: username,
    cn: random.hex(8),
  };
}

/**
 * One UDP connection request (TR-069 Annex G): the same signed datagram `copies` times to
 * UDPConnectionRequestAddress. There is no answer; success means every copy left the socket.
 */
export async function udpConnectionRequest(
  address: string,
  credentials: Credentials,
  options: UdpRequestOptions,
  clock: Clock,
  random: Random,
): Promise<void> {
  let destination: { host: string; port: number };
  try {
    destination = parseUdpAddress(address);
  } catch (error) {
    throw new AttemptFailure('unreachable', (error as Error).message, { cause: error });
  }
  const fields = newUdpFields(credentials.username, clock, random);
  const datagram = Buffer.from(udpRequestMessage(address, fields, credentials.password), 'utf8');
  const socket = createSocket(isIPv6(destination.host) ? 'udp6' : 'udp4');
  try {
    for (let copy = 0; copy < options.copies; copy++) {
      if (copy > 0) await clock.sleep(options.intervalMs);
      await new Promise<void>((resolve, reject) => {
        socket.send(datagram, destination.port, destination.host, (error) =>
          error ? reject(error) : resolve(),
        );
      });
    }
  } catch (error) {
    throw new AttemptFailure('unreachable', `UDP send to ${address} failed`, { cause: error });
  } finally {
    socket.close();
  }
}
