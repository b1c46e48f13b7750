// Preloaded into the all-in-one by the MongoDB benches (NODE_OPTIONS=--import): counts the
// commands its MongoDB driver sends, by command and collection, with the driver's command
// monitoring, and writes the running totals as JSON to MERIDIAN_BENCH_MONGO_COMMANDS every
// 100 ms and at exit, so a bench can read them before and after the window it measures, with the
// commands still waiting for their reply (`pending`: what a store call that never returns waits
// on). The driver is resolved from the process's own checkout (an A/B baseline has its own).
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const file = process.env.MERIDIAN_BENCH_MONGO_COMMANDS;
if (file) {
  const { MongoClient } = createRequire(path.join(process.cwd(), 'index.js'))('mongodb');
  const counts = {};
  // By the driver's requestId: the command's key and when it was sent.
  const inFlight = new Map();
  const connect = MongoClient.prototype.connect;
  MongoClient.prototype.connect = function (...args) {
    // Read by the connection pools created on connect.
    this.monitorCommands = true;
    this.on('commandStarted', ({ commandName, command, requestId }) => {
      const collection = command[commandName];
      const key = typeof collection === 'string' ? `${commandName} ${collection}` : commandName;
      counts[key] = (counts[key] ?? 0) + 1;
      inFlight.set(requestId, { key, sentAt: Date.now() });
    });
    const done = ({ requestId }) => inFlight.delete(requestId);
    this.on('commandSucceeded', done);
    this.on('commandFailed', done);
    return connect.apply(this, args);
  };
  // Renamed into place, so a reader never sees a file half written; the temporary file is this
  // process's own: two processes sharing one (the deployed shape's services did) renamed each
  // other's away, and the loser's ENOENT killed it mid-run.
  const temporary = `${file}.${process.pid}.tmp`;
  const write = () => {
    const pending = [...inFlight.values()].map(({ key, sentAt }) => ({
      key,
      waitingMs: Date.now() - sentAt,
    }));
    writeFileSync(temporary, JSON.stringify({ counts, pending }));
    renameSync(temporary, file);
  };
  setInterval(write, 100).unref();
  process.on('exit', write);
}
