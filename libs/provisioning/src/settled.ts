import type { DeviceFacts } from '@meridian/provisioning-engine';
import type { CatalogSnapshot } from './catalog';

interface Settled {
  /** The stored planner state the Inform was planned on, as the store holds it. */
  stateJson: string;
  catalog: CatalogSnapshot;
  facts: DeviceFacts;
  parameterKey: string | undefined;
  /** informUnchangedUntil of that state. */
  until: number;
}

/**
 * Devices whose last Inform, planned without the parameter cache, left their planner state as it
 * was: the next Inform planned on the same stored state, device facts, ParameterKey and catalog
 * snapshot before `until` would too (the planner is deterministic, and reads the clock only where
 * informUnchangedUntil says), so it is not planned. Nothing here is trusted on its own: the state
 * and the device are the ones the store returned for this message, so a write by another replica
 * or the NBI (tags, a deleted device, a state put) is seen; a changed preset or file is a new
 * snapshot. The oldest entries go first beyond `capacity` (devices of a partition that moved).
 */
export class SettledInforms {
  private readonly byDevice = new Map<string, Settled>();

  constructor(private readonly capacity: number) {}

  holds(
    facts: DeviceFacts,
    parameterKey: string | undefined,
    stateJson: string,
    catalog: CatalogSnapshot,
    now: number,
  ): boolean {
    const settled = this.byDevice.get(facts.deviceId);
    return (
      settled !== undefined &&
      now <= settled.until &&
      settled.catalog === catalog &&
      settled.parameterKey === parameterKey &&
      settled.stateJson === stateJson &&
      sameFacts(settled.facts, facts)
    );
  }

  keep(
    facts: DeviceFacts,
    parameterKey: string | undefined,
    stateJson: string,
    catalog: CatalogSnapshot,
    until: number,
  ): void {
    const { deviceId } = facts;
    // Re-inserted at the end: the map's order is the eviction order.
    this.byDevice.delete(deviceId);
    if (until === -Infinity) return;
    this.byDevice.set(deviceId, { stateJson, catalog, facts, parameterKey, until });
    if (this.byDevice.size > this.capacity) {
      this.byDevice.delete(this.byDevice.keys().next().value as string);
    }
  }
}

function sameFacts(a: DeviceFacts, b: DeviceFacts): boolean {
  return (
    a.root === b.root &&
    a.softwareVersion === b.softwareVersion &&
    a.hardwareVersion === b.hardwareVersion &&
    a.identity.manufacturer === b.identity.manufacturer &&
    a.identity.oui === b.identity.oui &&
    a.identity.productClass === b.identity.productClass &&
    a.identity.serialNumber === b.identity.serialNumber &&
    sameStrings(a.tags, b.tags) &&
    sameStrings(a.events, b.events)
  );
}

const sameStrings = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((s, i) => s === b[i]);
