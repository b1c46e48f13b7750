import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditLog } from './audit';
import { ApiKeyGuard, RequiresRole } from './auth.guard';
import { ref } from './openapi';
import type { QueryParams } from './query';

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  /** Every change made through the NBI, newest first. */
  @Get()
  @RequiresRole('admin')
  @ApiQuery({ name: 'deviceId', required: false })
  @ApiQuery({ name: 'actor', required: false, description: 'API key name' })
  @ApiQuery({ name: 'from', required: false, description: 'ISO-8601, inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO-8601, exclusive' })
  @ApiQuery({ name: 'skip', required: false })
  @ApiQuery({ name: 'limit', required: false, description: 'default 100, at most 1000' })
  @ApiOkResponse({ schema: ref('AuditPage') })
  @ApiResponse({ status: 403, description: 'admin only', schema: ref('Error') })
  async list(@Query() q: QueryParams) {
    return this.audit.list(q);
  }
}
