import type { Transfer } from '../device/state';
import { ClientAuth } from '../http/auth';
import { authenticatedRequest } from '../http/client';
import type { TransferOutcome } from '../device/lifecycle';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Carries out a Download (HTTP GET) or Upload (HTTP PUT of a small configuration file), with the
 * credentials of the request for Basic or Digest. Failures become fault 9010 (download) or 9011
 * (upload), with the cause in the fault string.
 */
export async function performTransfer(
  transfer: Transfer,
  uploadBody: () => string,
  now: () => number,
  timeoutMs: number,
): Promise<TransferOutcome & { content?: Buffer }> {
  const start = now();
  const auth =
    transfer.username !== '' ? new ClientAuth(transfer.username, transfer.password) : undefined;
  const failCode = transfer.isDownload ? 9010 : 9011;
  try {
    const url = new URL(transfer.url);
    const res = transfer.isDownload
      ? await authenticatedRequest({ url, method: 'GET', headers: {}, timeoutMs }, auth)
      : await authenticatedRequest(
          {
            url,
            method: 'PUT',
            headers: { 'content-type': 'text/plain' },
            body: uploadBody(),
            timeoutMs,
          },
          auth,
        );
    if (res.status < 200 || res.status >= 300) {
      return failed(start, now(), failCode, `HTTP ${res.status} from ${url.host}`);
    }
    if (transfer.isDownload && transfer.fileSize > 0 && res.body.length !== transfer.fileSize) {
      return failed(
        start,
        now(),
        failCode,
        `got ${res.body.length} bytes, expected ${transfer.fileSize}`,
      );
    }
    return {
      startTime: iso(start),
      completeTime: iso(now()),
      faultCode: 0,
      faultString: '',
      ...(transfer.isDownload ? { content: res.body } : {}),
    };
  } catch (err) {
    return failed(start, now(), failCode, err instanceof Error ? err.message : String(err));
  }
}

function failed(start: number, end: number, faultCode: number, why: string): TransferOutcome {
  const kind = faultCode === 9010 ? 'Download' : 'Upload';
  return {
    startTime: iso(start),
    completeTime: iso(end),
    faultCode,
    faultString: `${kind} failed: ${why}`,
  };
}
