// Generates the spec validator's JavaScript at build time with ajv's standalone mode (from the tsc output in dist/),
// as an ES module exporting compileValidator — the drop-in the CLI bundle uses for src/spec/compile-validator.ts.
import standaloneCode from 'ajv/dist/standalone/index.js';

/** Source text of the replacement module; `distDir` is the tsc output folder (a file URL or path ending in /). */
export async function standaloneValidatorSource(distDir) {
  const { makeAjv } = await import(new URL('spec/compile-validator.js', distDir).href);
  const { buildJsonSchema } = await import(new URL('spec/write-schema.js', distDir).href);
  // code.source: the schema objects that verbose errors point at are written into the code too.
  const ajv = makeAjv({ code: { source: true, esm: true, optimize: true } });
  const validate = ajv.compile(buildJsonSchema());
  const code = standaloneCode.default(ajv, validate);
  return `${code}\nexport function compileValidator() { return validate; }\n`;
}
