import { Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';
import type { GatewayConfig } from './config';
import { GatewayService } from './gateway.service';
import {
  DOWNSTREAM_BACKLOG,
  GATEWAY_CONFIG,
  KNOWN_DEVICE,
  type DownstreamBacklog,
  type KnownDevice,
} from './tokens';

export interface CwmpGatewayModuleOptions {
  config: GatewayConfig;
  /**
   * Modules exporting the adapters the gateway injects by token: BUS (@meridian/bus),
   * SESSION_STORE (@meridian/session-store) and, optionally, CONNECTION_REQUESTER.
   */
  imports?: ModuleMetadata['imports'];
  /** Or providers of those tokens, e.g. `{ provide: BUS, useValue: new InProcessBus() }`. */
  providers?: Provider[];
  /**
   * The registry's answer to "is this device known?" (e.g. `registeredDevices(store)`), provided
   * as KNOWN_DEVICE. Required when `config.autoRegister` is false, unused otherwise.
   */
  knownDevice?: KnownDevice;
  /** Provided as DOWNSTREAM_BACKLOG: new sessions get 503 while it is at config.maxBacklog. */
  downstreamBacklog?: DownstreamBacklog;
}

/**
 * The CWMP edge: the HTTP listener (started on application bootstrap, stopped on shutdown) and
 * the cwmp.commands consumer. It owns neither adapter: whoever provides BUS and SESSION_STORE
 * closes them.
 */
@Module({})
export class CwmpGatewayModule {
  static forRoot(options: CwmpGatewayModuleOptions): DynamicModule {
    return {
      module: CwmpGatewayModule,
      imports: options.imports ?? [],
      providers: [
        ...(options.providers ?? []),
        ...(options.knownDevice ? [{ provide: KNOWN_DEVICE, useValue: options.knownDevice }] : []),
        ...(options.downstreamBacklog
          ? [{ provide: DOWNSTREAM_BACKLOG, useValue: options.downstreamBacklog }]
          : []),
        { provide: GATEWAY_CONFIG, useValue: options.config },
        GatewayService,
      ],
      exports: [GatewayService],
    };
  }
}
