import type * as http from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Store } from '@meridian/store';
import type { Metrics } from '@meridian/telemetry';
import { parseRange } from './range';
import { checkAccess } from './signing';

export interface FileServerOptions {
  /** Shared with the NBI, which signs the URLs. */
  secret: string;
  /** Unix seconds. */
  now?: () => number;
  /** Requests, bytes sent and transfers are recorded here. */
  metrics?: Metrics;
}

/** The file's ETag: its SHA-256, which changes exactly when the content does. */
const etagOf = (sha256: string): string => `"${sha256}"`;

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === etag;
  });
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(`${message}\n`);
}

/**
 * What CPEs download from: GET and HEAD of `/<file name>` with a URL signed for the device
 * (`signing.ts`), one byte range (resuming a broken download), ETag / If-None-Match. Content
 * streams from the store (disk or GridFS) with back-pressure; no file is held in memory.
 */
export function fileServerHandler(
  store: Store,
  options: FileServerOptions,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return refuse(res, 405, `${req.method} is not served; GET or HEAD a file`);
    }
    const url = new URL(req.url ?? '/', 'http://files');
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice(1));
    } catch {
      return refuse(res, 400, 'the path is not a valid percent-encoded file name');
    }
    const access = checkAccess(name, url.searchParams, options.secret, now());
    if (!access.ok) return refuse(res, 403, `access refused: ${access.reason} URL`);

    const file = await store.files.get(name);
    if (file === null) return refuse(res, 404, `file ${name} not found`);
    const etag = etagOf(file.sha256);
    const common = {
      etag,
      'last-modified': file.updatedAt.toUTCString(),
      'accept-ranges': 'bytes',
    };
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.writeHead(304, common);
      return void res.end();
    }
    // If-Range: resume only the same content; a replaced file is sent whole.
    const ifRange = req.headers['if-range'];
    const asked =
      ifRange === undefined || ifRange === etag
        ? parseRange(req.headers.range, file.size)
        : ({ kind: 'whole' } as const);
    if (asked.kind === 'unsatisfiable') {
      res.setHeader('content-range', `bytes */${file.size}`);
      return refuse(res, 416, `the range is beyond the end of the file (${file.size} bytes)`);
    }
    const range = asked.kind === 'range' ? asked.range : undefined;
    const headers: http.OutgoingHttpHeaders = {
      ...common,
      'content-type': 'application/octet-stream',
      'content-length': range === undefined ? file.size : range.end - range.start + 1,
      ...(range === undefined
        ? {}
        : { 'content-range': `bytes ${range.start}-${range.end}/${file.size}` }),
    };
    const status = range === undefined ? 200 : 206;
    if (req.method === 'HEAD') {
      res.writeHead(status, headers);
      return void res.end();
    }
    const content = await store.files.read(name, range);
    if (content === null) return refuse(res, 404, `file ${name} not found`);
    if (content.file.sha256 !== file.sha256) {
      // Replaced between the two reads: the headers would not fit this content.
      content.stream.destroy();
      res.setHeader('retry-after', '1');
      return refuse(res, 503, `file ${name} is being replaced; try again`);
    }
    res.writeHead(status, headers);
    await transfer(content.stream, res);
  }

  /** Streams `content` to the CPE, recording the bytes and the transfer. */
  async function transfer(content: Readable, res: http.ServerResponse): Promise<void> {
    const { metrics } = options;
    if (!metrics) return pipeline(content, res);
    content.on('data', (chunk: Buffer) => metrics.filesSentBytes.add(chunk.length));
    metrics.filesTransfersActive.add(1);
    const started = performance.now();
    try {
      await pipeline(content, res);
    } finally {
      metrics.filesTransfersActive.add(-1);
      metrics.filesTransferDuration.record((performance.now() - started) / 1000, {
        outcome: res.writableFinished ? 'complete' : 'aborted',
      });
    }
  }

  return (req, res) => {
    const { metrics } = options;
    if (metrics) {
      res.once('close', () => {
        const method = req.method === 'GET' || req.method === 'HEAD' ? req.method : 'other';
        metrics.filesRequests.add(1, { method, status: String(res.statusCode) });
      });
    }
    serve(req, res).catch((error: unknown) => {
      // Headers sent: the client sees a short body (and may resume with a Range).
      if (res.headersSent) res.destroy(error instanceof Error ? error : undefined);
      else refuse(res, 500, 'internal error');
    });
  };
}
