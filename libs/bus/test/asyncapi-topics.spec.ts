import { asyncApiDocument } from '@meridian/contracts';
import { busTopicNames } from '../src';

describe('the AsyncAPI document of the bus', () => {
  it('has one channel for each topic the Kafka bus creates, and no other', () => {
    const { channels } = asyncApiDocument();
    const addresses = Object.values(channels).map((c) => c.address);
    expect([...addresses].sort()).toEqual([...busTopicNames()].sort());
  });
});
