import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Optional,
  Param,
  Put,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ChecksumMismatchError, FileTooLargeError, STORE, type Store } from '@meridian/store';
import { AuditLog } from './audit';
import { ApiKeyGuard, RequiresRole, type AuthenticatedRequest } from './auth.guard';
import { ApiError, notFound } from './errors';
import { checkFileName, fileTooLarge, NBI_FILES, uploadOf, type NbiFilesOptions } from './files';
import { ref } from './openapi';
import { pagingQuery, type QueryParams } from './query';

/** The file repository: images and configuration files CPEs download. */
@ApiTags('files')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'no valid API key', schema: ref('Error') })
@ApiResponse({ status: 403, description: 'the role may not do this', schema: ref('Error') })
@UseGuards(ApiKeyGuard)
@Controller('files')
export class FilesController {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly audit: AuditLog,
    @Optional() @Inject(NBI_FILES) private readonly files?: NbiFilesOptions,
  ) {}

  @Get()
  @ApiOkResponse({ description: '{ items: File[], total }' })
  async list(@Query() q: QueryParams) {
    const filter = { type: q.fileType, oui: q.oui, productClass: q.productClass };
    return this.store.files.list(
      Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)),
      pagingQuery(q),
    );
  }

  @Get(':name')
  @ApiOkResponse({ schema: ref('File') })
  async get(@Param('name') name: string) {
    const file = await this.store.files.get(name);
    if (!file) throw notFound(`file ${name}`);
    return file;
  }

  /** Streams the body (application/octet-stream) into the repository: 201 new, 200 replaced. */
  @Put(':name')
  @RequiresRole('operator')
  @ApiResponse({ status: 201, description: 'created', schema: ref('File') })
  @ApiResponse({ status: 200, description: 'replaced', schema: ref('File') })
  @ApiResponse({
    status: 400,
    description: 'bad metadata or checksum_mismatch',
    schema: ref('Error'),
  })
  @ApiResponse({ status: 413, description: 'file_too_large', schema: ref('Error') })
  async put(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Param('name') name: string,
    @Query() q: QueryParams,
  ) {
    const maxBytes = this.files?.maxBytes ?? Number.MAX_SAFE_INTEGER;
    const contentType = req.headers['content-type'];
    if (contentType !== undefined && !contentType.startsWith('application/octet-stream')) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        'the body is the file itself, sent as application/octet-stream',
      );
    }
    const upload = uploadOf(name, q, req.headers, maxBytes);
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
      // The body is not read: the connection goes with the answer.
      res.setHeader('connection', 'close');
      throw fileTooLarge(maxBytes);
    }
    const existed = (await this.store.files.get(upload.name)) !== null;
    let file;
    try {
      file = await this.store.files.put(upload, req);
    } catch (error) {
      if (error instanceof FileTooLargeError) {
        res.setHeader('connection', 'close');
        throw fileTooLarge(maxBytes);
      }
      if (error instanceof ChecksumMismatchError) {
        throw new ApiError(400, 'checksum_mismatch', `sha256: ${error.message}; nothing stored`);
      }
      throw error;
    }
    const status = existed ? 200 : 201;
    await this.audit.record(req, status, {
      target: file.name,
      detail: { fileType: file.type, size: file.size, sha256: file.sha256 },
    });
    res.status(status);
    return file;
  }

  @Delete(':name')
  @RequiresRole('operator')
  @HttpCode(204)
  async delete(@Req() req: AuthenticatedRequest, @Param('name') name: string) {
    if (!(await this.store.files.delete(checkFileName(name)))) throw notFound(`file ${name}`);
    await this.audit.record(req, 204, { target: name });
  }
}
