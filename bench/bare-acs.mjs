// The machine's ceiling for an Inform-only CWMP session: a bare node:http server that answers
// the same two requests as the ACS (Inform → InformResponse with a session cookie; empty POST →
// 204) with canned bodies, doing no parsing, no session state and no I/O beyond the socket.
// Usage: node bench/bare-acs.mjs PORT [CERT KEY]   (prints "listening PORT" when ready)
//   CERT KEY: PEM files; it then answers over TLS (node:https), as an ACS does in production.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const informResponse = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">' +
    '<soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">1</cwmp:ID></soap-env:Header>' +
    '<soap-env:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap-env:Body>' +
    '</soap-env:Envelope>',
);

let sessions = 0;
const [, , portArg, certFile, keyFile] = process.argv;
const handler = (req, res) => {
  let length = 0;
  req.on('data', (chunk) => (length += chunk.length));
  req.on('end', () => {
    if (length > 0) {
      res.writeHead(200, {
        'Content-Type': 'text/xml; charset="utf-8"',
        'Content-Length': informResponse.length,
        'Set-Cookie': `session=${++sessions}; Path=/; HttpOnly`,
      });
      res.end(informResponse);
    } else {
      res.writeHead(204);
      res.end();
    }
  });
};
const server = certFile
  ? https.createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, handler)
  : http.createServer(handler);
server.keepAliveTimeout = 30_000;
server.listen(Number(portArg ?? 0), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
