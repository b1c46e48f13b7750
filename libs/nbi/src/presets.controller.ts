import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Put,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { STORE, type Store } from '@meridian/store';
import { AuditLog } from './audit';
import { ApiKeyGuard, RequiresRole, type AuthenticatedRequest } from './auth.guard';
import { notFound } from './errors';
import { ref } from './openapi';
import {
  checkPresetName,
  etagOf,
  parseIfMatch,
  presetChangesOf,
  presetView,
  putPreset,
} from './presets';

/** Presets: read by every role, written by operators; each version is its ETag. */
@ApiTags('presets')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'no valid API key', schema: ref('Error') })
@ApiResponse({ status: 403, description: 'the role may not do this', schema: ref('Error') })
@UseGuards(ApiKeyGuard)
@Controller('presets')
export class PresetsController {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @ApiOkResponse({ schema: { type: 'array', items: ref('Preset') } })
  async list() {
    return (await this.store.presets.list()).map(presetView);
  }

  @Get(':name')
  @ApiOkResponse({ schema: ref('Preset') })
  async get(@Res({ passthrough: true }) res: Response, @Param('name') name: string) {
    const preset = await this.store.presets.get(name);
    if (!preset) throw notFound(`preset ${name}`);
    res.setHeader('ETag', etagOf(preset.version));
    return presetView(preset);
  }

  /** Creates (201) or replaces (200, version + 1); If-Match guards against a lost update. */
  @Put(':name')
  @RequiresRole('operator')
  @ApiBody({ schema: ref('PresetBody') })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: '"<version>" (the ETag): replace only that version; * : only if it exists',
  })
  @ApiResponse({ status: 200, description: 'replaced', schema: ref('Preset') })
  @ApiResponse({ status: 201, description: 'created', schema: ref('Preset') })
  @ApiResponse({ status: 400, description: 'invalid_preset: every error', schema: ref('Error') })
  @ApiResponse({ status: 412, description: 'version_conflict', schema: ref('Error') })
  async put(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('name') name: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch?: string,
  ) {
    const { preset, created } = await putPreset(
      this.store.presets,
      checkPresetName(name),
      presetChangesOf(body),
      parseIfMatch(ifMatch),
    );
    const status = created ? 201 : 200;
    await this.audit.record(req, status, { target: name, detail: { version: preset.version } });
    res.status(status).setHeader('ETag', etagOf(preset.version));
    return presetView(preset);
  }

  @Delete(':name')
  @RequiresRole('operator')
  @HttpCode(204)
  async delete(@Req() req: AuthenticatedRequest, @Param('name') name: string) {
    if (!(await this.store.presets.delete(name))) throw notFound(`preset ${name}`);
    await this.audit.record(req, 204, { target: name });
  }
}
