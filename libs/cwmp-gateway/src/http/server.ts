import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { SecureContextOptions } from 'node:tls';
import type { GatewayConfig, GatewayTlsConfig } from '../config';

export type RequestListener = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
) => void;

/**
 * The CWMP listener: plain node:http (or node:https when a certificate is configured), HTTP/1.1
 * keep-alive, with header and request deadlines so a slow client (slowloris) cannot hold a
 * socket forever.
 */
export function createCwmpServer(config: GatewayConfig, listener: RequestListener): http.Server {
  const options: http.ServerOptions = {
    requestTimeout: config.requestTimeoutMs,
    headersTimeout: config.headersTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    // Node's default 16 KiB header limit is plenty for CWMP; keep it explicit.
    maxHeaderSize: 16 * 1024,
    // Node checks the two deadlines only on this period (default 30 s); keep it well under them.
    connectionsCheckingInterval: Math.max(
      100,
      Math.min(1000, config.headersTimeoutMs / 4, config.requestTimeoutMs / 4),
    ),
  };
  if (!config.tls) return http.createServer(options, listener);
  // A client certificate is asked for but checked per request (CwmpHttpHandler), so a CPE without
  // one, or with an untrusted one, gets a 403 saying why rather than a failed handshake.
  const mutual = config.tls.clientCertificates
    ? { requestCert: true, rejectUnauthorized: false }
    : {};
  return https.createServer(
    { ...options, ...mutual, ...secureContextOptions(config.tls) },
    listener,
  );
}

/**
 * The listener's secure context: certificates and keys, the CAs of client certificates, ticket
 * keys and lifetime. Given whole to `setSecureContext` when any of them changes (which drops
 * what it is not given, the CAs included).
 */
export function secureContextOptions(tls: GatewayTlsConfig): SecureContextOptions {
  const { cert, key, ecdsa, clientCertificates, ticketKeys, ticketLifetimeSeconds } = tls;
  return {
    // OpenSSL picks, per handshake, the certificate the client's signature algorithms allow.
    cert: ecdsa ? [cert, ecdsa.cert] : cert,
    key: ecdsa ? [key, ecdsa.key] : key,
    ...(clientCertificates ? { ca: clientCertificates.ca } : {}),
    ...(ticketKeys ? { ticketKeys } : {}),
    ...(ticketLifetimeSeconds ? { sessionTimeout: ticketLifetimeSeconds } : {}),
  };
}

export function listen(server: http.Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Stops accepting connections but keeps the open ones, idle keep-alive sockets included: a CPE
 * between two requests of its session must not find its connection cut. node:http's own close()
 * drops idle sockets, so this calls net.Server's. Resolves once every connection has ended.
 */
export function stopAccepting(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    net.Server.prototype.close.call(server, () => resolve());
  });
}

/** Stops accepting, lets requests in progress finish, drops idle keep-alive sockets. */
export function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.listening) server.close(() => resolve());
    else resolve();
    server.closeIdleConnections();
  });
}
