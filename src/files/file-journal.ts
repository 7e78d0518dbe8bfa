import { chownSync, constants, copyFileSync, lstatSync, readFileSync, renameSync, rmdirSync, rmSync } from 'fs';
import { dirname } from 'path';
import { scratchPath } from './atomic-write';
import { lstatOrUndefined, shown } from './synth-plan';

interface Parked {
  readonly target: string;
  readonly parked: string;
  /** A copy stands in at `target` (a file that is rewritten); none for a file that is deleted. */
  readonly copied: boolean;
}

/**
 * What a synth changes, kept so that it can be undone with renames alone (which need no
 * disk space): every file that is there is moved aside in its own folder first, and
 * either a fresh copy takes its place, which projen then rewrites (projen writes in
 * place, so the original, and any hard link to it from elsewhere, is never written),
 * or nothing does (a file projen deletes). Files and folders that did not exist are noted.
 */
export class FileJournal {
  private readonly parked: Parked[] = [];
  private readonly created = new Set<string>();
  private readonly createdFolders = new Set<string>();

  /** @param root the project's real path, for messages */
  constructor(private readonly root: string) {}

  /** Moves the file at `target` aside; with `copy`, a fresh copy (same content, mode and owner) takes its place. */
  park(target: string, copy: boolean): void {
    const parked = scratchPath(target, 'parked');
    renameSync(target, parked);
    this.parked.push({ target, parked, copied: copy });
    if (!copy) return;
    try {
      copyFileSync(parked, target, constants.COPYFILE_EXCL);
      const original = lstatSync(parked);
      if (process.getuid?.() === 0 && lstatSync(target).uid !== original.uid) chownSync(target, original.uid, original.gid);
    } catch (error) {
      // the message names the file, not its parked name
      (error as NodeJS.ErrnoException).path = target;
      throw error;
    }
  }

  /** Notes that `target` does not exist, nor the folders up to the first one that does. */
  expectNew(target: string): void {
    this.created.add(target);
    for (let folder = dirname(target); !lstatOrUndefined(folder) && dirname(folder) !== folder; folder = dirname(folder)) {
      this.createdFolders.add(folder);
    }
  }

  /** Puts everything back as it was; returns what could not be, each path with where its previous version is. */
  rollback(): string[] {
    const failed: string[] = [];
    for (const path of this.created) {
      try {
        rmSync(path, { force: true, recursive: true });
      } catch {
        failed.push(`${this.shown(path)} (new, not removed)`);
      }
    }
    for (const { target, parked } of [...this.parked].reverse()) {
      try {
        if (lstatOrUndefined(target)?.isDirectory()) rmSync(target, { recursive: true });
        renameSync(parked, target);
      } catch {
        failed.push(`${this.shown(target)} (its previous version is ${this.shown(parked)})`);
      }
    }
    for (const folder of [...this.createdFolders].sort((a, b) => b.length - a.length)) {
      try {
        rmdirSync(folder);
      } catch {
        // not empty (or gone): something else put files there, they stay
      }
    }
    return failed;
  }

  /**
   * Keeps the synth's result and drops the parked originals, except that a file the
   * synth left exactly as it was gets its original back (same inode, same times), so a
   * synth that changes nothing changes nothing. Returns the parked files it could not remove.
   */
  commit(): string[] {
    const left: string[] = [];
    for (const { target, parked, copied } of this.parked) {
      try {
        if (copied && sameFile(parked, target)) renameSync(parked, target);
        else rmSync(parked, { force: true, recursive: true });
      } catch {
        left.push(parked);
      }
    }
    return left;
  }

  private shown(path: string): string {
    return shown(this.root, path);
  }
}

function sameFile(a: string, b: string): boolean {
  const [statA, statB] = [lstatOrUndefined(a), lstatOrUndefined(b)];
  if (!statA?.isFile() || !statB?.isFile()) return false;
  if (statA.size !== statB.size || statA.mode !== statB.mode) return false;
  return readFileSync(a).equals(readFileSync(b));
}

