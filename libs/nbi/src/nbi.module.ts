import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit';
import { CredentialsController, CWMP_REALM } from './credentials.controller';
import type { ApiKey } from './auth';
import { API_KEYS, ApiKeyGuard } from './auth.guard';
import { ApiErrorFilter } from './errors';
import { FilesController } from './files.controller';
import { NBI_FILES, type NbiFilesOptions } from './files';
import { NbiController } from './nbi.controller';
import { SCHEMAS } from './openapi';
import { PresetsController } from './presets.controller';
import { NBI_INSTANCE_ID, TaskService } from './task.service';

export interface NbiOptions {
  apiKeys: ApiKey[];
  /** Distinguishes replicas: each reads every result to answer its own waiting callers. */
  instanceId?: string;
  /** MERIDIAN_CWMP_REALM of the gateways: per-device credentials are kept for it. */
  cwmpRealm?: string;
  /** The file server: without it, uploads have no size limit and tasks cannot name a file. */
  files?: NbiFilesOptions;
}

/** The northbound REST API. Needs BUS and STORE providers from the importing module. */
@Module({})
export class NbiModule {
  static forRoot(options: NbiOptions): DynamicModule {
    return {
      module: NbiModule,
      controllers: [
        NbiController,
        PresetsController,
        AuditController,
        CredentialsController,
        FilesController,
      ],
      providers: [
        TaskService,
        AuditLog,
        ApiKeyGuard,
        { provide: API_KEYS, useValue: options.apiKeys },
        { provide: NBI_INSTANCE_ID, useValue: options.instanceId ?? randomUUID() },
        { provide: CWMP_REALM, useValue: options.cwmpRealm ?? 'meridian' },
        { provide: APP_FILTER, useClass: ApiErrorFilter },
        ...(options.files ? [{ provide: NBI_FILES, useValue: options.files }] : []),
      ],
    };
  }
}

/** Serves the OpenAPI document at /api-docs (UI) and /api-docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Meridian NBI')
    .setDescription(
      'Devices, parameters, tasks, faults, presets and the audit log of the Meridian ACS',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...SCHEMAS },
  };
  SwaggerModule.setup('api-docs', app, document);
}
