import { createHash } from 'node:crypto';

/**
 * The commandId of the device's seq-th provisioning command: 32 characters, so it fits the
 * ParameterKey (TR-069 A.3.2.1: 32 characters at most). The same state yields the same ids, so
 * a step replayed after a crash re-emits ids the gateway already deduplicates.
 */
export function commandIdOf(deviceId: string, seq: number): string {
  return 'p' + createHash('sha1').update(`${deviceId}\n${seq}`).digest('hex').slice(0, 31);
}
