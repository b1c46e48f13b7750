import type { AcsMethodRequest, AcsMethodResponse, CwmpBody } from '@meridian/cwmp';
import type { EventMessage } from '@meridian/contracts';

/** Methods the ACS answers (GetRPCMethodsResponse, TR-069 A.3.1.1); all of A.3.3 and A.4.2. */
export const ACS_METHODS: readonly AcsMethodRequest['name'][] = [
  'Inform',
  'GetRPCMethods',
  'TransferComplete',
  'AutonomousTransferComplete',
  'Kicked',
  'RequestDownload',
  'DUStateChangeComplete',
  'AutonomousDUStateChangeComplete',
];

/** CPE-initiated RPCs other than Inform, answered once the Inform is accepted. */
export type CpeRequest = Exclude<AcsMethodRequest, { name: 'Inform' }>;

export interface CpeRequestAnswer {
  response: AcsMethodResponse;
  /** What goes to cwmp.events, null when nothing does. */
  event: EventMessage['rpc'] | null;
}

/** True for the name of a CPE-initiated method other than Inform. */
export function isCpeRequestName(name: string): boolean {
  return name !== 'Inform' && (ACS_METHODS as readonly string[]).includes(name);
}

export function isCpeRequest(body: CwmpBody): body is CpeRequest {
  return isCpeRequestName(body.name);
}

/** One handler per CPE-initiated method; the ACS accepts every one (no ACS-side 8xxx cases). */
export function answerCpeRequest(request: CpeRequest): CpeRequestAnswer {
  switch (request.name) {
    // A.3.1.1: the CPE asks which methods the ACS supports.
    case 'GetRPCMethods':
      return {
        response: { name: 'GetRPCMethodsResponse', methodList: [...ACS_METHODS] },
        event: null,
      };
    // A.3.3.2: end of a Download/Upload the ACS asked for; its CommandKey is our commandId.
    case 'TransferComplete':
      return { response: { name: 'TransferCompleteResponse' }, event: request };
    // A.3.3.3: a transfer the CPE made on its own.
    case 'AutonomousTransferComplete':
      return { response: { name: 'AutonomousTransferCompleteResponse' }, event: request };
    // A.4.2.1: a web-identity kick; without a portal of our own the CPE's suggested Next is used.
    case 'Kicked':
      return { response: { name: 'KickedResponse', nextURL: request.next }, event: request };
    // A.4.2.2: the CPE asks for a file; firmware decides and sends a Download later, if any.
    case 'RequestDownload':
      return { response: { name: 'RequestDownloadResponse' }, event: request };
    // A.4.2.3: end of a ChangeDUState the ACS asked for.
    case 'DUStateChangeComplete':
      return { response: { name: 'DUStateChangeCompleteResponse' }, event: request };
    // A.4.2.4: a deployment-unit change the CPE made on its own.
    case 'AutonomousDUStateChangeComplete':
      return { response: { name: 'AutonomousDUStateChangeCompleteResponse' }, event: request };
  }
}
