import { accessSync, constants, Stats } from 'fs';
import { dirname, join } from 'path';
import { landingPath, lstatOrUndefined, shown, SynthPlan } from './synth-plan';

/**
 * What stops the synth from replacing or deleting the files that are there: each file
 * is moved aside in its own folder before it is rewritten (so a failure can be undone),
 * and a file that is no longer generated is deleted, so every such folder must be
 * writable and the files themselves not immutable. Phrases with their fix; empty when none.
 */
export function changeProblems(plan: SynthPlan, uid = process.getuid?.()): string[] {
  const { root } = plan;
  const problems: string[] = [];
  const folders = new Map<string, { replaced: string[]; deleted: string[] }>();
  const locked: string[] = [];
  const note = (path: string, stat: Stats, kind: 'replaced' | 'deleted') => {
    const folder = dirname(path);
    if (!changeable(folder, uid)) {
      const entry = folders.get(folder) ?? { replaced: [], deleted: [] };
      entry[kind].push(shown(root, path));
      folders.set(folder, entry);
    } else if (!stat.isDirectory() && !changeable(path, uid, stat)) {
      locked.push(shown(root, path));
    }
  };
  for (const { path } of plan.writes) {
    const landing = landingPath(root, path);
    const stat = lstatOrUndefined(landing);
    if (!stat) continue;
    if (stat.isDirectory()) {
      problems.push(`${shown(root, landing)} is a folder where the synth writes a file: move the folder away`);
      continue;
    }
    note(landing, stat, 'replaced');
  }
  for (const path of plan.deletes) {
    const full = join(root, path);
    const stat = lstatOrUndefined(full);
    if (stat) note(full, stat, 'deleted');
  }
  for (const [folder, { replaced, deleted }] of folders) {
    const actions = [...(replaced.length ? [`replace ${listed(replaced)}`] : []), ...(deleted.length ? [`delete ${listed(deleted)}`] : [])];
    const name = `${shown(root, folder)}/`;
    problems.push(
      `${name} cannot be changed by this user (uid ${uid}), and the synth must ${actions.join(' and ')} there${deleted.length ? ' (no longer generated)' : ''}: ` +
        `make ${name} writable (chmod u+w, chattr -i, or mount it read-write)`,
    );
  }
  if (locked.length) {
    problems.push(`${listed(locked)} cannot be replaced or deleted (immutable, or on a read-only mount): make ${locked.length === 1 ? 'it' : 'them'} changeable again (chattr -i)`);
  }
  return problems;
}

/**
 * A folder this user can add and remove names in; or a file it can remove or replace,
 * which fails only when it is immutable or on a read-only mount. For root, and for a
 * file whose owner may write it, a refused write test means exactly that; a merely
 * read-only file of another user can still be renamed.
 */
function changeable(path: string, uid: number | undefined, stat?: Stats): boolean {
  try {
    accessSync(path, constants.W_OK);
    if (!stat) accessSync(path, constants.X_OK);
    return true;
  } catch {
    if (!stat) return false;
    return !(uid === 0 || (stat.uid === uid && ownerMayWrite(stat)));
  }
}

function ownerMayWrite(stat: Stats): boolean {
  return Math.floor(stat.mode / 0o200) % 2 === 1;
}

function listed(paths: readonly string[]): string {
  return paths.length === 1 ? paths[0] : `${paths[0]} and ${paths.length - 1} more`;
}
