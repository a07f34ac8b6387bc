// Parses a `devices:` entry ("/dev/fuse", "/dev/nvidia0:/dev/nvidia0:rwm") into "host:container:permissions".
import { controlCharIn } from './check-text.js';
import { fail, ok, type Parsed } from './parse-result.js';

const PERMISSIONS = /^[rwm]{1,3}$/;

export function parseDevice(text: string): Parsed<string> {
  const parts = text.split(':');
  const hint = 'write "/dev/HOST[:/dev/CONTAINER][:rwm]"';
  const control = controlCharIn(text);
  if (control !== null) return fail(`device ${JSON.stringify(text)} contains ${control}`, hint);
  const [host = '', second, third] = parts;
  if (parts.length > 3 || !host.startsWith('/')) return fail(`"${text}" is not a device`, hint);
  let container = host;
  let permissions = 'rwm';
  if (parts.length === 2 && second !== undefined && PERMISSIONS.test(second)) permissions = second;
  else if (second !== undefined) container = second;
  if (third !== undefined) permissions = third;
  if (!container.startsWith('/')) return fail(`device "${text}": the container path must be absolute`, hint);
  if (!PERMISSIONS.test(permissions) || new Set(permissions).size !== permissions.length) {
    return fail(`device "${text}": permissions must be made of r, w and m`, hint);
  }
  return ok(`${host}:${container}:${permissions}`);
}
