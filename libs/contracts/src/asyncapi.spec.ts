import { Parser } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import { asyncApiDocument } from './asyncapi';
import { CancelMessage, CommandMessage, IdleMessage, Topics } from './messages';
import { validateMessage } from './validate';

/** Problems the AsyncAPI parser reports (severity 0 error, 1 warning; hints are left out). */
async function problemsOf(document: unknown): Promise<string[]> {
  const { diagnostics } = await new Parser().parse(JSON.stringify(document));
  return diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.path.join('.')}: ${d.message}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking the document as JSON
const payloadSchema = (doc: any, channel: string, message: string): any =>
  doc.channels[channel].messages[message].payload.schema;

describe('asyncApiDocument', () => {
  it('is a valid AsyncAPI 3 document for the AsyncAPI parser, offline', async () => {
    expect(await problemsOf(asyncApiDocument())).toEqual([]);
  }, 30_000);

  it('is checked for real: the parser refuses a broken payload schema', async () => {
    const doc = asyncApiDocument();
    payloadSchema(doc, 'inform', 'inform').properties.retryCount.type = 'integr';
    expect(await problemsOf(doc)).toEqual(
      expect.arrayContaining([expect.stringMatching(/retryCount\.type: .*allowed values/)]),
    );
  }, 30_000);

  it('publishes the very schema messages are validated with', () => {
    const doc = asyncApiDocument();
    expect(doc.channels.commands?.address).toBe(Topics.commands);
    expect(payloadSchema(doc, 'commands', 'commands')).toEqual(
      JSON.parse(JSON.stringify(CommandMessage)),
    );
    // Titled, so that code generators name the types: CommandMessage, CpeMethodRequest, Reboot…
    const schema = payloadSchema(doc, 'commands', 'commands');
    expect(schema.title).toBe('CommandMessage');
    expect(schema.properties.rpc.title).toBe('CpeMethodRequest');
    expect(schema.properties.rpc.oneOf.map((b: { title: string }) => b.title)).toContain('Reboot');
  });

  it('decides the same in a validator that knows no discriminator, as another language would use it', () => {
    const plainAjv = new Ajv({ strict: false, validateFormats: false });
    const check = plainAjv.compile(payloadSchema(asyncApiDocument(), 'commands', 'commands'));
    const command = {
      schemaVersion: 1,
      commandId: 'c-1',
      deviceId: '00259E-HG8245-4857544312345678',
      rpc: { name: 'Reboot', commandKey: 'c-1' },
      connectionRequest: false,
      source: 'billing',
      createdAt: '2026-11-25T10:00:00Z',
    };
    expect(check(command)).toBe(true);
    expect(check({ ...command, rpc: { name: 'FormatDisk' } })).toBe(false);
    expect(check({ ...command, rpc: { name: 'Reboot' } })).toBe(false);
  });

  it('lists the cancel beside the command on cwmp.commands, with its own schema', () => {
    const doc = asyncApiDocument();
    expect(Object.keys(doc.channels.commands?.messages ?? {}).sort()).toEqual([
      'cancel',
      'commands',
      'idle',
    ]);
    expect(payloadSchema(doc, 'commands', 'cancel')).toEqual(
      JSON.parse(JSON.stringify(CancelMessage)),
    );
    expect(doc.operations['send-commands']?.['messages']).toEqual([
      { $ref: '#/channels/commands/messages/commands' },
      { $ref: '#/channels/commands/messages/cancel' },
      { $ref: '#/channels/commands/messages/idle' },
    ]);
    const check = new Ajv({ strict: false, validateFormats: false }).compile(
      payloadSchema(doc, 'commands', 'cancel'),
    );
    const cancel = {
      schemaVersion: 1,
      action: 'cancel',
      commandId: 'c-1',
      deviceId: '00259E-HG8245-4857544312345678',
      source: 'billing',
      createdAt: '2026-11-25T10:00:00Z',
    };
    expect(check(cancel)).toBe(true);
    expect(check({ ...cancel, commandId: '' })).toBe(false);
  });

  it('lists the idle marker on cwmp.commands, told apart from a command by its action', () => {
    const idle = {
      schemaVersion: 1,
      action: 'idle',
      after: 's-1',
      deviceId: '00259E-HG8245-4857544312345678',
      source: 'provisioning',
      createdAt: '2026-11-25T10:00:00Z',
    };
    expect(validateMessage(Topics.commands, idle).ok).toBe(true);
    expect(validateMessage(Topics.commands, { ...idle, after: '' }).ok).toBe(false);
    expect(payloadSchema(asyncApiDocument(), 'commands', 'idle')).toEqual(
      JSON.parse(JSON.stringify(IdleMessage)),
    );
  });
});
