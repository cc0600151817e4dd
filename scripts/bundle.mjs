// Build step: bundle the CLI into one file (dist/bin.js) so that start-up
// loads one module instead of hundreds. The library (dist/index.js) stays unbundled.
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: ['src/bin.ts'],
  outfile: 'dist/bin.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  // CommonJS dependencies (ajv) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __planLintRequire } from 'node:module'; const require = __planLintRequire(import.meta.url);" },
  logLevel: 'warning',
});
chmodSync('dist/bin.js', 0o755);
