import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as https from 'node:https';
import { randomBytes, X509Certificate } from 'node:crypto';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator } from '@meridian/cpe-sim';
import { createTestPki, type KeyPair, type TestPki } from '@meridian/testing';
import { DEVICE_ID, deviceNumber, inform } from './support/envelopes';
import { Metrics } from '@meridian/telemetry';
import { GatewayService } from '../src/gateway.service';
import { startGateway } from './support/gateway-harness';

/** A throwaway CA for the describe block that calls it: made before its tests, removed after. */
function testPki(days?: number): () => TestPki {
  let pki: TestPki | undefined;
  beforeAll(() => {
    pki = createTestPki(days);
  }, 30_000);
  afterAll(() => pki?.dispose());
  return () => {
    if (pki === undefined) throw new Error('the test PKI is made in beforeAll');
    return pki;
  };
}

/** A throwaway self-signed certificate for 127.0.0.1 (openssl is on our machines). */
function selfSigned(): { cert: Buffer; key: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'cwmp-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('cwmp-gateway over TLS', () => {
  it('serves CWMP over HTTPS when a certificate is configured', async () => {
    const tls = selfSigned();
    const gateway = await startGateway({ tls });
    try {
      const body = Buffer.from(inform());
      const status = await new Promise<number>((resolve, reject) => {
        const req = https.request(
          {
            host: '127.0.0.1',
            port: gateway.port,
            method: 'POST',
            ca: tls.cert,
            headers: { 'Content-Type': 'text/xml', 'Content-Length': body.length },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      expect(status).toBe(200);
    } finally {
      await gateway.close();
    }
    // RSA key generation is slow on a busy machine.
  }, 30_000);
});

describe('cwmp-gateway with an RSA and an ECDSA certificate', () => {
  const pki = testPki();

  /** The key type of the certificate the gateway presents to a client offering `sigalgs`. */
  const presented = (port: number, sigalgs: string): Promise<string | undefined> =>
    new Promise((resolve, reject) => {
      const socket = tlsConnect(
        { host: '127.0.0.1', port, sigalgs, rejectUnauthorized: false },
        () => {
          const der = socket.getPeerX509Certificate();
          socket.end();
          resolve(der?.publicKey.asymmetricKeyType);
        },
      );
      socket.on('error', reject);
    });

  it('presents the ECDSA certificate to a CPE that supports ECDSA, and the RSA one to the others', async () => {
    const rsa = selfSigned();
    const gateway = await startGateway({ tls: { ...rsa, ecdsa: pki().server } });
    try {
      expect(await presented(gateway.port, 'ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256')).toBe(
        'ec',
      );
      expect(await presented(gateway.port, 'rsa_pss_rsae_sha256:rsa_pkcs1_sha256')).toBe('rsa');
    } finally {
      await gateway.close();
    }
  }, 30_000);
});

describe('cwmp-gateway over TLS with the project simulator', () => {
  const pki = testPki();

  it("serves a simulated CPE's sessions over HTTPS when the CPE trusts the ACS certificate, and none when it does not", async () => {
    const gateway = await startGateway({ tls: pki().server });
    const simulate = (serialPrefix: string, acsCa?: Buffer) =>
      createSimulator({
        count: 1,
        acsUrl: `https://127.0.0.1:${gateway.port}/`,
        serialPrefix,
        crPort: 0,
        periodicInformInterval: 0,
        timeoutMs: 5000,
        ...(acsCa ? { acsCa } : {}),
      });
    const trusting = await simulate('TLS', pki().ca.cert);
    // Node's bundled CAs do not include the test CA.
    const untrusting = await simulate('NOCA');
    try {
      const [[ok], [refused]] = await Promise.all([trusting.booted, untrusting.booted]);
      expect(ok?.error).toBeUndefined();
      expect(ok?.events).toContain('0 BOOTSTRAP');
      expect(refused?.error).toMatch(/certificate/i);
      const informed = gateway.published('cwmp.inform').map((m) => m.deviceId);
      expect(informed).toEqual([expect.stringContaining('TLS000001')]);
    } finally {
      await trusting.stop();
      await untrusting.stop();
      await gateway.close();
    }
  }, 30_000);
});

/**
 * POSTs an Inform over HTTPS, trusting `ca`, presenting `client` when given, resuming `session`
 * (a ticket of an earlier connection) when given; with the connection's ticket and whether the
 * TLS session was resumed.
 */
function postInform(
  port: number,
  ca: Buffer,
  options: { client?: KeyPair; body?: string; authorization?: string; session?: Buffer } = {},
): Promise<{ status: number; body: string; session?: Buffer; resumed: boolean }> {
  const body = Buffer.from(options.body ?? inform());
  let session: Buffer | undefined;
  let resumed = false;
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        ca,
        ...(options.client ? { cert: options.client.cert, key: options.client.key } : {}),
        ...(options.session ? { session: options.session } : {}),
        agent: false,
        headers: {
          'Content-Type': 'text/xml',
          'Content-Length': body.length,
          ...(options.authorization ? { Authorization: options.authorization } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            ...(session ? { session } : {}),
            resumed,
          }),
        );
      },
    );
    req.on('socket', (socket) => {
      const tlsSocket = socket as TLSSocket;
      tlsSocket.on('session', (ticket: Buffer) => (session = ticket));
      tlsSocket.on('secureConnect', () => (resumed = tlsSocket.isSessionReused()));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('cwmp-gateway with client certificates (mutual TLS)', () => {
  const pki = testPki();
  const otherPki = testPki();

  const start = (mode: 'optional' | 'required') =>
    startGateway({
      tls: { ...pki().server, clientCertificates: { mode, ca: pki().ca.cert } },
      auth: { mode: 'digest', defaultUsername: 'acs', defaultPassword: 'secret' },
    });

  it('authenticates a device by a certificate naming its SerialNumber or deviceId, and refuses it for another device', async () => {
    const gateway = await start('optional');
    try {
      const bySerial = pki().client('SN0001');
      expect((await postInform(gateway.port, pki().ca.cert, { client: bySerial })).status).toBe(
        200,
      );
      // Another device (the first one's session holds its lease), named by deviceId in a SAN.
      const byDeviceId = pki().client('router', [DEVICE_ID.replace('SN0001', 'SN3')]);
      expect(
        (
          await postInform(gateway.port, pki().ca.cert, {
            client: byDeviceId,
            body: inform(deviceNumber(3)),
          })
        ).status,
      ).toBe(200);

      // The same certificate for another device's Inform: 403, whatever the password.
      const other = await postInform(gateway.port, pki().ca.cert, {
        client: bySerial,
        body: inform(deviceNumber(2)),
      });
      expect(other.status).toBe(403);
      expect(other.body).toMatch(/not this device/);
    } finally {
      await gateway.close();
    }
  }, 30_000);

  it('refuses a certificate of another CA with 403, and asks a CPE without one for a password (optional)', async () => {
    const gateway = await start('optional');
    try {
      const stranger = await postInform(gateway.port, pki().ca.cert, {
        client: otherPki().client('SN0001'),
      });
      expect(stranger.status).toBe(403);
      expect(stranger.body).toMatch(/not trusted/);
      expect((await postInform(gateway.port, pki().ca.cert)).status).toBe(401);
    } finally {
      await gateway.close();
    }
  }, 30_000);

  it('refuses a CPE without a certificate with 403 when one is required', async () => {
    const gateway = await start('required');
    try {
      const bare = await postInform(gateway.port, pki().ca.cert);
      expect(bare.status).toBe(403);
      expect(bare.body).toMatch(/client certificate is required/);
      const client = pki().client('SN0001');
      expect((await postInform(gateway.port, pki().ca.cert, { client })).status).toBe(200);
    } finally {
      await gateway.close();
    }
  }, 30_000);
});

describe('TLS session resumption across gateway replicas', () => {
  const pki = testPki();

  const tlsOf = (ticketKeys?: Buffer) => ({
    ...pki().server,
    clientCertificates: { mode: 'optional' as const, ca: pki().ca.cert },
    ...(ticketKeys ? { ticketKeys } : {}),
  });
  // Digest with a password nobody sends: only a client certificate authenticates a device.
  const replica = (ticketKeys?: Buffer, metrics?: Metrics) =>
    startGateway(
      {
        tls: tlsOf(ticketKeys),
        auth: { mode: 'digest', defaultUsername: 'acs', defaultPassword: 'secret' },
      },
      metrics ? { metrics } : {},
    );

  /** The replica's handshakes by whether they resumed a session, from its Prometheus text. */
  const handshakes = async (metrics: Metrics): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const line of (await metrics.scrape()).split('\n')) {
      const series = /^meridian_cwmp_tls_handshakes_total\{resumed="(\w+)"\} (\d+)/.exec(line);
      if (series) counts[series[1]!] = Number(series[2]);
    }
    return counts;
  };

  it('resumes on another replica sharing the ticket keys, the client certificate still authenticating the device, and counts each handshake', async () => {
    const keys = randomBytes(48);
    const [metricsA, metricsB] = [new Metrics(), new Metrics()];
    const [a, b] = await Promise.all([replica(keys, metricsA), replica(keys, metricsB)]);
    try {
      const client = pki().client('SN0001');
      const first = await postInform(a.port, pki().ca.cert, { client });
      expect(first).toMatchObject({ status: 200, resumed: false });
      expect(first.session).toBeDefined();
      // No password: only the certificate of the resumed session can authenticate it (else 401).
      const onB = await postInform(b.port, pki().ca.cert, { client, session: first.session });
      expect(onB).toMatchObject({ status: 200, resumed: true });
      expect(await handshakes(metricsA)).toEqual({ false: 1 });
      expect(await handshakes(metricsB)).toEqual({ true: 1 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 30_000);

  it('resumes no session older than the ticket lifetime', async () => {
    const gateway = await startGateway({ tls: { ...pki().server, ticketLifetimeSeconds: 1 } });
    try {
      const first = await postInform(gateway.port, pki().ca.cert);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const late = await postInform(gateway.port, pki().ca.cert, {
        body: inform(deviceNumber(2)),
        ...(first.session ? { session: first.session } : {}),
      });
      expect(late).toMatchObject({ status: 200, resumed: false });
      const soon = await postInform(gateway.port, pki().ca.cert, {
        body: inform(deviceNumber(3)),
        ...(late.session ? { session: late.session } : {}),
      });
      expect(soon.resumed).toBe(true);
    } finally {
      await gateway.close();
    }
  }, 30_000);

  it('makes a full handshake on a replica with keys of its own, and after a rotation', async () => {
    const [a, b] = await Promise.all([replica(randomBytes(48)), replica()]);
    // Each Inform another device's: a device's session holds its lease until it ends.
    let device = 0;
    const post = (port: number, session?: Buffer) =>
      postInform(port, pki().ca.cert, {
        client: pki().client(`SN${++device}`),
        body: inform(deviceNumber(device)),
        ...(session ? { session } : {}),
      });
    try {
      const first = await post(a.port);
      const again = await post(a.port, first.session);
      expect(again.resumed).toBe(true);
      const elsewhere = await post(b.port, first.session);
      expect(elsewhere).toMatchObject({ status: 200, resumed: false });

      a.app.get(GatewayService).setTls(tlsOf(randomBytes(48)));
      const rotated = await post(a.port, again.session);
      expect(rotated).toMatchObject({ status: 200, resumed: false });
      const afterRotation = await post(a.port, rotated.session);
      expect(afterRotation.resumed).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 30_000);
});

describe('a renewed certificate', () => {
  const pki = testPki();
  // Valid a day longer: the renewal's expiry differs from the first's.
  const renewedPki = testPki(2);

  it('serves the handshakes after setTls with it, and keeps the one in use when a key does not match', async () => {
    const metrics = new Metrics();
    const gateway = await startGateway({ tls: pki().server }, { metrics });
    /** The expiry of the certificate in use, as /metrics says it. */
    const expiry = async () =>
      Number(
        /meridian_tls_certificate_expiry_timestamp_seconds\{listener="cwmp"\} (\d+)/.exec(
          await metrics.scrape(),
        )?.[1],
      );
    const notAfter = (pem: Buffer) => Date.parse(new X509Certificate(pem).validTo) / 1000;
    // Each Inform another device's: a device's session holds its lease until it ends.
    let device = 0;
    const post = (ca: Buffer) =>
      postInform(gateway.port, ca, { body: inform(deviceNumber(++device)) });
    try {
      expect((await post(pki().ca.cert)).status).toBe(200);
      const service = gateway.app.get(GatewayService);
      // A renewal written halfway (the new certificate, the old key): refused, nothing changes.
      expect(() =>
        service.setTls({ cert: renewedPki().server.cert, key: pki().server.key }),
      ).toThrow(/key values mismatch/);
      expect((await post(pki().ca.cert)).status).toBe(200);
      expect(await expiry()).toBe(notAfter(pki().server.cert));
      service.setTls(renewedPki().server);
      expect((await post(renewedPki().ca.cert)).status).toBe(200);
      expect(await expiry()).toBe(notAfter(renewedPki().server.cert));
      await expect(post(pki().ca.cert)).rejects.toThrow(/self[- ]signed|unable to (get|verify)/);
    } finally {
      await gateway.close();
    }
  }, 30_000);
});
