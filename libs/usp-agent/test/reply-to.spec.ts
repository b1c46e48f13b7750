import { replyToOf } from '../src';

describe('the reply topic of an MQTT 3.1.1 request (R-MQTT.24, R-MQTT.25)', () => {
  it.each([
    [
      'usp/agents/cid:3AA3F8:my-unique-usp-id-42/reply-to=usp%2Fcontrollers%2Foui:00256D:my-unique-bbf-id-42',
      'usp/controllers/oui:00256D:my-unique-bbf-id-42',
    ],
    // The spec's own example has a space after "=".
    ['usp/agent/reply-to= usp%2Fcontroller', 'usp/controller'],
    ['usp/agent/x/reply-to=a/reply-to=b%2Fc', 'b/c'],
  ])('%s → %s', (topic, reply) => {
    expect(replyToOf(topic)).toBe(reply);
  });

  it('is undefined without /reply-to= (fixed topics) or with nothing after it', () => {
    expect(replyToOf('usp/agent')).toBeUndefined();
    expect(replyToOf('usp/agent/reply-to=')).toBeUndefined();
  });
});
