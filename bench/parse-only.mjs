// The floor of this design: a bare unified + remark-parse + remark-gfm parse of the same files.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

const p = unified().use(remarkParse).use(remarkGfm);
const args = process.argv.slice(2);
const files = args.flatMap((a) => (statSync(a).isDirectory() ? readdirSync(a).filter((f) => f.endsWith('.md')).map((f) => join(a, f)) : [a]));
let nodes = 0;
for (const f of files) nodes += p.parse(readFileSync(f, 'utf8')).children.length;
console.log(files.length, nodes);
