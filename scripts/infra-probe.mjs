// Readiness probes for scripts/infra: exits 0 when the server answers a real request.
//   node scripts/infra-probe.mjs kafka HOST:PORT      (cluster metadata through kafkajs)
//   node scripts/infra-probe.mjs mongo MONGODB_URI    (ping through the MongoDB driver)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [kind, address] = process.argv.slice(2);

async function probeKafka(broker) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 0 },
  }).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    // A KRaft broker lists itself only once its controller has registered it.
    if (cluster.brokers.length === 0) throw new Error('no broker registered yet');
  } finally {
    await admin.disconnect();
  }
}

async function probeMongo(uri) {
  const { MongoClient } = require('mongodb');
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2000, directConnection: true });
  try {
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close();
  }
}

const probes = { kafka: probeKafka, mongo: probeMongo };
if (!probes[kind] || !address) {
  console.error('usage: infra-probe.mjs kafka|mongo ADDRESS');
  process.exit(2);
}
probes[kind](address).then(
  () => process.exit(0),
  (error) => {
    console.error(`${kind} at ${address}: ${error.message}`);
    process.exit(1);
  },
);
