import { Inject, Injectable } from '@nestjs/common';
import { STORE, type Store } from '@meridian/store';
import { AuditLog } from './audit';
import type { AuthenticatedRequest } from './auth.guard';
import { notFound } from './errors';
import {
  checkPresetName,
  etagOf,
  parseIfMatch,
  presetChangesOf,
  presetView,
  putPreset,
  type PresetView,
} from './presets';

/** A preset as answered, with its ETag (the version); a PUT's 201 (created) or 200. */
export interface PresetReply {
  status: 200 | 201;
  etag: string;
  preset: PresetView;
}

/** Presets as the NBI reads and writes them; changes are audited. */
@Injectable()
export class PresetsService {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<PresetView[]> {
    return (await this.store.presets.list()).map(presetView);
  }

  async get(name: string): Promise<Omit<PresetReply, 'status'>> {
    const preset = await this.store.presets.get(name);
    if (!preset) throw notFound(`preset ${name}`);
    return { etag: etagOf(preset.version), preset: presetView(preset) };
  }

  /** Creates (201) or replaces (200, version + 1); If-Match guards against a lost update. */
  async put(
    req: AuthenticatedRequest,
    name: string,
    body: unknown,
    ifMatch: string | undefined,
  ): Promise<PresetReply> {
    const { preset, created } = await putPreset(
      this.store.presets,
      checkPresetName(name),
      presetChangesOf(body),
      parseIfMatch(ifMatch),
    );
    const status = created ? 201 : 200;
    await this.audit.record(req, status, { target: name, detail: { version: preset.version } });
    return { status, etag: etagOf(preset.version), preset: presetView(preset) };
  }

  async delete(req: AuthenticatedRequest, name: string): Promise<void> {
    if (!(await this.store.presets.delete(name))) throw notFound(`preset ${name}`);
    await this.audit.record(req, 204, { target: name });
  }
}
