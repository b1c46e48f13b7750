import * as net from 'node:net';

export interface Balancer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * What a Service in front of gateway replicas does, on loopback: each new connection goes to the
 * next backend that accepts it; a stopped one (connection refused) is skipped, and a backend that
 * dies takes its connections with it.
 */
export function startBalancer(ports: readonly number[]): Promise<Balancer> {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const connect = (client: net.Socket, tries: number): void => {
    if (tries === 0) return void client.destroy();
    const port = ports[next++ % ports.length]!;
    const upstream = net.connect(port, '127.0.0.1');
    let connected = false;
    upstream.on('error', () => {
      if (connected) client.destroy();
      else connect(client, tries - 1);
    });
    upstream.once('connect', () => {
      connected = true;
      sockets.add(upstream);
      upstream.once('close', () => sockets.delete(upstream));
      client.pipe(upstream);
      upstream.pipe(client);
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.resume();
    });
  };
  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    connect(client, ports.length);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({
        port: (server.address() as net.AddressInfo).port,
        close: () =>
          new Promise((closed) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => closed());
          }),
      }),
    ),
  );
}
