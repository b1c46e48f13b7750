import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ApiKey } from './auth';
import { API_KEYS, ApiKeyGuard } from './auth.guard';
import { ApiErrorFilter } from './errors';
import { NbiController } from './nbi.controller';
import { NBI_INSTANCE_ID, TaskService } from './task.service';

export interface NbiOptions {
  apiKeys: ApiKey[];
  /** Distinguishes replicas: each reads every result to answer its own waiting callers. */
  instanceId?: string;
}

/** The northbound REST API. Needs BUS and STORE providers from the importing module. */
@Module({})
export class NbiModule {
  static forRoot(options: NbiOptions): DynamicModule {
    return {
      module: NbiModule,
      controllers: [NbiController],
      providers: [
        TaskService,
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
    .setDescription('Devices, parameters and tasks of the Meridian TR-069 ACS')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api-docs', app, SwaggerModule.createDocument(app, config));
}
