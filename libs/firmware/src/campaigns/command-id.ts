import { createHash } from 'node:crypto';

/**
 * The Download command of a campaign's device: "c" + 31 hex digits of
 * SHA-256(campaignId, deviceId).
 * Derived, never random: a runner restarted between storing a start and publishing it sends the
 * same commandId again, which the gateway's queue refuses as a duplicate (and a CPE sees the
 * same CommandKey), so no device gets a second Download. 32 characters, the CommandKey limit;
 * "c" is no hex digit, so it never equals an NBI task's id (32 hex) or a refresh's (r…/v…).
 */
export const campaignCommandId = (campaignId: string, deviceId: string): string =>
  `c${createHash('sha256').update(`${campaignId}\n${deviceId}`).digest('hex').slice(0, 31)}`;
