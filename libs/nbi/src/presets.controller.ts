import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
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
import { ApiKeyGuard, RequiresRole, type AuthenticatedRequest } from './auth.guard';
import { ref } from './openapi';
import { PresetsService } from './presets.service';

/** Presets: read by every role, written by operators; each version is its ETag. */
@ApiTags('presets')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'no valid API key', schema: ref('Error') })
@ApiResponse({ status: 403, description: 'the role may not do this', schema: ref('Error') })
@UseGuards(ApiKeyGuard)
@Controller('presets')
export class PresetsController {
  constructor(private readonly presets: PresetsService) {}

  @Get()
  @ApiOkResponse({ schema: { type: 'array', items: ref('Preset') } })
  async list() {
    return this.presets.list();
  }

  @Get(':name')
  @ApiOkResponse({ schema: ref('Preset') })
  async get(@Res({ passthrough: true }) res: Response, @Param('name') name: string) {
    const { etag, preset } = await this.presets.get(name);
    res.setHeader('ETag', etag);
    return preset;
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
    const { status, etag, preset } = await this.presets.put(req, name, body, ifMatch);
    res.status(status).setHeader('ETag', etag);
    return preset;
  }

  @Delete(':name')
  @RequiresRole('operator')
  @HttpCode(204)
  async delete(@Req() req: AuthenticatedRequest, @Param('name') name: string) {
    await this.presets.delete(req, name);
  }
}
