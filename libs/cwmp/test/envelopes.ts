/** Builds small envelopes for tests: `body` goes inside SOAP-ENV:Body, cwmp-1-0 by default. */
export function envelope(body: string, options: { header?: string; cwmp?: string } = {}): string {
  const ns = options.cwmp ?? 'urn:dslforum-org:cwmp-1-0';
  return (
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    `xmlns:cwmp="${ns}">` +
    (options.header === undefined ? '' : `<SOAP-ENV:Header>${options.header}</SOAP-ENV:Header>`) +
    `<SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

/** The classic billion laughs: ten levels of ten-fold entity expansion. */
export const BILLION_LAUGHS =
  '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n' +
  Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">\n`,
  ).join('') +
  ']>\n' +
  envelope('<cwmp:Reboot><CommandKey>&lol9;</CommandKey></cwmp:Reboot>');

/** XXE: an external entity that would read a local file. */
export const EXTERNAL_ENTITY =
  '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' +
  envelope('<cwmp:Reboot><CommandKey>&xxe;</CommandKey></cwmp:Reboot>');
