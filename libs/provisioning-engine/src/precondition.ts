import type {
  DeviceFacts,
  ParameterView,
  Precondition,
  ProvisioningPreset,
  ValueTest,
} from './types';
import { versionCompare } from './version';

/**
 * Whether a value passes a test. An absent value fails every test but `exists: false`: a
 * device that does not report a field is not assumed to have any particular value.
 */
export function testValue(test: ValueTest, value: string | undefined): boolean {
  if ('exists' in test) return (value !== undefined) === test.exists;
  if (value === undefined) return false;
  if ('eq' in test) return value === test.eq;
  if ('ne' in test) return value !== test.ne;
  if ('in' in test) return test.in.includes(value);
  if ('prefix' in test) return value.startsWith(test.prefix);
  if ('regex' in test) return new RegExp(test.regex).test(value);
  if ('versionLt' in test) return versionCompare(value, test.versionLt) < 0;
  return versionCompare(value, test.versionGte) >= 0;
}

/** Every criterion of the precondition holds for the device (an empty one always does). */
export function matches(
  precondition: Precondition,
  device: DeviceFacts,
  parameters: ParameterView,
): boolean {
  const fields: [ValueTest | undefined, string | undefined][] = [
    [precondition.manufacturer, device.identity.manufacturer],
    [precondition.oui, device.identity.oui],
    [precondition.productClass, device.identity.productClass],
    [precondition.serialNumber, device.identity.serialNumber],
    [precondition.softwareVersion, device.softwareVersion],
    [precondition.hardwareVersion, device.hardwareVersion],
  ];
  return (
    fields.every(([test, value]) => test === undefined || testValue(test, value)) &&
    (precondition.tags ?? []).every((tag) => device.tags.includes(tag)) &&
    (precondition.notTags ?? []).every((tag) => !device.tags.includes(tag)) &&
    (precondition.parameters ?? []).every(({ path, test }) =>
      testValue(test, parameters.get(path)?.value),
    )
  );
}

/** The Inform's events trigger the preset: one of its events is among them, or it lists none. */
export function triggeredBy(preset: Pick<ProvisioningPreset, 'events'>, events: string[]): boolean {
  return preset.events.length === 0 || preset.events.some((event) => events.includes(event));
}
