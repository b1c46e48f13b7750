import { runCli } from './config-cli';

process.exitCode = runCli(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
