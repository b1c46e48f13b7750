/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS require hook, loaded by `node -r` before any TypeScript can run */
// Lets a forked Node process run the repo's TypeScript as jest does: .ts compiled by SWC on
// require (jest.swc.js options), @meridian/<lib> resolved to libs/<lib>/src. Test use only.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const swcOptions = require(path.join(root, 'jest.swc.js'));

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const mapped = request.startsWith('@meridian/')
    ? path.join(root, 'libs', request.slice('@meridian/'.length), 'src')
    : request;
  return resolveFilename.call(this, mapped, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcOptions, filename });
  module._compile(code, filename);
};
