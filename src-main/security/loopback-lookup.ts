/**
 * The site binding allows plain http only to literal loopback, and `localhost` is one of those
 * (install-options.ts). For that to hold, `localhost` must reach loopback without asking a
 * resolver, which a hosts file or a DNS server could point elsewhere (RFC 6761 §6.3). Chromium
 * (`net.fetch`) already answers it itself; this `lookup` does the same for the main process's Node
 * clients (the event socket, the update download). Every other name goes to the system resolver.
 */
import dns from 'node:dns';
import { type LookupFunction } from 'node:net';

const LOOPBACK: readonly dns.LookupAddress[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

export const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname.toLowerCase() !== 'localhost') {
    dns.lookup(hostname, options, callback);
    return;
  }
  const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
  const answers = LOOPBACK.filter((a) => !family || a.family === family);
  if (options.all) callback(null, [...answers]);
  else callback(null, answers[0]!.address, answers[0]!.family);
};
