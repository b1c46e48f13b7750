import type { CommandFault } from '@meridian/contracts';
import type { CpeMethodRequest, CpeMethodResponse, ParameterInfo, XsdType } from '@meridian/cwmp';
import type { Trigger } from '../src';

export interface FakeParameter {
  value: string;
  type: XsdType;
  writable: boolean;
}

export type Outcome = Extract<Trigger, { kind: 'result' }>['outcome'];

const fault = (faultCode: number, faultString: string): Outcome => ({
  status: 'fault',
  fault: { faultCode, faultString },
});

/**
 * A CPE's data model as a map, answering the RPCs the planner sends the way TR-069 says a CPE
 * does (9005 for an unknown name, 9008 for a read-only one).
 */
export class FakeCpe {
  readonly parameters = new Map<string, FakeParameter>();
  readonly objects = new Set<string>();
  /** Multi-instance object → the parameters of a new instance (relative name → default). */
  readonly tables = new Map<string, Record<string, FakeParameter>>();
  readonly notifications = new Map<string, number>();
  readonly downloads: string[] = [];
  readonly received: CpeMethodRequest[] = [];
  reboots = 0;
  /** A fault to answer instead of executing, for fault tests. */
  faultFor?: (rpc: CpeMethodRequest) => CommandFault | undefined;
  private readonly nextInstance = new Map<string, number>();

  set(path: string, value: string, type: XsdType = 'xsd:string', writable = true): this {
    this.parameters.set(path, { value, type, writable });
    this.addAncestors(path);
    return this;
  }

  table(object: string, template: Record<string, FakeParameter>): this {
    this.tables.set(object, template);
    this.addAncestors(object.slice(0, -1));
    return this;
  }

  addInstance(object: string): number {
    const template = this.tables.get(object);
    if (!template) throw new Error(`${object} is not a table`);
    const used = [...this.objects].flatMap((path) => {
      const rest = path.startsWith(object) ? path.slice(object.length) : '';
      return /^\d+\.$/.test(rest) ? [Number(rest.slice(0, -1))] : [];
    });
    const instance = Math.max(this.nextInstance.get(object) ?? 1, ...used.map((n) => n + 1));
    this.nextInstance.set(object, instance + 1);
    this.objects.add(`${object}${instance}.`);
    for (const [name, parameter] of Object.entries(template)) {
      this.set(`${object}${instance}.${name}`, parameter.value, parameter.type, parameter.writable);
    }
    return instance;
  }

  value(path: string): string | undefined {
    return this.parameters.get(path)?.value;
  }

  instances(object: string): number[] {
    return [...this.objects]
      .filter((path) => path.startsWith(object) && /^\d+\.$/.test(path.slice(object.length)))
      .map((path) => Number(path.slice(object.length, -1)))
      .sort((a, b) => a - b);
  }

  answer(rpc: CpeMethodRequest): Outcome {
    this.received.push(rpc);
    const injected = this.faultFor?.(rpc);
    if (injected) return { status: 'fault', fault: injected };
    const response = this.execute(rpc);
    return 'faultCode' in response
      ? fault(response.faultCode, response.faultString)
      : { status: 'done', response };
  }

  private execute(
    rpc: CpeMethodRequest,
  ): CpeMethodResponse | { faultCode: number; faultString: string } {
    switch (rpc.name) {
      case 'GetParameterNames': {
        const list: ParameterInfo[] = [
          ...[...this.objects]
            .filter((path) => path.startsWith(rpc.parameterPath))
            .map((name) => ({ name, writable: this.tables.has(name) })),
          ...[...this.parameters]
            .filter(([path]) => path.startsWith(rpc.parameterPath))
            .map(([name, p]) => ({ name, writable: p.writable })),
        ].sort((a, b) => (a.name < b.name ? -1 : 1));
        if (list.length === 0) return { faultCode: 9005, faultString: 'Invalid parameter name' };
        return { name: 'GetParameterNamesResponse', parameterList: list };
      }
      case 'GetParameterValues': {
        if (rpc.parameterNames.some((name) => name.endsWith('.') && !this.objects.has(name))) {
          return { faultCode: 9005, faultString: 'Invalid parameter name' };
        }
        const names = rpc.parameterNames.flatMap((name) =>
          name.endsWith('.')
            ? [...this.parameters.keys()].filter((path) => path.startsWith(name))
            : [name],
        );
        if (names.some((name) => !this.parameters.has(name))) {
          return { faultCode: 9005, faultString: 'Invalid parameter name' };
        }
        return {
          name: 'GetParameterValuesResponse',
          parameterList: names.map((name) => {
            const { value, type } = this.parameters.get(name) as FakeParameter;
            return { name, value, type };
          }),
        };
      }
      case 'SetParameterValues': {
        const bad = rpc.parameterList.find((p) => !this.parameters.get(p.name)?.writable);
        if (bad) {
          const code = this.parameters.has(bad.name) ? 9008 : 9005;
          return { faultCode: code, faultString: `cannot set ${bad.name}` };
        }
        for (const p of rpc.parameterList) {
          const known = this.parameters.get(p.name) as FakeParameter;
          this.parameters.set(p.name, { ...known, value: p.value });
        }
        return { name: 'SetParameterValuesResponse', status: 0 };
      }
      case 'AddObject':
        if (!this.tables.has(rpc.objectName))
          return { faultCode: 9005, faultString: 'not a table' };
        return {
          name: 'AddObjectResponse',
          instanceNumber: this.addInstance(rpc.objectName),
          status: 0,
        };
      case 'DeleteObject': {
        if (!this.objects.has(rpc.objectName))
          return { faultCode: 9005, faultString: 'no such object' };
        for (const path of [...this.objects])
          if (path.startsWith(rpc.objectName)) this.objects.delete(path);
        for (const path of [...this.parameters.keys()]) {
          if (path.startsWith(rpc.objectName)) this.parameters.delete(path);
        }
        return { name: 'DeleteObjectResponse', status: 0 };
      }
      case 'SetParameterAttributes':
        for (const p of rpc.parameterList) this.notifications.set(p.name, p.notification);
        return { name: 'SetParameterAttributesResponse' };
      case 'Download':
        this.downloads.push(rpc.url);
        return { name: 'DownloadResponse', status: 1, startTime: '', completeTime: '' };
      case 'Reboot':
        this.reboots += 1;
        return { name: 'RebootResponse' };
      default:
        return { faultCode: 9000, faultString: `${rpc.name} not supported` };
    }
  }

  private addAncestors(path: string): void {
    const parts = path.split('.');
    for (let i = 1; i < parts.length; i++) this.objects.add(`${parts.slice(0, i).join('.')}.`);
  }
}
