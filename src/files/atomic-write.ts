import { randomBytes } from 'crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'fs';
import { basename, dirname, join } from 'path';

/** Prefix of every name a synth uses for its own bookkeeping (temporary and parked files). */
export const SCRATCH_PREFIX = '.devstack-';

/** A fresh hidden name in `path`'s folder, short whatever `path`'s own name is. */
export function scratchPath(path: string, tag: string): string {
  return join(dirname(path), `${SCRATCH_PREFIX}${randomBytes(4).toString('hex')}-${tag}`);
}

/** True for a name `scratchPath` made with a tag that ends in `tagEnd` (`parked`, `.tmp`). */
export function isScratchName(name: string, tagEnd: string): boolean {
  return name.startsWith(SCRATCH_PREFIX) && /^[0-9a-f]{8}-/.test(name.slice(SCRATCH_PREFIX.length)) && name.endsWith(tagEnd);
}

/**
 * Writes `text` to `path` so that `path` holds the old content or the new one, never a
 * part: a temporary file in the same folder, flushed, then renamed over `path`. The
 * temporary file is created exclusively and the rename replaces the name itself, so
 * nothing is written through a link at `path`.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temp = scratchPath(path, `${basename(path).slice(0, 16)}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o666);
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
