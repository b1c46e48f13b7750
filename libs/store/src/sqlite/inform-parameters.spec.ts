import { decodeInformParameters, encodeInformParameters } from './inform-parameters';

describe('the stored Inform ParameterList', () => {
  const list = [
    { path: 'Device.DeviceInfo.UpTime', value: '3601', type: 'xsd:unsignedInt' as const },
    { path: 'Device.A:1', value: '2:x', type: 'xsd:string' as const },
    { path: 'Device.B', value: '', type: 'xsd:string' as const },
  ];

  it('reads back what it wrote, an empty list included', () => {
    expect(decodeInformParameters(encodeInformParameters(list))).toEqual(list);
    expect(decodeInformParameters(encodeInformParameters([]))).toEqual([]);
  });

  it('refuses a cut or garbled text rather than reading other fields out of it', () => {
    const text = encodeInformParameters(list);
    expect(() => decodeInformParameters(text.slice(0, -3))).toThrow(/unreadable inform_parameters/);
    expect(() => decodeInformParameters(`x${text}`)).toThrow(/unreadable inform_parameters/);
    expect(() => decodeInformParameters('24')).toThrow(/unreadable inform_parameters/);
  });
});
