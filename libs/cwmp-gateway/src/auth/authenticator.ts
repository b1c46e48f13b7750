import { createHash, randomBytes } from 'node:crypto';
import type { DeviceCredentials, GatewayAuthConfig } from '../config';
import { basicChallenge, parseBasicAuthorization } from './basic';
import {
  checkNonce,
  createNonce,
  digestChallenge,
  parseDigestAuthorization,
  parseNonceCount,
  verifyDigest,
} from './digest';
import { NonceCounts } from './nonce-counts';

export interface AuthRequest {
  method: string;
  /** The request-target as received (Digest's `uri` must equal it). */
  uri: string;
  authorization: string | undefined;
}

export type AuthOutcome =
  | { ok: true }
  /** `challenges`: the WWW-Authenticate values of the 401. */
  | { ok: false; challenges: string[] };

/**
 * Authenticates the CPE of a session against the credentials of its deviceId (from the Inform),
 * falling back to the configured default credentials.
 */
export class Authenticator {
  private readonly secret: string;
  private readonly opaque: string;
  private readonly nonceCounts = new NonceCounts();

  constructor(
    private readonly config: GatewayAuthConfig,
    private readonly now: () => number = Date.now,
    private readonly random: (size: number) => Buffer = randomBytes,
  ) {
    this.secret = config.nonceSecret ?? random(32).toString('hex');
    // Opaque only has to come back unchanged; deriving it from the secret keeps replicas equal.
    this.opaque = createHash('sha256').update(`opaque:${this.secret}`).digest('hex').slice(0, 32);
  }

  get enabled(): boolean {
    return this.config.mode !== 'none';
  }

  /** The 401 challenges for the configured mode; Digest first, as the stronger scheme. */
  challenges(stale = false): string[] {
    const out: string[] = [];
    if (this.config.mode === 'digest' || this.config.mode === 'any') {
      const nonce = createNonce(this.secret, this.now() + this.config.nonceTtlMs, this.random(12));
      out.push(digestChallenge({ realm: this.config.realm, nonce, opaque: this.opaque, stale }));
    }
    if (this.config.mode === 'basic' || this.config.mode === 'any') {
      out.push(basicChallenge(this.config.realm));
    }
    return out;
  }

  async authenticate(request: AuthRequest, deviceId: string): Promise<AuthOutcome> {
    if (!this.enabled) return { ok: true };
    const header = request.authorization;
    if (header === undefined) return this.deny();
    const expected = await this.credentialsOf(deviceId);
    if (expected === null) return this.deny();

    if (this.config.mode !== 'digest') {
      const basic = parseBasicAuthorization(header);
      if (basic) {
        return basic.username === expected.username && basic.password === expected.password
          ? { ok: true }
          : this.deny();
      }
    }
    if (this.config.mode !== 'basic') {
      const digest = parseDigestAuthorization(header);
      if (digest) {
        const now = this.now();
        const nonce = checkNonce(this.secret, digest.nonce, now);
        const verdict = verifyDigest({
          authorization: digest,
          method: request.method,
          requestUri: request.uri,
          realm: this.config.realm,
          username: expected.username,
          password: expected.password,
          nonce,
          lastNonceCount: this.nonceCounts.last(digest.nonce),
        });
        if (verdict === 'ok' && nonce.status === 'valid') {
          this.nonceCounts.record(
            digest.nonce,
            parseNonceCount(digest.nc ?? '') ?? 0,
            nonce.expiresAtMs,
            now,
          );
          return { ok: true };
        }
        return this.deny(verdict === 'stale');
      }
    }
    return this.deny();
  }

  private deny(stale = false): AuthOutcome {
    return { ok: false, challenges: this.challenges(stale) };
  }

  private async credentialsOf(deviceId: string): Promise<DeviceCredentials | null> {
    const perDevice = await this.config.credentials?.(deviceId);
    if (perDevice) return perDevice;
    const { defaultUsername, defaultPassword } = this.config;
    // No configured credentials at all must not mean "empty password accepted".
    return defaultUsername || defaultPassword
      ? { username: defaultUsername, password: defaultPassword }
      : null;
  }
}
