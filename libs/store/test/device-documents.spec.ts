import type { mongo } from 'mongoose';
import { DeviceDocuments } from '../src/mongo/device-documents';
import type { DeviceDoc } from '../src/mongo/schemas';

/** A collection whose findOne counts its calls and answers the document as it is now. */
function fakeDevices(): {
  collection: mongo.Collection<DeviceDoc>;
  finds: () => number;
  doc: DeviceDoc;
} {
  const doc = { _id: 'D1', deviceId: 'D1', revision: 1 } as unknown as DeviceDoc;
  let finds = 0;
  const collection = {
    findOne: async () => {
      finds++;
      return { ...doc };
    },
  } as unknown as mongo.Collection<DeviceDoc>;
  return { collection, finds: () => finds, doc };
}

describe('DeviceDocuments', () => {
  it('sends one find for the reads of one device asked in the same turn', async () => {
    const { collection, finds } = fakeDevices();
    const documents = new DeviceDocuments(collection);

    const [a, b] = await Promise.all([documents.read('D1'), documents.read('D1')]);
    expect(finds()).toBe(1);
    expect(a).toEqual(b);
    // The next turn of the event loop (where a reply of the server is handled) reads again.
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([documents.read('D1'), documents.read('D2')]);
    expect(finds()).toBe(3);
  });

  it('never answers a read asked in a later turn with a read asked before it', async () => {
    const { collection, finds, doc } = fakeDevices();
    const documents = new DeviceDocuments(collection);

    const before = documents.read('D1');
    // A write's reply comes in a turn of its own: what is asked after it sees it.
    await new Promise((resolve) => setImmediate(resolve));
    (doc as unknown as { revision: number }).revision = 2;
    const after = await documents.read('D1');
    expect(finds()).toBe(2);
    expect(after).toMatchObject({ revision: 2 });
    expect(await before).toMatchObject({ revision: 1 });
  });
});
