// The GitHub Action's entry (action.yml `runs.main`): src/action/main.ts and
// everything it uses, dependencies included, as one committed file,
// action/dist/index.js, so that the runner installs and builds nothing
// (GitHub's template for TypeScript actions does the same). CI runs this and
// fails when the committed file differs (`git diff --exit-code action/dist`).
//
// What src/lazy.ts loads on first use through src/load.ts (a runtime
// require, from node_modules) is bundled here instead: the runner has none.
//
// recheck (the ReDoS checker, ~3.8 MB of compiled Scala) is its own file,
// action/dist/recheck.cjs, required only when a user's pattern needs it:
// in index.js, every thread of a run (the main one and the pool's two
// workers) parsed it at start-up, for nothing in almost every run.
import { build } from 'esbuild';
import { yargsOwnPackage } from './yargs-own-package.mjs';

// Every id src/lazy.ts loads (test/action.test.ts runs the bundle with no node_modules).
const LAZY = ['yaml', 'ajv/dist/2020.js', 'ajv-formats', 'ajv/dist/standalone', 'tinyglobby', 'picomatch', 'ignore', 'recheck', 'regjsparser'];
/** Ids bundled into a file of their own beside index.js, required from there on first use. */
const APART = { recheck: './recheck.cjs' };

const bundledLoad = {
  name: 'bundled-load',
  setup(b) {
    // src/lazy.ts's import of src/load.ts (not src/config/load.ts, also "./load.js" to its importers).
    b.onResolve({ filter: /^\.\/load\.js$/ }, (args) => (/[\\/]src[\\/]lazy\.ts$/.test(args.importer) ? { path: 'load', namespace: 'bundled-load' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'bundled-load' }, () => ({
      contents: `const bundled = {
${LAZY.map((id) => `  ${JSON.stringify(id)}: () => require(${JSON.stringify(APART[id] ?? id)}),`).join('\n')}
};
export function load(id) {
  return Object.prototype.hasOwnProperty.call(bundled, id) ? bundled[id]() : require(id);
}
`,
      resolveDir: process.cwd(),
      loader: 'js',
    }));
    // The files apart stay outside index.js: required at run time, beside it.
    b.onResolve({ filter: /^\.\/[\w-]+\.cjs$/ }, (args) => (Object.values(APART).includes(args.path) && args.namespace === 'bundled-load' ? { path: args.path, external: true } : undefined));
  },
};

await build({
  entryPoints: ['src/action/main.ts'],
  outfile: 'action/dist/index.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [bundledLoad, yargsOwnPackage],
  // CommonJS dependencies (ajv, ...) call require: give the ES module one.
  banner: { js: "import { createRequire as __planLintCreateRequire } from 'node:module'; const require = __planLintCreateRequire(import.meta.url);" },
});

for (const [id, file] of Object.entries(APART)) {
  await build({
    stdin: { contents: `module.exports = require(${JSON.stringify(id)});`, resolveDir: process.cwd(), loader: 'js' },
    outfile: `action/dist/${file.slice(2)}`,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    legalComments: 'eof',
    logLevel: 'warning',
    // recheck's worker backend (require.resolve of its own worker file) is never used: src/regex-safety.ts runs the pure one.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
}
