// The client of gateway-presend.ts, in its own process so its work does not land between the
// gateway's marks: sends the requests it is asked for, one at a time, and says when done.
import * as http from 'node:http';

const TOKEN = 'sb-gw-bench-token-0123456789';
const BODY = JSON.stringify({ model: 'openai:m', messages: [{ role: 'user', content: 'go' }], stream: true });
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/v1/chat/completions`, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) },
    });
    req.on('response', (res) => res.on('data', () => undefined).on('end', resolve));
    req.on('error', reject);
    req.end(BODY);
  });
}

process.on('message', (m: { url: string; n: number }) => {
  void (async () => {
    for (let i = 0; i < m.n; i++) await post(m.url);
    process.send?.('done');
  })();
});
process.on('disconnect', () => process.exit(0));
