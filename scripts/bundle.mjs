// Build step: bundle the CLI into one file (dist/bin.js) so that start-up
// loads one module instead of hundreds. The library (dist/index.js) stays unbundled.
// Dependencies that a plain lint does not need (src/lazy.ts: yaml, ajv,
// tinyglobby, picomatch) are required from node_modules on first use, and the
// precompiled validators (dist/validators/) are loaded on demand.
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

// yargs, cliui and wrap-ansi import string-width, whose module body builds an
// Intl.Segmenter and Unicode property regexps (\p{RGI_Emoji}) when it is
// evaluated: ~12 ms of every start-up, although only help and usage text
// ever measure a string. This plugin hands each importer a stand-in that
// requires the real module (bundled as a lazily initialised one) on first call.
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `let real;
export default function stringWidth(string, options) {
  real ??= require(${JSON.stringify(args.path)}).default;
  return real(string, options);
}
`,
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

await build({
  // The CLI, and the lint pool's worker (no CLI in it: it starts lighter).
  entryPoints: { bin: 'src/bin.ts', worker: 'src/worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  plugins: [lazyStringWidth],
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __planLintRequire } from 'node:module'; const require = __planLintRequire(import.meta.url);" },
  logLevel: 'warning',
});
chmodSync('dist/bin.js', 0o755);

// yaml and ajv (with ajv-formats and the standalone generator: one copy of
// ajv) as one CommonJS file each, required on first use by src/lazy.ts.
for (const [name, contents] of [
  ['yaml', "module.exports = require('yaml');"],
  ['ajv', "module.exports = { Ajv2020: require('ajv/dist/2020.js'), formats: require('ajv-formats'), standalone: require('ajv/dist/standalone') };"],
]) {
  await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    outfile: `dist/vendor/${name}.cjs`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
  });
}
