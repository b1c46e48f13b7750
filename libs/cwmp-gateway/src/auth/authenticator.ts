import { createHash, randomBytes } from 'node:crypto';
import { digestHa1 } from '@meridian/cwmp';
import type { DeviceCredentials, GatewayAuthConfig } from '../config';
import { basicChallenge, parseBasicAuthorization } from './basic';
import {
  checkNonce,
  createNonce,
  digestChallenge,
  parseDigestAuthorization,
  parseNonceCount,
  safeEqual,
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
  /**
   * `challenges`: the WWW-Authenticate values of the 401. `failed`: credentials were offered and
   * are wrong (what a guesser does), as opposed to none yet or a stale nonce.
   */
  | { ok: false; challenges: string[]; failed: boolean };

/**
 * Authenticates the CPE of a session against the credentials of its deviceId (from the Inform),
 * falling back to the configured default credentials.
 */
export class Authenticator {
  private readonly secret: string;
  private readonly opaque: string;
  private readonly nonceCounts = new NonceCounts();
  private readonly defaults: DeviceCredentials | null;

  constructor(
    private readonly config: GatewayAuthConfig,
    private readonly now: () => number = Date.now,
    private readonly random: (size: number) => Buffer = randomBytes,
  ) {
    this.secret = config.nonceSecret ?? random(32).toString('hex');
    // Opaque only has to come back unchanged; deriving it from the secret keeps replicas equal.
    this.opaque = createHash('sha256').update(`opaque:${this.secret}`).digest('hex').slice(0, 32);
    const { defaultUsername: username, defaultPassword: password, realm } = config;
    // No configured credentials at all must not mean "empty password accepted".
    this.defaults =
      username || password ? { username, realm, ha1: digestHa1(username, realm, password) } : null;
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
    if (header === undefined) return this.deny(false);
    const expected = (await this.config.credentials?.(deviceId)) ?? this.defaults;
    if (expected === null || expected.realm !== this.config.realm) return this.deny(true);

    if (this.config.mode !== 'digest') {
      const basic = parseBasicAuthorization(header);
      if (basic) {
        const ha1 = digestHa1(basic.username, this.config.realm, basic.password);
        return basic.username === expected.username && safeEqual(ha1, expected.ha1)
          ? { ok: true }
          : this.deny(true);
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
          ha1: expected.ha1,
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
        // A correct answer on an expired nonce is no guess: challenge again with stale=true.
        return verdict === 'stale' ? this.deny(false, true) : this.deny(true);
      }
    }
    // A scheme this mode does not take: refused like a wrong password.
    return this.deny(true);
  }

  private deny(failed: boolean, stale = false): AuthOutcome {
    return { ok: false, challenges: this.challenges(stale), failed };
  }
}
