// Where an environment's image comes from: `pull_policy` and `build:` (context, dockerfile, args, target, max_context).
import { resolve } from 'node:path';
import { sortedRecord } from '../base/sorted-record.js';
import type { Located } from '../fields/field.js';
import { parseSize } from '../fields/values/parse-size.js';
import { DEFAULT_IMAGE_SOURCE, DEFAULT_MAX_CONTEXT_BYTES, type ImageSource, type PullPolicy } from './image-source.js';
import { isObj, type SpecValues } from './spec-values.js';

export interface ImageSourceContext {
  values: SpecValues;
  specDir: string;
  homeDir: string;
  vars: Record<string, string | undefined>;
}

export function normalizeImageSource(buildField: Located<unknown> | undefined, policyField: Located<unknown> | undefined, ctx: ImageSourceContext): ImageSource {
  const { values } = ctx;
  const written = policyField ? (String(policyField.value) as PullPolicy) : undefined;
  if (!buildField) {
    if (written === 'build' && policyField) {
      values.issue(policyField.path, '`pull_policy: build` needs a `build:` section saying what to build', 'add `build: ./folder` or pick missing | always | never');
    }
    return written === undefined || written === 'build' ? { ...DEFAULT_IMAGE_SOURCE } : { pullPolicy: written, build: null };
  }
  if (written !== undefined && written !== 'build' && policyField) {
    values.issue(policyField.path, `\`pull_policy: ${written}\` does not go with \`build:\`: envctl builds this image`, 'remove pull_policy (or write `pull_policy: build`)');
  }
  const raw = buildField.value;
  const obj: Record<string, unknown> = typeof raw === 'string' ? { context: raw } : isObj(raw) ? raw : {};
  const contextText = typeof obj.context === 'string' && obj.context.trim() !== '' ? obj.context : '.';
  const context = resolve(ctx.specDir, contextText.startsWith('~/') ? `${ctx.homeDir}/${contextText.slice(2)}` : contextText);
  const dockerfile = typeof obj.dockerfile === 'string' && obj.dockerfile.trim() !== '' ? obj.dockerfile : 'Dockerfile';
  const args: Record<string, string> = {};
  if (obj.args !== undefined && typeof raw === 'object') {
    for (const entry of values.keyValues({ value: obj.args, path: [...buildField.path, 'args'] })) {
      // A bare name takes its value from the environment, as `docker build --build-arg NAME` does; unset = left out.
      const value = entry.value ?? ctx.vars[entry.key];
      if (value !== undefined) args[entry.key] = value;
    }
  }
  const target = typeof obj.target === 'string' && obj.target.trim() !== '' ? obj.target : null;
  const maxContext = obj.max_context === undefined ? undefined : { value: obj.max_context, path: [...buildField.path, 'max_context'] };
  const maxContextBytes = (maxContext && values.report(maxContext.path, parseSize(maxContext.value as string | number))) ?? DEFAULT_MAX_CONTEXT_BYTES;
  if (maxContext && maxContextBytes === 0) values.issue(maxContext.path, '`max_context` must be more than 0', 'e.g. max_context: 8g');
  return { pullPolicy: 'build', build: { context, dockerfile, args: sortedRecord(args), target, maxContextBytes } };
}
