// Type-level checks (expectTypeOf) do nothing when vitest runs them: tsc enforces them in `npm run check`. So every
// file under test/ must be in the program that check compiles, with checking on, and CI must run the check.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function testProgram(): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.test.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('tsconfig.test.json could not be read');
  return parsed;
}

describe('the tests are type-checked', () => {
  test('tsconfig.test.json takes in every TypeScript file under test/ (none is excluded)', () => {
    const checked = new Set(testProgram().fileNames.map((f) => resolve(f)));
    const testFiles = filesUnder(join(ROOT, 'test')).filter((f) => /\.[cm]?tsx?$/.test(f));
    expect(testFiles.length).toBeGreaterThan(100);
    expect(testFiles.filter((f) => !checked.has(resolve(f))).map((f) => f.slice(ROOT.length))).toEqual([]);
  });

  test('vitest runs only TypeScript test files, so none escapes the type check', () => {
    expect(readFileSync(join(ROOT, 'vitest.config.ts'), 'utf8')).toContain("include: ['test/**/*.test.ts']");
    expect(filesUnder(join(ROOT, 'test')).filter((f) => /\.[cm]?jsx?$/.test(f))).toEqual([]);
  });

  test('with checking on: strict, and no file opts out', () => {
    const { options } = testProgram();
    expect(options.strict).toBe(true);
    expect(options.noCheck).toBeFalsy();
    const optedOut = filesUnder(join(ROOT, 'test')).filter((f) => /\.[cm]?tsx?$/.test(f) && /^\s*\/\/\s*@ts-nocheck/m.test(readFileSync(f, 'utf8')));
    expect(optedOut.map((f) => f.slice(ROOT.length))).toEqual([]);
  });

  test('CI runs the check: .ci/run → npm test → scripts/test.sh → npm run check → tsc -p tsconfig.test.json', () => {
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm test$/m);
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test).toBe('bash scripts/test.sh');
    expect(readFileSync(join(ROOT, 'scripts', 'test.sh'), 'utf8')).toMatch(/^npm run check$/m);
    expect(scripts.check).toMatch(/^tsc -p tsconfig\.test\.json --noEmit && /);
  });
});
