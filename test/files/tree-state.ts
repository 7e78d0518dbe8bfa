import { createHash } from 'crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'fs';
import { join, relative } from 'path';
import { SCRATCH_PREFIX } from '../../src/files/atomic-write';

/**
 * Every entry under `dir`, node_modules and hidden files included, as
 * `kind mode sha256` (a link: its target): equal states mean a byte-identical tree.
 */
export function treeState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder).sort()) {
      const full = join(folder, entry);
      const stat = lstatSync(full);
      const mode = (stat.mode % 0o10000).toString(8);
      const path = relative(dir, full);
      if (stat.isSymbolicLink()) {
        state[path] = `link -> ${readlinkSync(full)}`;
      } else if (stat.isDirectory()) {
        state[path] = `folder ${mode}`;
        walk(full);
      } else {
        state[path] = `file ${mode} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
      }
    }
  };
  walk(dir);
  return state;
}

/** Files a synth leaves behind from its own bookkeeping (parked originals, temporary files, its journal). */
export function scratchLeftovers(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const full = join(folder, entry);
      if (entry.startsWith(SCRATCH_PREFIX)) found.push(full);
      else if (lstatSync(full).isDirectory() && entry !== 'node_modules') walk(full);
    }
  };
  walk(dir);
  return found;
}

/** Every file's inode and modification time: equal identities mean the very same files, not rewritten copies. */
export function fileIdentities(dir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(treeState(dir))
      .filter(([, state]) => state.startsWith('file '))
      .map(([path]) => [path, `${lstatSync(join(dir, path)).ino} ${lstatSync(join(dir, path)).mtimeMs}`]),
  );
}
