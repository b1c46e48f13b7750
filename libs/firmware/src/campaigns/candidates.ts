import type { CampaignTarget, Candidate } from '@meridian/campaign';
import type { DeviceFilter, Store } from '@meridian/store';

const PAGE = 1000;

/**
 * Where devices report their time zone: TR-181 (POSIX TZ string) and TR-098
 * (LocalTimeZoneName, a POSIX TZ string too).
 */
export const TIME_ZONE_PATHS = [
  'Device.Time.LocalTimeZone',
  'InternetGatewayDevice.Time.LocalTimeZoneName',
];

/** The store's device filter of a campaign target (the current version is checked after). */
export function deviceFilterOf(target: CampaignTarget): DeviceFilter {
  return {
    ...(target.oui !== undefined ? { oui: target.oui } : {}),
    ...(target.productClass !== undefined ? { productClass: target.productClass } : {}),
    ...(target.tags !== undefined && target.tags.length > 0 ? { tags: target.tags } : {}),
    ...(target.parameter !== undefined ? { parameters: [target.parameter] } : {}),
  };
}

/**
 * The devices a campaign's target finds, each with the other running or paused campaign it is
 * pending or in flight in (the planner skips those). `version` is the campaign's target
 * version: a device already on it is kept (the planner skips it as such), whatever the
 * target's current version says. With `timeZones`, each device's time zone from the parameter
 * cache (TIME_ZONE_PATHS), for a maintenance window in the devices' zones.
 */
export async function campaignCandidates(
  store: Store,
  target: CampaignTarget,
  version: string,
  options: { timeZones?: boolean } = {},
): Promise<Candidate[]> {
  const found: Candidate[] = [];
  const filter = deviceFilterOf(target);
  for (let skip = 0; ; skip += PAGE) {
    const page = await store.devices.list(filter, {
      skip,
      limit: PAGE,
      fields: ['softwareVersion'],
    });
    for (const device of page.items) {
      const current = device.softwareVersion;
      if (
        target.softwareVersion !== undefined &&
        current !== target.softwareVersion &&
        current !== version
      ) {
        continue;
      }
      found.push({
        deviceId: device.deviceId,
        ...(current !== undefined ? { softwareVersion: current } : {}),
      });
    }
    if (page.items.length < PAGE) break;
  }
  const memberships = await store.campaigns.devicesById(
    found.map((c) => c.deviceId),
    ['pending', 'inFlight'],
  );
  const states = new Map<string, string | undefined>();
  for (const campaignId of new Set(memberships.map((m) => m.campaignId))) {
    states.set(campaignId, (await store.campaigns.get(campaignId))?.state);
  }
  const busy = new Map<string, string>();
  for (const m of memberships) {
    const state = states.get(m.campaignId);
    if (state === 'running' || state === 'paused') busy.set(m.deviceId, m.campaignId);
  }
  const zones = new Map<string, string>();
  if (options.timeZones) {
    for (const { deviceId } of found) {
      const cached = await store.parameters.get(deviceId, { paths: TIME_ZONE_PATHS });
      const zone = cached.find((p) => p.value !== undefined && p.value !== '')?.value;
      if (zone !== undefined) zones.set(deviceId, zone);
    }
  }
  return found.map((c) => {
    const busyIn = busy.get(c.deviceId);
    const timeZone = zones.get(c.deviceId);
    return {
      ...c,
      ...(busyIn !== undefined ? { busyIn } : {}),
      ...(timeZone !== undefined ? { timeZone } : {}),
    };
  });
}
