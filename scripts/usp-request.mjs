// A USP Controller by hand: sends one request to a device's USP Agent (the translator) over
// MQTT 5 and prints the answer as JSON. Needs `npm run build` (it uses the project's own test
// Controller, libs/testing/src/usp-controller.ts).
//   node scripts/usp-request.mjs ops::00D09E-SimRouter-SIM000001 '{"get":{"paramPaths":["Device.DeviceInfo.SoftwareVersion"]}}'
// Environment: MERIDIAN_USP_MQTT_URL (mqtt://127.0.0.1:1883), MERIDIAN_USP_AGENT_TOPIC (usp/agent),
// USP_REPLY_TOPIC (usp/controller/<pid>), USP_CACHE_ACCEPTABLE=true to allow a Get from the cache.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [agentId, requestJson] = process.argv.slice(2);
if (!agentId || !requestJson) {
  process.stderr.write('usage: node scripts/usp-request.mjs <agent endpoint id> <request JSON>\n');
  process.exit(2);
}
const { UspTestController } = require('../dist/libs/testing/src/usp-controller.js');
const controller = await UspTestController.connect({
  url: process.env.MERIDIAN_USP_MQTT_URL ?? 'mqtt://127.0.0.1:1883',
  mode: 'mqtt5',
  agentTopic: process.env.MERIDIAN_USP_AGENT_TOPIC ?? 'usp/agent',
  replyTopic: process.env.USP_REPLY_TOPIC ?? `usp/controller/${process.pid}`,
  endpointId: 'self::usp-request-script',
});
try {
  const cache = process.env.USP_CACHE_ACCEPTABLE === 'true';
  const answer = await controller.request(agentId, JSON.parse(requestJson), {
    timeoutMs: 60_000,
    userProperties: cache ? { 'meridian-cache-acceptable': 'true' } : undefined,
  });
  process.stdout.write(`${JSON.stringify(answer.msg, null, 2)}\n`);
} finally {
  await controller.close();
}
