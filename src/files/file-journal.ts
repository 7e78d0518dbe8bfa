import { chownSync, constants, copyFileSync, lstatSync, readFileSync, renameSync, rmdirSync, rmSync } from 'fs';
import { dirname, join, relative } from 'path';
import { scratchPath } from './atomic-write';
import { lstatOrUndefined, shown } from './synth-plan';

export interface ParkedFile {
  readonly target: string;
  readonly parked: string;
  /** A copy stands in at `target` (a file that is rewritten); none for a file that is deleted. */
  readonly copied: boolean;
}

/** Everything a journal will change, paths relative to the project: what is on disk before the first change. */
export interface JournalEntries {
  readonly parked: readonly ParkedFile[];
  readonly created: readonly string[];
  readonly createdFolders: readonly string[];
}

/**
 * What a synth changes, kept so that it can be undone with renames alone (which need no
 * disk space): every file that is there is moved aside in its own folder first, and
 * either a fresh copy takes its place, which projen then rewrites (projen writes in
 * place, so the original, and any hard link to it from elsewhere, is never written),
 * or nothing does (a file projen deletes). Files and folders that did not exist are noted.
 * Everything is noted (parked names included) before `moveAside` changes anything, so
 * the entries can be saved first, and undone from there by a later process.
 */
export class FileJournal {
  /** A journal read back from its entries, for the project at `root`. */
  static fromEntries(root: string, entries: JournalEntries): FileJournal {
    const journal = new FileJournal(root);
    const full = (path: string) => join(root, path);
    journal.parked.push(...entries.parked.map(({ target, parked, copied }) => ({ target: full(target), parked: full(parked), copied })));
    entries.created.forEach((path) => journal.created.add(full(path)));
    entries.createdFolders.forEach((path) => journal.createdFolders.add(full(path)));
    return journal;
  }

  private readonly parked: ParkedFile[] = [];
  private readonly created = new Set<string>();
  private readonly createdFolders = new Set<string>();

  /** @param root the project's real path */
  constructor(readonly root: string) {}

  /** Notes that the file at `target` is to be moved aside; with `copy`, a fresh copy (same content, mode and owner) takes its place. */
  park(target: string, copy: boolean): void {
    this.parked.push({ target, parked: scratchPath(target, 'parked'), copied: copy });
  }

  /** Notes that `target` does not exist, nor the folders up to the first one that does. */
  expectNew(target: string): void {
    this.created.add(target);
    for (let folder = dirname(target); !lstatOrUndefined(folder) && dirname(folder) !== folder; folder = dirname(folder)) {
      this.createdFolders.add(folder);
    }
  }

  entries(): JournalEntries {
    const relativePath = (path: string) => relative(this.root, path);
    return {
      parked: this.parked.map(({ target, parked, copied }) => ({ target: relativePath(target), parked: relativePath(parked), copied })),
      created: [...this.created].map(relativePath),
      createdFolders: [...this.createdFolders].map(relativePath),
    };
  }

  /** Moves every noted file aside (and puts its copy in place). */
  moveAside(): void {
    for (const { target, parked, copied } of this.parked) {
      renameSync(target, parked);
      if (!copied) continue;
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
  }

  /** What a rollback would change (project-relative): files that differ from their parked original, and new files. */
  changed(): string[] {
    const differing = this.parked.filter(({ target, parked }) => lstatOrUndefined(parked) && !sameFile(parked, target)).map(({ target }) => target);
    const created = [...this.created].filter((path) => lstatOrUndefined(path));
    return [...differing, ...created].map((path) => this.shown(path));
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
      // not moved aside yet (the failure came first), or put back already (by an earlier rollback)
      if (!lstatOrUndefined(parked)) continue;
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
