import type { Socket } from 'node:net';
import { TLSSocket, type PeerCertificate } from 'node:tls';

/** What a CPE's TLS connection says about its client certificate. */
export type ClientCertificate =
  | { status: 'none' }
  | { status: 'untrusted'; reason: string }
  /** Signed by a configured CA; `names`: subject CN and DNS/URI subjectAltNames. */
  | { status: 'verified'; names: string[] };

export function clientCertificateOf(socket: Socket): ClientCertificate {
  if (!(socket instanceof TLSSocket)) return { status: 'none' };
  const certificate = socket.getPeerCertificate();
  // Node gives an empty object when the client sent none.
  if (!certificate || Object.keys(certificate).length === 0) return { status: 'none' };
  if (!socket.authorized) {
    return { status: 'untrusted', reason: String(socket.authorizationError ?? 'not verified') };
  }
  return { status: 'verified', names: certificateNames(certificate) };
}

/** Subject CN(s), then DNS and URI subjectAltNames (Node quotes a value holding a comma). */
export function certificateNames(
  certificate: Pick<PeerCertificate, 'subject' | 'subjectaltname'>,
): string[] {
  const cn = certificate.subject?.CN as string | string[] | undefined;
  const names = cn === undefined ? [] : Array.isArray(cn) ? [...cn] : [cn];
  const alt = /(DNS|URI):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g;
  for (const match of (certificate.subjectaltname ?? '').matchAll(alt)) {
    const value = match[2] ?? '';
    names.push(value.startsWith('"') ? (JSON.parse(value) as string) : value);
  }
  return names;
}

/**
 * The device binding of a client certificate: one of its names is the deviceId as the ACS spells
 * it (OUI-ProductClass-SerialNumber) or the SerialNumber the Inform reports.
 */
export const certificateBinds = (
  names: readonly string[],
  device: { deviceId: string; serialNumber: string },
): boolean => names.some((name) => name === device.deviceId || name === device.serialNumber);
