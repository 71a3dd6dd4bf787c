// Ids of the answers the gateway makes up (`chatcmpl-…`, `msg_…`, `resp_…`). They must be unique,
// not secret: a random prefix drawn once per process and a counter give 24 hex digits, the length
// the vendors use, without a call into the random source for every answer and item.
import { randomBytes } from 'node:crypto';

const PREFIX = randomBytes(6).toString('hex');
let counter = 0;

/** A fresh id: `start` (the vendor's prefix, separator included) and 24 hex digits. */
export function newId(start: string): string {
  counter = (counter + 1) % 0x1000000000000;
  return `${start}${PREFIX}${counter.toString(16).padStart(12, '0')}`;
}
