import {
  encodeEnvelope,
  type CwmpBody,
  type CwmpHeader,
  type DeviceIdStruct,
  type Inform,
} from '@meridian/cwmp';

export const DEVICE: DeviceIdStruct = {
  manufacturer: 'Acme',
  oui: '00D09E',
  productClass: 'HGW',
  serialNumber: 'SN0001',
};
/** deviceIdOf(DEVICE). */
export const DEVICE_ID = '00D09E-HGW-SN0001';

export const envelope = (body: CwmpBody, header: CwmpHeader = {}): string =>
  encodeEnvelope({ cwmpVersion: '1-0', header, body });

export function inform(
  device: DeviceIdStruct = DEVICE,
  id = 'inform-1',
  eventCode = '2 PERIODIC',
): string {
  const body: Inform = {
    name: 'Inform',
    deviceId: device,
    event: [{ eventCode, commandKey: '' }],
    maxEnvelopes: 1,
    currentTime: '2026-11-25T20:00:00Z',
    retryCount: 0,
    parameterList: [
      { name: 'Device.DeviceInfo.SoftwareVersion', value: '1.0', type: 'xsd:string' },
      { name: 'Device.ManagementServer.ParameterKey', value: '', type: 'xsd:string' },
    ],
  };
  return envelope(body, { id });
}

export const deviceNumber = (n: number): DeviceIdStruct => ({ ...DEVICE, serialNumber: `SN${n}` });

/** An envelope with a method no CWMP version has. */
export const unknownRpc = `<?xml version="1.0"?>
<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">
<soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">x-42</cwmp:ID></soap-env:Header>
<soap-env:Body><cwmp:FrobnicateWidget><Level>9</Level></cwmp:FrobnicateWidget></soap-env:Body>
</soap-env:Envelope>`;

export const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body>&lol9;</soap-env:Body></soap-env:Envelope>`;
