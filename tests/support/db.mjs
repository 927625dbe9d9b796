// Reads and moves data in a test server's SQLite file directly, as the sqlite3 shell. The server
// may be writing at that moment (a notification, the audit chain), so the shell waits for its lock
// instead of failing at once with "database is locked" on a busy machine.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const sqlite = (dir, query) =>
  execFileSync('sqlite3', ['-cmd', '.timeout 30000', join(dir, 'musubi.db'), query], { encoding: 'utf8' }).trim();
