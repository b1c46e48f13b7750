import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
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
import { DIAGNOSTIC_KINDS } from '@meridian/contracts';
import { ApiKeyGuard, RequiresRole, type AuthenticatedRequest } from './auth.guard';
import { DevicesService } from './devices.service';
import { FaultsService } from './faults.service';
import { ref } from './openapi';
import type { QueryParams } from './query';
import { TaskRequests } from './task-requests';

/** A route that sends a task and may wait for it: 200 once ended, 202 while pending. */
const TaskReplies = () =>
  applyDecorators(
    ApiResponse({ status: 200, description: 'ended within timeout', schema: ref('Task') }),
    ApiResponse({ status: 202, description: 'still pending', schema: ref('Task') }),
    ApiResponse({
      status: 503,
      description: 'the command bus is down: nothing sent, the task (error.commandId) rejected',
      schema: ref('Error'),
      headers: {
        'Retry-After': { description: 'seconds before sending again', schema: { type: 'integer' } },
      },
    }),
    ApiQuery({ name: 'connectionRequest', required: false, enum: ['true', 'false'] }),
    ApiQuery({
      name: 'timeout',
      required: false,
      type: 'integer',
      description: 'ms to wait for the outcome, 0 to 120000',
    }),
  );

/** Thin HTTP layer: route, authorise, hand the request to one use case (which audits changes). */
@ApiTags('devices', 'tasks', 'faults')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'no valid API key', schema: ref('Error') })
@ApiResponse({ status: 403, description: 'the role may not do this', schema: ref('Error') })
@UseGuards(ApiKeyGuard)
@Controller()
export class NbiController {
  constructor(
    private readonly devices: DevicesService,
    private readonly taskRequests: TaskRequests,
    private readonly faults: FaultsService,
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
    return this.devices.list(q);
  }

  @Get('devices/:deviceId')
  @ApiOkResponse({ schema: ref('DeviceWithParameters') })
  async getDevice(@Param('deviceId') deviceId: string, @Query('prefix') prefix?: string) {
    return this.devices.get(deviceId, prefix);
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
    return this.devices.register(req, deviceId, body);
  }

  @Delete('devices/:deviceId')
  @RequiresRole('admin')
  @HttpCode(204)
  async deleteDevice(@Req() req: AuthenticatedRequest, @Param('deviceId') deviceId: string) {
    await this.devices.delete(req, deviceId);
  }

  @Post('devices/:deviceId/tags/:tag')
  @RequiresRole('operator')
  @HttpCode(204)
  async addTag(
    @Req() req: AuthenticatedRequest,
    @Param('deviceId') deviceId: string,
    @Param('tag') tag: string,
  ) {
    await this.devices.addTag(req, deviceId, tag);
  }

  @Delete('devices/:deviceId/tags/:tag')
  @RequiresRole('operator')
  @HttpCode(204)
  async removeTag(
    @Req() req: AuthenticatedRequest,
    @Param('deviceId') deviceId: string,
    @Param('tag') tag: string,
  ) {
    await this.devices.removeTag(req, deviceId, tag);
  }

  /** 200 with the ended task when it completes within `timeout` ms, else 202 with the pending task. */
  @Post('devices/:deviceId/tasks')
  @RequiresRole('operator')
  @ApiBody({ schema: ref('TaskRequest') })
  @TaskReplies()
  @ApiResponse({ status: 400, description: 'invalid task', schema: ref('Error') })
  @ApiQuery({
    name: 'expiresIn',
    required: false,
    type: 'integer',
    description: 'ms until the task expires unsent',
  })
  async createTask(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('deviceId') deviceId: string,
    @Body() body: unknown,
    @Query() q: QueryParams,
  ) {
    const { status, task } = await this.taskRequests.create(req, deviceId, body, q);
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
    return this.devices.diagnostics(deviceId, kind, limit);
  }

  /**
   * The device's transfers (Downloads the firmware service tracks), newest first: waiting, or
   * how they ended.
   */
  @Get('devices/:deviceId/transfers')
  @ApiOkResponse({ schema: ref('TransferList') })
  async listTransfers(@Param('deviceId') deviceId: string) {
    return this.devices.transfers(deviceId);
  }

  @Get('faults')
  async listFaults(@Query() q: QueryParams) {
    return this.faults.list(q);
  }

  /** What provisioning holds for the device: presets applied (version, ParameterKey), work under way. */
  @Get('devices/:deviceId/provisioning')
  async deviceProvisioning(@Param('deviceId') deviceId: string) {
    return this.devices.provisioning(deviceId);
  }

  @Get('devices/:deviceId/faults')
  async deviceFaults(@Param('deviceId') deviceId: string) {
    return this.faults.listByDevice(deviceId);
  }

  @Delete('devices/:deviceId/faults/:channel')
  @RequiresRole('operator')
  @HttpCode(204)
  async deleteFault(
    @Req() req: AuthenticatedRequest,
    @Param('deviceId') deviceId: string,
    @Param('channel') channel: string,
  ) {
    await this.faults.delete(req, deviceId, channel);
  }

  /** Sends the faulted task again (same options as a new task) and clears the fault. */
  @Post('devices/:deviceId/faults/:channel/retry')
  @RequiresRole('operator')
  @TaskReplies()
  async retryFault(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('deviceId') deviceId: string,
    @Param('channel') channel: string,
    @Query() q: QueryParams,
  ) {
    const { status, task } = await this.faults.retry(req, deviceId, channel, q);
    res.status(status);
    return task;
  }

  @Get('tasks')
  @ApiOkResponse({ schema: ref('TaskPage') })
  async listTasks(@Query() q: QueryParams) {
    return this.taskRequests.list(q);
  }

  @Get('tasks/:taskId')
  @ApiOkResponse({ schema: ref('Task') })
  async getTask(@Param('taskId') taskId: string) {
    return this.taskRequests.get(taskId);
  }

  /** Cancels a task not sent yet; 409 with `state` when it was sent or has ended. */
  @Delete('tasks/:taskId')
  @RequiresRole('operator')
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'cancelled: it left the device queue' })
  @ApiResponse({ status: 409, description: 'sent or ended (error.state)', schema: ref('Error') })
  async cancelTask(@Req() req: AuthenticatedRequest, @Param('taskId') taskId: string) {
    await this.taskRequests.cancel(req, taskId);
  }
}
