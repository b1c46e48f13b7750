import type { CpeMethodRequest, CpeMethodResponse } from '@meridian/cwmp';
import type { CachedValue, ParameterView } from '../src';

/**
 * The device's parameter cache in memory, updated from results the way the provisioning service
 * does before it calls plan().
 */
export class MemoryCache implements ParameterView {
  readonly entries = new Map<string, CachedValue>();

  get(path: string): CachedValue | undefined {
    return this.entries.get(path);
  }

  under(prefix: string): string[] {
    return [...this.entries.keys()].filter((path) => path.startsWith(prefix)).sort();
  }

  put(path: string, value: CachedValue): void {
    this.entries.set(path, { ...this.entries.get(path), ...value });
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
