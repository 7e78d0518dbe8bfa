import { createHash } from 'crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'fs';
import { join, relative } from 'path';

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
