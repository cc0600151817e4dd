// An esbuild plugin for every bundle that holds yargs (the CLI, the Action).
//
// yargs guesses the program's version when it is created, from the nearest
// package.json above `mainFilename`: the folder above the first `node_modules`
// in its own path, and, bundled (no `node_modules` in the path), the working
// directory. That is the repository being linted: its package.json was read
// whole on every run, so a committed link package.json -> /dev/zero made any
// run (and the Action) read gigabytes and hang. plan-lint passes its version
// itself; this points yargs at the bundle's own folder, so that the file it
// finds is plan-lint's package.json, never the repository's.
import { readFile } from 'node:fs/promises';

const FROM = "const mainFilename = __dirname.substring(0, __dirname.lastIndexOf('node_modules'));";
const TO = 'const mainFilename = __dirname;';

export const yargsOwnPackage = {
  name: 'yargs-own-package',
  setup(b) {
    b.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      // A yargs that computes it otherwise must be looked at again, not bundled as it is.
      if (!text.includes(FROM)) return { errors: [{ text: `yargs-own-package: ${args.path} no longer holds the line this plugin replaces` }] };
      return { contents: text.replace(FROM, TO), loader: 'js' };
    });
  },
};
