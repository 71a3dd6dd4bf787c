// Time marks for the gateway timeline, from diagnostics channels and two response methods, so
// no source file carries tracing code. Every process on the machine reads the same monotonic
// clock (`process.hrtime`), so marks of the client, the proxy and the simulator line up.
import * as dc from 'node:diagnostics_channel';
import * as http from 'node:http';

/** A mark: its name and the time in milliseconds on the shared monotonic clock. */
export type Mark = [string, number];

export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Starts recording this process's marks, each name prefixed with `role`. */
export function recordMarks(role: string): Mark[] {
  const marks: Mark[] = [];
  const mark = (name: string) => () => void marks.push([`${role}.${name}`, now()]);
  // The server side: a request's headers parsed; undici: the upstream call as it goes and returns.
  dc.subscribe('http.server.request.start', mark('request'));
  dc.subscribe('undici:request:create', mark('upstream call'));
  dc.subscribe('undici:client:sendHeaders', mark('upstream write'));
  dc.subscribe('undici:request:headers', mark('upstream headers'));
  dc.subscribe('undici:request:bodyChunkReceived', mark('upstream first bytes'));
  dc.subscribe('undici:client:connected', mark('NEW CONNECTION'));
  const proto = http.ServerResponse.prototype;
  const writeHead = proto.writeHead;
  const write = proto.write;
  proto.writeHead = function (this: http.ServerResponse, ...a: Parameters<typeof writeHead>) {
    marks.push([`${role}.writeHead`, now()]);
    return writeHead.apply(this, a);
  } as typeof writeHead;
  proto.write = function (this: http.ServerResponse, ...a: Parameters<typeof write>) {
    marks.push([`${role}.write`, now()]);
    return write.apply(this, a);
  } as typeof write;
  return marks;
}
