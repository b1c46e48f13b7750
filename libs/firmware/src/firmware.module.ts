import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server as TlsServer } from 'node:tls';
import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { METRICS, Metrics } from '@meridian/telemetry';
import { closeServer, listen } from '@meridian/cwmp-gateway';
import { STORE, type Store } from '@meridian/store';
import {
  CAMPAIGN_RUNNER_OPTIONS,
  CampaignRunner,
  type CampaignRunnerOptions,
} from './campaigns/runner';
import { fileServerHandler } from './file-server';
import {
  TRANSFER_TRACKING,
  TransferTracker,
  type TransferTrackingOptions,
} from './transfer-tracker';

export interface FirmwareOptions {
  host: string;
  /** 0: any free port (tests). */
  port: number;
  /** Key of the signed download URLs, shared with the NBI. */
  secret: string;
  /** PEM certificate and key: serve HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Run the rollout campaigns (needs a BUS provider too). */
  campaigns?: Omit<CampaignRunnerOptions, 'secret'>;
  /** Track transfers (needs a BUS provider from the importing module); off without it. */
  tracking?: TransferTrackingOptions;
}

const FIRMWARE_OPTIONS = Symbol('FirmwareOptions');

/** The file server CPEs download from; content and metadata from STORE. */
@Injectable()
export class FileServerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Files');
  private server?: http.Server;
  private bound?: AddressInfo;

  constructor(
    @Inject(STORE) private readonly store: Store,
    @Inject(FIRMWARE_OPTIONS) private readonly options: FirmwareOptions,
    @Optional() @Inject(METRICS) private readonly metrics: Metrics = new Metrics(),
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handler = fileServerHandler(this.store, {
      secret: this.options.secret,
      metrics: this.metrics,
    });
    const { tls } = this.options;
    // No request timeout: a large image to a slow CPE takes long; idle sockets still time out.
    this.server = tls
      ? https.createServer({ cert: tls.cert, key: tls.key, requestTimeout: 0 }, handler)
      : http.createServer({ requestTimeout: 0 }, handler);
    this.bound = await listen(this.server, this.options.port, this.options.host);
    if (tls) this.metrics.certificateInUse('files', tls.cert);
    this.logger.log(
      `files on ${tls ? 'https' : 'http'}://${this.bound.address}:${this.bound.port}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.server) await closeServer(this.server);
    this.server = undefined;
  }

  /** Where the listener is bound (its real port when configured with 0). */
  address(): AddressInfo {
    if (!this.bound) throw new Error('the file server is not started');
    return this.bound;
  }

  /** A renewed certificate and key for the handshakes from now on (downloads going on keep theirs). */
  setSecureContext(options: { cert: string | Buffer; key: string | Buffer }): void {
    if (!(this.server instanceof TlsServer)) throw new Error('the file server is not on TLS');
    this.server.setSecureContext(options);
    this.metrics.certificateInUse('files', options.cert);
  }
}

/**
 * The firmware service's module: the file server, the campaign runner when `campaigns` is given,
 * and transfer tracking when `tracking` is given. Needs a STORE provider from the importing module
 * (and BUS for the runner and tracking).
 */
@Module({})
export class FirmwareModule {
  static forRoot(options: FirmwareOptions): DynamicModule {
    const { campaigns } = options;
    const tracking = options.tracking
      ? [{ provide: TRANSFER_TRACKING, useValue: options.tracking }, TransferTracker]
      : [];
    return {
      module: FirmwareModule,
      providers: [
        FileServerService,
        { provide: FIRMWARE_OPTIONS, useValue: options },
        ...(campaigns
          ? [
              CampaignRunner,
              {
                provide: CAMPAIGN_RUNNER_OPTIONS,
                useValue: { ...campaigns, secret: options.secret } satisfies CampaignRunnerOptions,
              },
            ]
          : []),
        ...tracking,
      ],
      exports: [
        FileServerService,
        ...(campaigns ? [CampaignRunner] : []),
        ...(options.tracking ? [TransferTracker] : []),
      ],
    };
  }
}
