// The front end's paths to the server live in web/src/api/ alone (the typed client): any other
// file under web/src that names "/api/v1/" fails this check, with its file and line. Run by
// `npm run typecheck`, so by scripts/test's style step and scripts/lint.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = join(ROOT, 'web/src');
const CLIENT = join(SOURCES, 'api');
const NEEDLE = '/api/v1/';

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== CLIENT) yield* files(path);
    } else {
      yield path;
    }
  }
}

const found = [];
for (const path of files(SOURCES)) {
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.includes(NEEDLE)) found.push(`${relative(ROOT, path)}:${i + 1}: ${line.trim()}`);
    });
}
if (found.length > 0) {
  console.error(`"${NEEDLE}" outside web/src/api/ — call the typed client (api.boards.createPost …) instead:`);
  for (const f of found) console.error('  ' + f);
  process.exit(1);
}
