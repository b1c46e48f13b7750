import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { STORE, type Store } from '@meridian/store';
import { ApiKeyGuard, RequiresRole } from './auth.guard';
import { ref } from './openapi';
import { dateQuery, pagingQuery, type QueryParams } from './query';

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('audit')
export class AuditController {
  constructor(@Inject(STORE) private readonly store: Store) {}

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
    return this.store.audit.list(
      {
        deviceId: q.deviceId || undefined,
        actor: q.actor || undefined,
        from: dateQuery(q.from, 'from'),
        to: dateQuery(q.to, 'to'),
      },
      pagingQuery(q),
    );
  }
}
