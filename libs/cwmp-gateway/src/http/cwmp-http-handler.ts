import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { BodyTooLargeError, readBody } from './body';
import { clientCertificateOf, type ClientCertificate } from './client-certificate';
import { SESSION_COOKIE, cookieValue } from './cookies';
import { hasForbiddenMarkup, isAllowedContentType, isAllowedMethod } from './guards';
import { textReply, writeReply, type HttpReply } from './reply';

/** One CWMP HTTP request after the transport checks, as the session layer sees it. */
export interface CwmpRequest {
  body: Buffer;
  /** From the session cookie, or else from the connection (see `CwmpHttpHandler`). */
  sessionId: string | undefined;
  sessionFrom: 'cookie' | 'connection' | undefined;
  remoteAddress: string;
  method: string;
  uri: string;
  authorization: string | undefined;
  /** Names of the verified client certificate of the connection (mutual TLS), if any. */
  clientCertificateNames?: string[];
}

export interface CwmpExchangeResult {
  reply: HttpReply;
  /** The session the connection is in after this request; null once it ended or none began. */
  sessionId: string | null;
}

export type CwmpExchange = (request: CwmpRequest) => Promise<CwmpExchangeResult>;

/**
 * The transport half of the gateway: method, media type, size and DOCTYPE checks on the raw
 * request, then the session layer, then the reply. Every failure becomes an HTTP answer.
 *
 * Cookie fallback: some CPEs drop the session cookie. A request without one continues the
 * session last served on the same TCP (or TLS) connection: a connection belongs to one CPE, so
 * this cannot mix devices up. Falling back to the remote address would not be safe (many CPEs
 * share one address behind carrier-grade NAT), so a cookie-less CPE that also opens a new
 * connection per request cannot keep a session.
 */
export class CwmpHttpHandler {
  private readonly logger = new Logger(CwmpHttpHandler.name);
  private readonly connectionSessions = new WeakMap<Socket, string>();

  constructor(
    private readonly exchange: CwmpExchange,
    private readonly maxBodyBytes: number,
    /** Mutual TLS: whether CPEs may or must present a client certificate (unset: off). */
    private readonly clientCertificates?: 'optional' | 'required',
  ) {}

  readonly listener = (request: IncomingMessage, response: ServerResponse): void => {
    this.handle(request, response).catch((error: unknown) => {
      this.logger.error(`unhandled error on ${request.url}: ${String(error)}`);
      if (!response.headersSent) writeReply(response, textReply(500, 'internal error'));
      else response.destroy();
    });
  };

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const certificate: ClientCertificate = this.clientCertificates
      ? clientCertificateOf(request.socket)
      : { status: 'none' };
    if (certificate.status === 'untrusted') {
      return this.refuse(
        request,
        response,
        textReply(403, `client certificate not trusted: ${certificate.reason}`),
      );
    }
    if (certificate.status === 'none' && this.clientCertificates === 'required') {
      return this.refuse(request, response, textReply(403, 'a client certificate is required'));
    }
    if (!isAllowedMethod(request.method)) {
      return this.refuse(
        request,
        response,
        textReply(405, 'CWMP takes POST only', { Allow: 'POST' }),
      );
    }
    if (!isAllowedContentType(request.headers['content-type'])) {
      return this.refuse(request, response, textReply(415, 'CWMP takes text/xml'));
    }
    let body: Buffer;
    try {
      body = await readBody(request, this.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return this.refuse(request, response, textReply(413, error.message));
      }
      // The client went away or broke the stream: nobody to answer.
      response.destroy();
      return;
    }
    if (hasForbiddenMarkup(body)) {
      writeReply(response, textReply(400, 'DOCTYPE and ENTITY declarations are not accepted'));
      return;
    }
    const socket = request.socket;
    const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
    const fromConnection = cookie === undefined ? this.connectionSessions.get(socket) : undefined;
    const result = await this.exchange({
      body,
      sessionId: cookie ?? fromConnection,
      sessionFrom:
        cookie !== undefined ? 'cookie' : fromConnection !== undefined ? 'connection' : undefined,
      remoteAddress: socket.remoteAddress ?? '',
      method: request.method ?? 'POST',
      uri: request.url ?? '/',
      authorization: request.headers.authorization,
      ...(certificate.status === 'verified' ? { clientCertificateNames: certificate.names } : {}),
    });
    if (result.sessionId === null) this.connectionSessions.delete(socket);
    else this.connectionSessions.set(socket, result.sessionId);
    writeReply(response, result.reply);
  }

  /**
   * Answers without reading the body, then closes the connection: an unread body would otherwise
   * be parsed as the next request on the keep-alive connection.
   */
  private refuse(request: IncomingMessage, response: ServerResponse, reply: HttpReply): void {
    this.connectionSessions.delete(request.socket);
    writeReply(response, { ...reply, headers: { ...reply.headers, Connection: 'close' } });
    request.resume();
  }
}
