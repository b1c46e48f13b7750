import { randomUUID } from 'node:crypto';
import {
  DynamicModule,
  INestApplication,
  Module,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { asyncApiDocument } from '@meridian/contracts';
import type { Request, Response } from 'express';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit';
import { CampaignsController } from './campaigns.controller';
import { CredentialsController, CWMP_REALM } from './credentials.controller';
import { DevicesService } from './devices.service';
import { FaultsService } from './faults.service';
import type { ApiKey } from './auth';
import { API_KEYS, ApiKeyGuard } from './auth.guard';
import { ApiErrorFilter } from './errors';
import { NbiMetricsMiddleware } from './metrics.middleware';
import { FilesController } from './files.controller';
import { NBI_FILES, type NbiFilesOptions } from './files';
import { NbiController } from './nbi.controller';
import { SCHEMAS } from './openapi';
import { PresetsController } from './presets.controller';
import { PresetsService } from './presets.service';
import { TaskRequests } from './task-requests';
import { NBI_INSTANCE_ID, TaskService } from './task.service';
import { RETENTION, Retention, type RetentionPeriods } from './retention';

const KEEP_ALL: RetentionPeriods = { taskMs: 0, auditMs: 0, campaignMs: 0, transferMs: 0 };

export interface NbiOptions {
  apiKeys: ApiKey[];
  /** Distinguishes replicas: each reads every result to answer its own waiting callers. */
  instanceId?: string;
  /** MERIDIAN_CWMP_REALM of the gateways: per-device credentials are kept for it. */
  cwmpRealm?: string;
  /** The file server: without it, uploads have no size limit and tasks cannot name a file. */
  files?: NbiFilesOptions;
  /** How long each history is kept (MERIDIAN_NBI_*_RETENTION_SECONDS); none given: all kept. */
  retention?: RetentionPeriods;
}

/**
 * The northbound REST API. Needs BUS, STORE and SESSION_STORE (the gateways' session store, known
 * as `sessions` here as in the gateway: a cancel takes a command out of its device's queue there)
 * providers from the importing module.
 */
@Module({})
export class NbiModule implements NestModule {
  static forRoot(options: NbiOptions): DynamicModule {
    return {
      module: NbiModule,
      controllers: [
        NbiController,
        PresetsController,
        AuditController,
        CredentialsController,
        FilesController,
        CampaignsController,
      ],
      providers: [
        TaskService,
        TaskRequests,
        Retention,
        {
          provide: RETENTION,
          useValue: options.retention ?? KEEP_ALL,
        },
        DevicesService,
        FaultsService,
        PresetsService,
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

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(NbiMetricsMiddleware)
      .forRoutes(NbiController, PresetsController, AuditController);
  }
}

/**
 * Serves the OpenAPI document at /api-docs (UI) and /api-docs-json, and the AsyncAPI document of
 * the bus topics at /asyncapi.json; like the OpenAPI document, it needs no API key.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Meridian NBI')
    .setDescription(
      'Devices, parameters, tasks, faults, presets and the audit log of the Meridian ACS. The Kafka topics are described by the AsyncAPI document at /asyncapi.json.',
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
  const asyncApi = asyncApiDocument();
  app.getHttpAdapter().get('/asyncapi.json', (_req: Request, res: Response) => res.json(asyncApi));
}
