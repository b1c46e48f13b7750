import type { CpeMethodRequest, CpeMethodResponse } from '@meridian/cwmp';
import type { CachedValue, ParameterView } from '../src';

/**
 * The device's parameter cache in memory, updated from results the way the provisioning service
 * does before it calls plan().
 */
export class MemoryCache implements ParameterView {
  readonly entries = new Map<string, CachedValue>();
  /** Writes per path, as a store would take them. */
  readonly writes = new Map<string, number>();

  /** A copy, for a planner's view of the cache with a result laid over it. */
  clone(): MemoryCache {
    const copy = new MemoryCache();
    for (const [path, value] of this.entries) copy.entries.set(path, value);
    return copy;
  }

  get(path: string): CachedValue | undefined {
    return this.entries.get(path);
  }

  under(prefix: string): string[] {
    return [...this.entries.keys()].filter((path) => path.startsWith(prefix)).sort();
  }

  put(path: string, value: CachedValue): void {
    this.entries.set(path, { ...this.entries.get(path), ...value });
    this.writes.set(path, (this.writes.get(path) ?? 0) + 1);
  }

  apply(rpc: CpeMethodRequest, response: CpeMethodResponse): void {
    switch (response.name) {
      case 'GetParameterValuesResponse':
        for (const p of response.parameterList) this.put(p.name, { value: p.value, type: p.type });
        return;
      case 'GetParameterNamesResponse':
        for (const p of response.parameterList) this.put(p.name, { writable: p.writable });
        return;
      case 'SetParameterValuesResponse':
        if (rpc.name === 'SetParameterValues') {
          for (const p of rpc.parameterList) this.put(p.name, { value: p.value, type: p.type });
        }
        return;
      case 'AddObjectResponse':
        if (rpc.name === 'AddObject') this.put(`${rpc.objectName}${response.instanceNumber}.`, {});
        return;
      case 'DeleteObjectResponse':
        if (rpc.name === 'DeleteObject') {
          for (const path of this.under(rpc.objectName)) this.entries.delete(path);
        }
        return;
      default:
        return;
    }
  }
}
