import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Logger,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { STORE, type DeviceField, type Store, type TaskStatus } from '@meridian/store';
import { ApiKeyGuard, RequiresRole, type AuthenticatedRequest } from './auth.guard';
import { ApiError, notFound } from './errors';
import { TaskService } from './task.service';

const DEVICE_FIELDS: readonly DeviceField[] = [
  'deviceId',
  'identity',
  'status',
  'tags',
  'firstInform',
  'lastInform',
  'lastBoot',
  'lastBootstrap',
  'lastEvents',
  'softwareVersion',
  'hardwareVersion',
  'connectionRequestUrl',
  'remoteAddress',
];
const TASK_STATUSES: readonly TaskStatus[] = [
  'pending',
  'done',
  'fault',
  'expired',
  'rejected',
  'cancelled',
];
const MAX_WAIT_MS = 120_000;

function intQuery(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new ApiError(400, 'bad_request', `${name} must be an integer between 0 and ${max}`);
  }
  return n;
}

function fieldsQuery(value: string | undefined): DeviceField[] | undefined {
  if (!value) return undefined;
  const fields = value.split(',');
  const bad = fields.find((f) => !DEVICE_FIELDS.includes(f as DeviceField));
  if (bad)
    throw new ApiError(
      400,
      'bad_request',
      `unknown field ${bad}; fields: ${DEVICE_FIELDS.join(', ')}`,
    );
  return fields as DeviceField[];
}

/** Thin HTTP layer: parse, authorise, audit, delegate. */
@ApiTags('devices', 'tasks')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller()
export class NbiController {
  private readonly audit = new Logger('Audit');

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly tasks: TaskService,
  ) {}

  private record(
    req: AuthenticatedRequest,
    action: string,
    details: Record<string, unknown>,
  ): void {
    this.audit.log(
      JSON.stringify({
        at: new Date().toISOString(),
        who: req.apiKey.name,
        role: req.apiKey.role,
        action,
        ...details,
      }),
    );
  }

  @Get('devices')
  async listDevices(@Query() q: Record<string, string | undefined>) {
    const lastInformFrom = q.lastInformFrom ? new Date(q.lastInformFrom) : undefined;
    const lastInformTo = q.lastInformTo ? new Date(q.lastInformTo) : undefined;
    if ([lastInformFrom, lastInformTo].some((d) => d && Number.isNaN(d.getTime()))) {
      throw new ApiError(400, 'bad_request', 'lastInformFrom/lastInformTo must be ISO-8601 times');
    }
    // ?parameter=Device.X.Y=value (repeatable through comma) filters on cached values.
    const parameters = q.parameter?.split(',').map((p) => {
      const i = p.indexOf('=');
      if (i <= 0) throw new ApiError(400, 'bad_request', 'parameter must be path=value');
      return { path: p.slice(0, i), value: p.slice(i + 1) };
    });
    return this.store.devices.list(
      {
        oui: q.oui,
        productClass: q.productClass,
        serialNumber: q.serialNumber,
        manufacturer: q.manufacturer,
        tags: q.tag ? q.tag.split(',') : undefined,
        lastInformFrom,
        lastInformTo,
        parameters,
      },
      {
        skip: intQuery(q.skip, 'skip', 0, Number.MAX_SAFE_INTEGER),
        limit: intQuery(q.limit, 'limit', 100, 1000),
        fields: fieldsQuery(q.fields),
      },
    );
  }

  @Get('devices/:deviceId')
  async getDevice(@Param('deviceId') deviceId: string, @Query('prefix') prefix?: string) {
    const device = await this.store.devices.get(deviceId);
    if (!device) throw notFound(`device ${deviceId}`);
    const parameters = await this.store.parameters.get(deviceId, { prefix: prefix ?? '' });
    return { ...device, parameters: parameters.map(({ deviceId: _d, ...p }) => p) };
  }

  @Delete('devices/:deviceId')
  @RequiresRole('admin')
  @HttpCode(204)
  async deleteDevice(@Req() req: AuthenticatedRequest, @Param('deviceId') deviceId: string) {
    if (!(await this.store.devices.delete(deviceId))) throw notFound(`device ${deviceId}`);
    this.record(req, 'device.delete', { deviceId });
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
    this.record(req, 'device.tag.add', { deviceId, tag });
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
    this.record(req, 'device.tag.remove', { deviceId, tag });
  }

  /** 200 with the ended task when it completes within `timeout` ms, else 202 with the pending task. */
  @Post('devices/:deviceId/tasks')
  @RequiresRole('operator')
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
      connectionRequest: connectionRequest === 'true' || connectionRequest === '1',
      timeoutMs: intQuery(timeout, 'timeout', 0, MAX_WAIT_MS),
      expiresAt: expiresInMs === undefined ? undefined : new Date(Date.now() + expiresInMs),
    });
    this.record(req, 'task.create', { deviceId, commandId: task.commandId, rpc: task.rpc.name });
    res.status(task.status === 'pending' ? 202 : 200);
    return task;
  }

  @Get('faults')
  async listFaults(@Query() q: Record<string, string | undefined>) {
    return this.store.faults.list({
      skip: intQuery(q.skip, 'skip', 0, Number.MAX_SAFE_INTEGER),
      limit: intQuery(q.limit, 'limit', 100, 1000),
    });
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
    this.record(req, 'fault.delete', { deviceId, channel });
  }

  /** Sends the faulted task again (same options as a new task) and clears the fault. */
  @Post('devices/:deviceId/faults/:channel/retry')
  @RequiresRole('operator')
  async retryFault(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('deviceId') deviceId: string,
    @Param('channel') channel: string,
    @Query('connectionRequest') connectionRequest?: string,
    @Query('timeout') timeout?: string,
  ) {
    const task = await this.tasks.retryFault(deviceId, channel, {
      connectionRequest: connectionRequest === 'true' || connectionRequest === '1',
      timeoutMs: intQuery(timeout, 'timeout', 0, MAX_WAIT_MS),
    });
    if (!task) throw notFound(`fault ${channel} of ${deviceId}`);
    this.record(req, 'fault.retry', { deviceId, channel, commandId: task.commandId });
    res.status(task.status === 'pending' ? 202 : 200);
    return task;
  }

  @Get('tasks')
  async listTasks(@Query() q: Record<string, string | undefined>) {
    if (q.status && !TASK_STATUSES.includes(q.status as TaskStatus)) {
      throw new ApiError(400, 'bad_request', `status must be one of ${TASK_STATUSES.join(', ')}`);
    }
    return this.store.tasks.list(
      { deviceId: q.deviceId, status: q.status as TaskStatus | undefined },
      {
        skip: intQuery(q.skip, 'skip', 0, Number.MAX_SAFE_INTEGER),
        limit: intQuery(q.limit, 'limit', 100, 1000),
      },
    );
  }

  @Get('tasks/:commandId')
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
    this.record(req, 'task.cancel', { commandId });
  }
}
