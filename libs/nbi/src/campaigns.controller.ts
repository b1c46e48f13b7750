import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
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
import {
  CAMPAIGN_STATES,
  DEVICE_TIME_ZONE,
  DEVICE_STATES,
  planDevices,
  progressOf,
  specProblems,
  type Campaign,
  type CampaignDeviceState,
  type CampaignState,
} from '@meridian/campaign';
import { BUS, type Bus } from '@meridian/bus';
import type { CampaignEvent } from '@meridian/contracts';
import { campaignCandidates, publishCampaignEvent } from '@meridian/firmware';
import { KeyedLock } from '@meridian/keyed-lock';
import { STORE, type CampaignChanges, type JsonValue, type Store } from '@meridian/store';
import { AuditLog } from './audit';
import { ApiKeyGuard, RequiresRole, type AuthenticatedRequest } from './auth.guard';
import { campaignSpecOf, resumeOf } from './campaigns';
import { ApiError, badRequest, notFound } from './errors';
import { ref } from './openapi';
import { pagingQuery, type QueryParams } from './query';

const stateQuery = <T extends string>(value: string | undefined, allowed: readonly T[]) => {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw badRequest(`state must be one of ${allowed.join(', ')}`);
  }
  return value as T;
};

/**
 * Staged firmware rollouts. Creating one resolves its target to devices at once (the devices
 * a later Inform adds are not in it); the firmware service's runner does the rest. Changes are
 * audited and published on firmware.campaigns.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'no valid API key', schema: ref('Error') })
@ApiResponse({ status: 403, description: 'the role may not do this', schema: ref('Error') })
@UseGuards(ApiKeyGuard)
@Controller('campaigns')
export class CampaignsController {
  /** One creation at a time in this process: two campaigns never both claim a device. */
  private readonly creating = new KeyedLock();

  constructor(
    @Inject(STORE) private readonly store: Store,
    @Inject(BUS) private readonly bus: Bus,
    private readonly audit: AuditLog,
  ) {}

  @Post()
  @RequiresRole('operator')
  @ApiBody({ schema: ref('CampaignBody') })
  @ApiResponse({ status: 201, description: 'created and running', schema: ref('Campaign') })
  @ApiResponse({
    status: 400,
    description: 'invalid_campaign (every problem), unknown_file',
    schema: ref('Error'),
  })
  async create(@Req() req: AuthenticatedRequest, @Body() body: unknown) {
    const spec = campaignSpecOf(body);
    const file = await this.store.files.get(spec.fileName);
    if (file === null) {
      throw new ApiError(
        400,
        'unknown_file',
        `file ${JSON.stringify(spec.fileName)} is not in the file repository`,
      );
    }
    const version = spec.version ?? file.version;
    if (version === undefined) {
      throw new ApiError(
        400,
        'invalid_campaign',
        `file ${file.name} has no version: give the version it installs`,
      );
    }
    const now = new Date();
    const campaign: Campaign = {
      ...spec,
      version,
      campaignId: randomUUID().replace(/-/g, '').slice(0, 16),
      state: 'running',
      stage: 0,
      stageStartedAt: now,
      countFrom: now,
      createdAt: now,
      updatedAt: now,
    };
    const devices = await this.creating.run('campaigns', async () => {
      const candidates = await campaignCandidates(this.store, spec.target, version, {
        timeZones: spec.window?.timeZone === DEVICE_TIME_ZONE,
      });
      const planned = planDevices(campaign, candidates);
      await this.store.campaigns.create(campaign, planned);
      return planned;
    });
    await publishCampaignEvent(this.bus, campaign, 'created', now);
    const progress = progressOf(devices);
    await this.audit.record(req, 201, {
      target: campaign.campaignId,
      detail: {
        file: file.name,
        version,
        devices: progress.total,
        skipped: progress.skipped,
      },
    });
    return { ...campaign, progress };
  }

  @Get()
  @ApiQuery({ name: 'state', required: false, enum: CAMPAIGN_STATES })
  @ApiOkResponse({ description: '{ items: Campaign[] (without progress), total }, newest first' })
  async list(@Query() q: QueryParams) {
    const state = stateQuery<CampaignState>(q.state, CAMPAIGN_STATES);
    return this.store.campaigns.list(state === undefined ? {} : { state }, pagingQuery(q));
  }

  @Get(':campaignId')
  @ApiOkResponse({ description: 'The campaign with its progress', schema: ref('Campaign') })
  async get(@Param('campaignId') campaignId: string) {
    const campaign = await this.store.campaigns.get(campaignId);
    if (campaign === null) throw notFound(`campaign ${campaignId}`);
    const devices = await this.store.campaigns.devices(campaignId);
    const stages = campaign.stages.map((stage, i) => ({
      ...stage,
      ...progressOf(devices.filter((d) => d.stage === i && d.state !== 'skipped')),
    }));
    return { ...campaign, progress: progressOf(devices), stageProgress: stages };
  }

  @Get(':campaignId/devices')
  @ApiQuery({ name: 'state', required: false, enum: DEVICE_STATES })
  @ApiOkResponse({ description: '{ items: CampaignDevice[], total } in rollout order' })
  async devices(@Param('campaignId') campaignId: string, @Query() q: QueryParams) {
    if ((await this.store.campaigns.get(campaignId)) === null) {
      throw notFound(`campaign ${campaignId}`);
    }
    const state = stateQuery<CampaignDeviceState>(q.state, DEVICE_STATES);
    const all = await this.store.campaigns.devices(campaignId, state && [state]);
    const { skip, limit } = pagingQuery(q);
    return { items: all.slice(skip, skip + limit), total: all.length };
  }

  @Post(':campaignId/pause')
  @RequiresRole('operator')
  @HttpCode(200)
  @ApiOkResponse({ schema: ref('Campaign') })
  @ApiResponse({ status: 409, description: 'not_running', schema: ref('Error') })
  async pause(@Req() req: AuthenticatedRequest, @Param('campaignId') campaignId: string) {
    return this.change(req, campaignId, 'running', 'paused', {
      state: 'paused',
      pauseReason: `paused by ${req.apiKey.name}`,
    });
  }

  /** Resumes a paused campaign; failures before now no longer count in the window. */
  @Post(':campaignId/resume')
  @RequiresRole('operator')
  @HttpCode(200)
  @ApiBody({ schema: ref('CampaignResume'), required: false })
  @ApiOkResponse({ schema: ref('Campaign') })
  @ApiResponse({ status: 400, description: 'invalid_campaign', schema: ref('Error') })
  @ApiResponse({ status: 409, description: 'not_paused', schema: ref('Error') })
  async resume(
    @Req() req: AuthenticatedRequest,
    @Param('campaignId') campaignId: string,
    @Body() body: unknown,
  ) {
    const { stopRules } = resumeOf(body);
    const campaign = await this.store.campaigns.get(campaignId);
    if (campaign === null) throw notFound(`campaign ${campaignId}`);
    if (stopRules !== undefined) {
      const problems = specProblems({ ...campaign, stopRules });
      if (problems.length > 0) {
        throw new ApiError(400, 'invalid_campaign', problems.join('; '), problems);
      }
    }
    const now = new Date();
    return this.change(req, campaignId, 'paused', 'resumed', {
      state: 'running',
      pauseReason: undefined,
      countFrom: now,
      stageStartedAt: now,
      ...(stopRules !== undefined ? { stopRules } : {}),
    });
  }

  /** Ends the campaign: no device starts any more; those in flight still report. */
  @Post(':campaignId/abort')
  @RequiresRole('operator')
  @HttpCode(200)
  @ApiOkResponse({ schema: ref('Campaign') })
  @ApiResponse({ status: 409, description: 'ended', schema: ref('Error') })
  async abort(@Req() req: AuthenticatedRequest, @Param('campaignId') campaignId: string) {
    const campaign = await this.store.campaigns.get(campaignId);
    if (campaign === null) throw notFound(`campaign ${campaignId}`);
    const from = campaign.state === 'paused' ? 'paused' : 'running';
    return this.change(req, campaignId, from, 'aborted', { state: 'aborted' });
  }

  private async change(
    req: AuthenticatedRequest,
    campaignId: string,
    from: CampaignState,
    change: CampaignEvent['change'],
    changes: Omit<CampaignChanges, 'updatedAt'>,
  ): Promise<Campaign> {
    const now = new Date();
    const updated = await this.store.campaigns.update(
      campaignId,
      { ...changes, updatedAt: now },
      from,
    );
    if (updated === null) {
      const current = await this.store.campaigns.get(campaignId);
      if (current === null) throw notFound(`campaign ${campaignId}`);
      throw new ApiError(
        409,
        `not_${from}`,
        `campaign ${campaignId} is ${current.state}, not ${from}`,
        undefined,
        { state: current.state },
      );
    }
    await publishCampaignEvent(this.bus, updated, change, now);
    await this.audit.record(req, 200, {
      target: campaignId,
      detail: JSON.parse(
        JSON.stringify({ state: updated.state, stopRules: changes.stopRules }),
      ) as JsonValue,
    });
    return updated;
  }
}
