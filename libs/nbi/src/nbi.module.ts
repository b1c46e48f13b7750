import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit';
import type { ApiKey } from './auth';
import { API_KEYS, ApiKeyGuard } from './auth.guard';
import { ApiErrorFilter } from './errors';
import { NbiController } from './nbi.controller';
import { SCHEMAS } from './openapi';
import { PresetsController } from './presets.controller';
import { NBI_INSTANCE_ID, TaskService } from './task.service';

export interface NbiOptions {
  apiKeys: ApiKey[];
  /** Distinguishes replicas: each reads every result to answer its own waiting callers. */
  instanceId?: string;
}

/**
 * The northbound REST API. Needs BUS, STORE and SESSION_STORE (the gateways' device queues,
 * where a cancel takes a command out) providers from the importing module.
 */
@Module({})
export class NbiModule {
  static forRoot(options: NbiOptions): DynamicModule {
    return {
      module: NbiModule,
      controllers: [NbiController, PresetsController, AuditController],
      providers: [
        TaskService,
        AuditLog,
        ApiKeyGuard,
        { provide: API_KEYS, useValue: options.apiKeys },
        { provide: NBI_INSTANCE_ID, useValue: options.instanceId ?? randomUUID() },
        { provide: APP_FILTER, useClass: ApiErrorFilter },
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
