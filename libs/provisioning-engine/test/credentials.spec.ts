import { cpePasswordOf, validatePresetBody } from '../src';
import { CONFIG, converge, preset, sampleCpe, session, world } from './driver';

const SECRET = 'provisioning-secret';
const withCredentials = () =>
  sampleCpe()
    .set('Device.ManagementServer.Username', 'factory')
    .set('Device.ManagementServer.Password', '');

describe('setCredentials', () => {
  it("sets the CPE's own username and derived password, then hands the pair to the ACS once", () => {
    const w = world(withCredentials(), {
      config: { ...CONFIG, credentialsSecret: SECRET },
      presets: [preset('own-credentials', [{ type: 'setCredentials' }])],
    });
    converge(w, 3);
    const password = cpePasswordOf(SECRET, w.device.deviceId, 1);
    expect(password).toMatch(/^[\w-]{24}$/);
    expect(w.cpe.value('Device.ManagementServer.Username')).toBe('SN0001');
    expect(w.cpe.value('Device.ManagementServer.Password')).toBe(password);
    expect(w.state?.applied['own-credentials']?.version).toBe(1);
    // The decision log never holds the password.
    expect(JSON.stringify(w.decisions)).not.toContain(password);

    const again = session(w, ['2 PERIODIC']);
    expect(again.commands).toEqual([]);
    expect(again.outputs.some((o) => o.credentials)).toBe(false);
  });

  it('hands over the pair in the output of the accepted SetParameterValues, not before', () => {
    const w = world(withCredentials(), {
      config: { ...CONFIG, credentialsSecret: SECRET },
      presets: [
        preset('own-credentials', [
          { type: 'setCredentials', username: 'cpe-user', generation: 2 },
        ]),
      ],
    });
    const log = session(w, ['0 BOOTSTRAP', '1 BOOT']);
    const index = log.commands.findIndex(
      (c) =>
        c.rpc.name === 'SetParameterValues' &&
        c.rpc.parameterList.some((p) => p.name === 'Device.ManagementServer.Password'),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const handed = log.outputs.filter((o) => o.credentials);
    expect(handed.map((o) => o.credentials)).toEqual([
      { username: 'cpe-user', password: cpePasswordOf(SECRET, w.device.deviceId, 2) },
    ]);
    // A new generation is a new password.
    expect(cpePasswordOf(SECRET, w.device.deviceId, 2)).not.toBe(
      cpePasswordOf(SECRET, w.device.deviceId, 1),
    );
  });

  it('sets nothing when the CPE refuses, and is a fault without a configured secret', () => {
    const refusing = world(withCredentials(), {
      config: { ...CONFIG, credentialsSecret: SECRET },
      presets: [preset('own-credentials', [{ type: 'setCredentials' }])],
    });
    refusing.cpe.faultFor = (rpc) =>
      rpc.name === 'SetParameterValues' &&
      rpc.parameterList.some((p) => p.name === 'Device.ManagementServer.Password')
        ? { faultCode: 9001, faultString: 'Request denied' }
        : undefined;
    const log = session(refusing, ['0 BOOTSTRAP', '1 BOOT']);
    expect(log.outputs.some((o) => o.credentials)).toBe(false);

    const unconfigured = world(withCredentials(), {
      presets: [preset('own-credentials', [{ type: 'setCredentials' }])],
    });
    session(unconfigured, ['0 BOOTSTRAP', '1 BOOT']);
    expect(unconfigured.faults.get('preset:own-credentials')).toMatchObject({
      code: 'no_credentials_secret',
    });
  });

  it('is validated: username without ":", generation >= 1, one per preset, no other setting of the pair', () => {
    const errors = (actions: unknown[]) => {
      const result = validatePresetBody({ actions });
      return result.ok ? [] : result.errors;
    };
    expect(errors([{ type: 'setCredentials' }])).toEqual([]);
    expect(errors([{ type: 'setCredentials', username: 'a:b', generation: 0, x: 1 }])).toEqual([
      'actions[0].x is not a known field (known: type, username, generation)',
      'actions[0].username must be at most 256 characters, without ":"',
      'actions[0].generation must be an integer >= 1',
    ]);
    expect(
      errors([
        { type: 'setCredentials' },
        {
          type: 'setParameterValues',
          parameters: [{ path: 'Device.ManagementServer.Password', value: 'x' }],
        },
        { type: 'setCredentials' },
      ]),
    ).toEqual([
      'actions[1].parameters[0].path is set by setCredentials (actions[0])',
      'actions[2] repeats setCredentials of actions[0]',
    ]);
  });
});
