// the module object itself (not an import namespace of getters), as in ./temp-folder-guard.ts
import fs from 'fs';
import { dirname, join, resolve } from 'path';

/** What ./temp-folder-guard.ts keeps on Node's fs object: the folders the test file owns, and the unpatched functions. */
export interface GuardState {
  readonly owned: Set<string>;
  readonly real: { mkdtempSync: typeof fs.mkdtempSync; rmSync: typeof fs.rmSync; rmdirSync: typeof fs.rmdirSync; unlinkSync: typeof fs.unlinkSync };
}

export const STATE = Symbol.for('py-streamlit-devstack.temp-folder-guard');
export type Holder = { [STATE]?: GuardState };

/** The real path of `path`, resolving links on the part that exists (the rest may not exist yet). */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  let existing = absolute;
  const rest: string[] = [];
  while (!fs.existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(existing.slice(dirname(existing).length).replace(/^[\\/]/, ''));
    existing = dirname(existing);
  }
  return join(fs.realpathSync(existing), ...rest);
}

/**
 * Host paths that a test's own daemons are about to create (the kubelet's /var/log/containers,
 * a cgroup): each one that does not exist now becomes the test file's to delete, like a folder
 * it made with mkdtemp. Returns those it claimed; one that exists already is never claimed.
 * Outside jest (no guard installed) it only reports which are absent.
 */
export function claimAbsentPaths(paths: readonly string[]): string[] {
  const absent = paths.filter((path) => !fs.existsSync(path));
  const state = (fs as unknown as Holder)[STATE];
  for (const path of absent) state?.owned.add(realPathOf(path));
  return absent;
}
