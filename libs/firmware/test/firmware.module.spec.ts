import 'reflect-metadata';
import * as https from 'node:https';
import { Readable } from 'node:stream';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { adaptersModule } from '@meridian/adapters';
import { createSqliteStore, STORE } from '@meridian/store';
import { createTestPki } from '@meridian/testing';
import { FileServerService, FirmwareModule, signedFileUrl } from '../src';

describe('FirmwareModule', () => {
  it('serves files over HTTPS with the configured certificate', async () => {
    const pki = createTestPki();
    const store = createSqliteStore(':memory:');
    await store.files.put(
      { name: 'cfg.xml', type: '3 Vendor Configuration File', maxBytes: 100 },
      Readable.from([Buffer.from('<config/>')]),
    );
    const secret = 'module-test-secret-0123';

    @Module({
      imports: [
        adaptersModule({ [STORE]: store }),
        FirmwareModule.forRoot({ host: '127.0.0.1', port: 0, secret, tls: pki.server }),
      ],
    })
    class TestApp {}
    const app = await NestFactory.createApplicationContext(TestApp, { logger: false });
    try {
      const { port } = app.get(FileServerService).address();
      const url = signedFileUrl(
        `https://127.0.0.1:${port}`,
        { name: 'cfg.xml', deviceId: 'DEV-1', expires: Math.floor(Date.now() / 1000) + 60 },
        secret,
      );
      const body = await new Promise<string>((resolve, reject) => {
        https
          .get(url, { ca: pki.ca.cert }, (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve(`${res.statusCode} ${text}`));
          })
          .on('error', reject);
      });
      expect(body).toBe('200 <config/>');
    } finally {
      await app.close();
      await store.close();
      pki.dispose();
    }
  });
});
