import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DIAGNOSTIC_KINDS, type DiagnosticKind } from '@meridian/contracts';
import { DuplicateKeyError, STORE, type Store, type TaskStatus } from '@meridian/store';
import { parseState } from '@meridian/provisioning-engine';
import { AuditLog } from './audit';
import { ApiKeyGuard, RequiresRole, type AuthenticatedRequest } from './auth.guard';
import { deviceView, projectionOf, storeFieldsOf } from './device-view';
import { ApiError, badRequest, notFound } from './errors';
import { ref } from './openapi';
import { registrationOf } from './registration';
import { booleanQuery, dateQuery, intQuery, pagingQuery, type QueryParams } from './query';
import { TaskService } from './task.service';
import { latestDiagnostics } from './tasks';

const TASK_STATUSES: readonly TaskStatus[] = [
  'pending',
  'done',
  'fault',
  'expired',
  'rejected',
  'cancelled',
];
const MAX_WAIT_MS = 120_000;

const onOff = (value: string | undefined): boolean => value === 'true' || value === '1';

/** Thin HTTP layer: parse, authorise, audit, delegate. */
@ApiTags('devices', 'tasks', 'faults')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'no valid API key', schema: ref('Error') })
@ApiResponse({ status: 403, description: 'the role may not do this', schema: ref('Error') })
@UseGuards(ApiKeyGuard)
@Controller()
export class NbiController {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly tasks: TaskService,
    private readonly audit: AuditLog,
  ) {}

  @Get('devices')
  @ApiQuery({ name: 'online', required: false, enum: ['true', 'false'] })
  @ApiQuery({
    name: 'fields',
    required: false,
    description: 'comma-separated fields of Device (online included)',
  })
  @ApiOkResponse({ schema: ref('DevicePage') })
  async listDevices(@Query() q: QueryParams) {
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

  @Get('devices/:deviceId')
  @ApiOkResponse({ schema: ref('DeviceWithParameters') })
  async getDevice(@Param('deviceId') deviceId: string, @Query('prefix') prefix?: string) {
    const device = await this.store.devices.get(deviceId);
    if (!device) throw notFound(`device ${deviceId}`);
    const parameters = await this.store.parameters.get(deviceId, { prefix: prefix ?? '' });
    return {
      ...deviceView(device, { online: true }, new Date()),
      parameters: parameters.map(({ deviceId: _d, ...p }) => p),
    };
  }

  /** Pre-registration: a device known before its first Inform (when auto-registration is off). */
  @Put('devices/:deviceId')
  @RequiresRole('admin')
  @HttpCode(201)
  @ApiBody({ required: false, schema: ref('DeviceRegistration') })
  @ApiResponse({ status: 201, schema: ref('Device') })
  @ApiResponse({ status: 400, description: 'not a canonical deviceId', schema: ref('Error') })
  @ApiResponse({ status: 409, description: 'the device exists', schema: ref('Error') })
  async registerDevice(
    @Req() req: AuthenticatedRequest,
    @Param('deviceId') deviceId: string,
    @Body() body: unknown,
  ) {
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

  @Delete('devices/:deviceId')
  @RequiresRole('admin')
  @HttpCode(204)
  async deleteDevice(@Req() req: AuthenticatedRequest, @Param('deviceId') deviceId: string) {
    if (!(await this.store.devices.delete(deviceId))) throw notFound(`device ${deviceId}`);
    await this.audit.record(req, 204, { deviceId });
  }

  @Post('devices/:deviceId/tags/:tag')
  @RequiresRole('operator')
  @HttpCode(204)
  async addTag(
    @Req() req: AuthenticatedRequest,
    @Param('deviceId') deviceId: string,
    @Param('tag') tag: string,
  ) {
    if (!(await this.store.devices.addTag(deviceId, tag))) throw notFound(`device ${deviceId}`);
    await this.audit.record(req, 204, { deviceId, target: tag });
  }

  @Delete('devices/:deviceId/tags/:tag')
  @RequiresRole('operator')
  @HttpCode(204)
  async removeTag(
    @Req() req: AuthenticatedRequest,
    @Param('deviceId') deviceId: string,
    @Param('tag') tag: string,
  ) {
    if (!(await this.store.devices.removeTag(deviceId, tag))) throw notFound(`device ${deviceId}`);
    await this.audit.record(req, 204, { deviceId, target: tag });
  }

  /** 200 with the ended task when it completes within `timeout` ms, else 202 with the pending task. */
  @Post('devices/:deviceId/tasks')
  @RequiresRole('operator')
  @ApiBody({ schema: ref('TaskRequest') })
  @ApiResponse({ status: 200, description: 'ended within timeout', schema: ref('Task') })
  @ApiResponse({ status: 202, description: 'still pending', schema: ref('Task') })
  @ApiResponse({ status: 400, description: 'invalid task', schema: ref('Error') })
  async createTask(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('deviceId') deviceId: string,
    @Body() body: unknown,
    @Query('connectionRequest') connectionRequest?: string,
    @Query('timeout') timeout?: string,
    @Query('expiresIn') expiresIn?: string,
  ) {
    const expiresInMs = expiresIn
      ? intQuery(expiresIn, 'expiresIn', 0, 30 * 86_400_000)
      : undefined;
    const task = await this.tasks.create(deviceId, body, {
      connectionRequest: onOff(connectionRequest),
      timeoutMs: intQuery(timeout, 'timeout', 0, MAX_WAIT_MS),
      expiresAt: expiresInMs === undefined ? undefined : new Date(Date.now() + expiresInMs),
    });
    const status = task.status === 'pending' ? 202 : 200;
    // The task kind only: arguments may hold secrets (download/upload passwords).
    const kind = (body as { name: string }).name;
    await this.audit.record(req, status, { deviceId, target: task.commandId, detail: { kind } });
    res.status(status);
    return task;
  }

  /** The last `limit` (default 5) diagnostics of each kind on the device, newest first. */
  @Get('devices/:deviceId/diagnostics')
  @ApiQuery({ name: 'kind', required: false, enum: [...DIAGNOSTIC_KINDS] })
  @ApiQuery({ name: 'limit', required: false, description: 'per kind, 1 to 100 (default 5)' })
  @ApiOkResponse({ schema: ref('DiagnosticList') })
  async listDiagnostics(
    @Param('deviceId') deviceId: string,
    @Query('kind') kind?: string,
    @Query('limit') limit?: string,
  ) {
    if (kind !== undefined && !(DIAGNOSTIC_KINDS as readonly string[]).includes(kind)) {
      throw badRequest(`kind must be one of ${DIAGNOSTIC_KINDS.join(', ')}`);
    }
    const perKind = limit === undefined ? 5 : intQuery(limit, 'limit', 1, 100);
    if (!(await this.store.devices.get(deviceId))) throw notFound(`device ${deviceId}`);
    const tasks = await this.store.tasks.listByDevice(deviceId);
    return { items: latestDiagnostics(tasks, perKind, kind as DiagnosticKind | undefined) };
  }

  @Get('faults')
  async listFaults(@Query() q: QueryParams) {
    return this.store.faults.list(pagingQuery(q));
  }

  /** What provisioning holds for the device: presets applied (version, ParameterKey), work under way. */
  @Get('devices/:deviceId/provisioning')
  async deviceProvisioning(@Param('deviceId') deviceId: string) {
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

  @Get('devices/:deviceId/faults')
  async deviceFaults(@Param('deviceId') deviceId: string) {
    return this.store.faults.listByDevice(deviceId);
  }

  @Delete('devices/:deviceId/faults/:channel')
  @RequiresRole('operator')
  @HttpCode(204)
  async deleteFault(
    @Req() req: AuthenticatedRequest,
    @Param('deviceId') deviceId: string,
    @Param('channel') channel: string,
  ) {
    if (!(await this.store.faults.delete(deviceId, channel)))
      throw notFound(`fault ${channel} of ${deviceId}`);
    await this.audit.record(req, 204, { deviceId, target: channel });
  }

  /** Sends the faulted task again (same options as a new task) and clears the fault. */
  @Post('devices/:deviceId/faults/:channel/retry')
  @RequiresRole('operator')
  @ApiResponse({ status: 200, description: 'ended within timeout', schema: ref('Task') })
  @ApiResponse({ status: 202, description: 'still pending', schema: ref('Task') })
  async retryFault(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('deviceId') deviceId: string,
    @Param('channel') channel: string,
    @Query('connectionRequest') connectionRequest?: string,
    @Query('timeout') timeout?: string,
  ) {
    const task = await this.tasks.retryFault(deviceId, channel, {
      connectionRequest: onOff(connectionRequest),
      timeoutMs: intQuery(timeout, 'timeout', 0, MAX_WAIT_MS),
    });
    if (!task) throw notFound(`fault ${channel} of ${deviceId}`);
    const status = task.status === 'pending' ? 202 : 200;
    await this.audit.record(req, status, {
      deviceId,
      target: channel,
      detail: { commandId: task.commandId },
    });
    res.status(status);
    return task;
  }

  @Get('tasks')
  @ApiOkResponse({ schema: ref('TaskPage') })
  async listTasks(@Query() q: QueryParams) {
    if (q.status && !TASK_STATUSES.includes(q.status as TaskStatus)) {
      throw badRequest(`status must be one of ${TASK_STATUSES.join(', ')}`);
    }
    return this.store.tasks.list(
      { deviceId: q.deviceId, status: q.status as TaskStatus | undefined },
      pagingQuery(q),
    );
  }

  @Get('tasks/:commandId')
  @ApiOkResponse({ schema: ref('Task') })
  async getTask(@Param('commandId') commandId: string) {
    const task = await this.store.tasks.get(commandId);
    if (!task) throw notFound(`task ${commandId}`);
    return task;
  }

  @Delete('tasks/:commandId')
  @RequiresRole('operator')
  @HttpCode(204)
  async cancelTask(@Req() req: AuthenticatedRequest, @Param('commandId') commandId: string) {
    if (!(await this.store.tasks.cancel(commandId, new Date()))) {
      throw new ApiError(409, 'not_pending', `task ${commandId} is unknown or has already ended`);
    }
    const task = await this.store.tasks.get(commandId);
    await this.audit.record(req, 204, { deviceId: task?.deviceId, target: commandId });
  }
}
