import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A plain HTTP file server for Download and Upload tasks: serves files, keeps what is PUT. */
export interface FileServer {
  /** Base URL, ending in "/". */
  readonly url: string;
  /** Paths fetched with GET, in order. */
  readonly downloads: readonly string[];
  /** Bodies received with PUT (or POST), by path. */
  readonly uploads: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

/** Serves `files` (path → content) on a free loopback port; anything else is 404. */
export async function startFileServer(files: Record<string, string | Buffer>): Promise<FileServer> {
  const downloads: string[] = [];
  const uploads = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'PUT' || req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        uploads.set(path, Buffer.concat(chunks).toString('utf8'));
        res.writeHead(201).end();
      });
      return;
    }
    const file = files[path];
    if (req.method !== 'GET' || file === undefined) {
      res.writeHead(404).end();
      return;
    }
    downloads.push(path);
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    downloads,
    uploads,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
