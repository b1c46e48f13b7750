import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Put,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { STORE, type Store } from '@meridian/store';
import { AuditLog } from './audit';
import { ApiKeyGuard, RequiresRole, type AuthenticatedRequest } from './auth.guard';
import { credentialsOf, credentialsView } from './credentials';
import { notFound } from './errors';
import { ref } from './openapi';

/** The realm per-device credentials are kept for (MERIDIAN_CWMP_REALM). */
export const CWMP_REALM = Symbol('CwmpRealm');

/** A device's own CPE credentials; without them the gateway's default pair applies. */
@ApiTags('devices')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('devices/:deviceId/credentials')
export class CredentialsController {
  constructor(
    @Inject(STORE) private readonly store: Store,
    @Inject(CWMP_REALM) private readonly realm: string,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @RequiresRole('operator')
  @ApiOkResponse({ schema: ref('Credentials') })
  async get(@Param('deviceId') deviceId: string) {
    const stored = await this.store.credentials.get(deviceId);
    if (!stored) throw notFound(`credentials of ${deviceId}`);
    return credentialsView(stored);
  }

  /** Takes effect at the device's next session; the CPE must hold the same pair. */
  @Put()
  @RequiresRole('operator')
  @ApiBody({ schema: ref('CredentialsInput') })
  @ApiOkResponse({ schema: ref('Credentials') })
  @ApiResponse({ status: 400, description: 'a missing or bad field', schema: ref('Error') })
  async put(
    @Req() req: AuthenticatedRequest,
    @Param('deviceId') deviceId: string,
    @Body() body: unknown,
  ) {
    const stored = await this.store.credentials.put(
      credentialsOf(deviceId, body, this.realm, new Date()),
    );
    await this.audit.record(req, 200, { deviceId, detail: { username: stored.username } });
    return credentialsView(stored);
  }

  @Delete()
  @RequiresRole('operator')
  @HttpCode(204)
  async delete(@Req() req: AuthenticatedRequest, @Param('deviceId') deviceId: string) {
    if (!(await this.store.credentials.delete(deviceId))) {
      throw notFound(`credentials of ${deviceId}`);
    }
    await this.audit.record(req, 204, { deviceId });
  }
}
