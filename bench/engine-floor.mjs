// The engine floor for "create from nothing": the least any tool can do on this engine — every named volume, every
// container create and start, all at once, straight on the Engine API (no plan, no checks, no output). Its time is
// what the engine itself needs; a tool's create time can only approach it. Usage: node engine-floor.mjs requests.json
import { readFileSync } from 'node:fs';
import http from 'node:http';

const socketPath = (process.env.DOCKER_HOST ?? '').startsWith('unix://') ? process.env.DOCKER_HOST.slice(7) : '/var/run/docker.sock';
const agent = new http.Agent({ keepAlive: true });

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers = data === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) };
    const req = http.request({ socketPath, method, path, agent, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        if (res.statusCode >= 300 && res.statusCode !== 304) reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
        else resolve(text === '' ? null : JSON.parse(text));
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

const { label, requests } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
await Promise.all(
  requests.map(async ({ name, volume, body }) => {
    await call('POST', '/volumes/create', { Name: volume, Labels: { [label[0]]: label[1] } });
    const { Id } = await call('POST', `/containers/create?name=${encodeURIComponent(name)}`, body);
    await call('POST', `/containers/${Id}/start`);
  }),
);
process.stdout.write(`created and started ${requests.length} containers\n`);
