import { Inject, Injectable } from '@nestjs/common';
import { DIAGNOSTIC_KINDS, type DiagnosticKind } from '@meridian/contracts';
import { parseState } from '@meridian/provisioning-engine';
import { DuplicateKeyError, STORE, type Store } from '@meridian/store';
import { AuditLog } from './audit';
import type { AuthenticatedRequest } from './auth.guard';
import { deviceView, projectionOf, storeFieldsOf } from './device-view';
import { ApiError, badRequest, notFound } from './errors';
import { booleanQuery, dateQuery, intQuery, pagingQuery, type QueryParams } from './query';
import { registrationOf } from './registration';
import { latestDiagnostics } from './tasks';

/** The registry as the NBI shows and changes it; every change is audited. */
@Injectable()
export class DevicesService {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly audit: AuditLog,
  ) {}

  async list(q: QueryParams) {
    // ?parameter=Device.X.Y=value (repeatable through comma) filters on cached values.
    const parameters = q.parameter?.split(',').map((p) => {
      const i = p.indexOf('=');
      if (i <= 0) throw badRequest('parameter must be path=value');
      return { path: p.slice(0, i), value: p.slice(i + 1) };
    });
    const projection = projectionOf(q.fields);
    const online = booleanQuery(q.online, 'online');
    const now = new Date();
    const page = await this.store.devices.list(
      {
        oui: q.oui,
        productClass: q.productClass,
        serialNumber: q.serialNumber,
        manufacturer: q.manufacturer,
        tags: q.tag ? q.tag.split(',') : undefined,
        lastInformFrom: dateQuery(q.lastInformFrom, 'lastInformFrom'),
        lastInformTo: dateQuery(q.lastInformTo, 'lastInformTo'),
        parameters,
        presence: online === undefined ? undefined : { online, at: now },
      },
      { ...pagingQuery(q), fields: storeFieldsOf(projection) },
    );
    return { ...page, items: page.items.map((d) => deviceView(d, projection, now)) };
  }

  async get(deviceId: string, prefix?: string) {
    const device = await this.store.devices.get(deviceId);
    if (!device) throw notFound(`device ${deviceId}`);
    const parameters = await this.store.parameters.get(deviceId, { prefix: prefix ?? '' });
    return {
      ...deviceView(device, { online: true }, new Date()),
      parameters: parameters.map(({ deviceId: _d, ...p }) => p),
    };
  }

  async register(req: AuthenticatedRequest, deviceId: string, body: unknown) {
    const registration = registrationOf(deviceId, body, new Date());
    const device = await this.store.devices.register(registration).catch((error: unknown) => {
      if (error instanceof DuplicateKeyError) {
        throw new ApiError(409, 'device_exists', `device ${deviceId} exists already`);
      }
      throw error;
    });
    await this.audit.record(req, 201, { deviceId, detail: { tags: registration.tags } });
    return deviceView(device, { online: true }, new Date());
  }

  async delete(req: AuthenticatedRequest, deviceId: string): Promise<void> {
    if (!(await this.store.devices.delete(deviceId))) throw notFound(`device ${deviceId}`);
    await this.audit.record(req, 204, { deviceId });
  }

  async addTag(req: AuthenticatedRequest, deviceId: string, tag: string): Promise<void> {
    if (!(await this.store.devices.addTag(deviceId, tag))) throw notFound(`device ${deviceId}`);
    await this.audit.record(req, 204, { deviceId, target: tag });
  }

  async removeTag(req: AuthenticatedRequest, deviceId: string, tag: string): Promise<void> {
    if (!(await this.store.devices.removeTag(deviceId, tag))) throw notFound(`device ${deviceId}`);
    await this.audit.record(req, 204, { deviceId, target: tag });
  }

  /** What provisioning holds for the device: presets applied (version, ParameterKey), work under way. */
  async provisioning(deviceId: string) {
    if (!(await this.store.devices.get(deviceId))) throw notFound(`device ${deviceId}`);
    const record = await this.store.provisioning.get(deviceId);
    const state = parseState(record?.state ?? null);
    return {
      deviceId,
      discoveredAt: state.discoveredAt ?? null,
      applied: state.applied,
      inProgress: Object.keys(state.progress),
      commandsInFlight: Object.keys(state.inFlight).length,
      failures: state.failures,
      refreshedAt: state.refreshedAt,
      updatedAt: record?.updatedAt ?? null,
    };
  }

  /** The last `limit` (default 5) diagnostics of each kind on the device, newest first. */
  async diagnostics(deviceId: string, kind?: string, limit?: string) {
    if (kind !== undefined && !(DIAGNOSTIC_KINDS as readonly string[]).includes(kind)) {
      throw badRequest(`kind must be one of ${DIAGNOSTIC_KINDS.join(', ')}`);
    }
    const perKind = limit === undefined ? 5 : intQuery(limit, 'limit', 1, 100);
    if (!(await this.store.devices.get(deviceId))) throw notFound(`device ${deviceId}`);
    const tasks = await this.store.tasks.listByDevice(deviceId);
    return { items: latestDiagnostics(tasks, perKind, kind as DiagnosticKind | undefined) };
  }

  /** The device's transfers, newest first; 404 for an unknown device. */
  async transfers(deviceId: string) {
    if (!(await this.store.devices.get(deviceId))) throw notFound(`device ${deviceId}`);
    const transfers = await this.store.transfers.listByDevice(deviceId);
    return { items: transfers.map(({ published: _published, ...view }) => view) };
  }
}
