import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync } from 'fs';
import { hostname } from 'os';
import { basename, dirname, isAbsolute, join, normalize, sep } from 'path';
import { isScratchName, SCRATCH_PREFIX, writeFileAtomic } from './atomic-write';
import { JournalEntries, ParkedFile } from './file-journal';
import { DevstackError } from '../errors';

/**
 * The journal of the synth that is writing, in the project's root: the one folder that
 * is there before every synth and that no synth creates, parks or removes (`.projen/`
 * is not there before the first one). Its prefix marks it as the synth's own, like the
 * parked and temporary files.
 */
export const JOURNAL_FILE = `${SCRATCH_PREFIX}synth-journal.json`;
/** The journal once its synth has written everything: an interruption from then on keeps the new files. */
export const COMMITTING_JOURNAL_FILE = `${SCRATCH_PREFIX}synth-journal.committing.json`;

export interface JournalRecord extends JournalEntries {
  readonly version: 1;
  readonly pid: number;
  readonly host: string;
  /** The kernel's boot id (Linux): after a reboot no process from before it is running. */
  readonly boot: string;
}

/** A journal an earlier synth left. */
export interface FoundJournal {
  readonly record: JournalRecord;
  /** It had written everything and was dropping the parked originals. */
  readonly committing: boolean;
}

/** Saves the journal of a synth about to change the project at `root`, flushed to the disk with its folder. */
export function saveJournal(root: string, entries: JournalEntries): void {
  const record: JournalRecord = { version: 1, pid: process.pid, host: hostname(), boot: bootId(), ...entries };
  try {
    writeFileAtomic(join(root, JOURNAL_FILE), `${JSON.stringify(record)}\n`);
  } catch (error) {
    // the message names the journal, not its temporary file
    (error as NodeJS.ErrnoException).path = join(root, JOURNAL_FILE);
    throw error;
  }
  syncFolder(root);
}

/** Notes that the journal's synth wrote everything (a rename: it needs no disk space). */
export function markCommitting(root: string): void {
  renameSync(join(root, JOURNAL_FILE), join(root, COMMITTING_JOURNAL_FILE));
  syncFolder(root);
}

export function removeJournal(root: string): void {
  for (const name of [JOURNAL_FILE, COMMITTING_JOURNAL_FILE]) rmSync(join(root, name), { force: true });
}

/** The journal an earlier synth of the project at `root` left, if any. */
export function findJournal(root: string): FoundJournal | undefined {
  for (const [name, committing] of [[COMMITTING_JOURNAL_FILE, true], [JOURNAL_FILE, false]] as const) {
    let text: string;
    try {
      text = readFileSync(join(root, name), 'utf-8');
    } catch {
      continue;
    }
    const record = parsed(text);
    if (!record) {
      throw new DevstackError(
        `npx projen changed nothing, because ${name}, left by an earlier npx projen that was stopped midway, is not a journal this version reads: ` +
          'put back the files it lists yourself, delete it, and run npx projen again.',
      );
    }
    return { record, committing };
  }
  return undefined;
}

/** The kernel's boot id, or '' where there is none. */
export function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf-8').trim();
  } catch {
    return '';
  }
}

// paths from the file are used to rename and delete: only ones inside the project, parked names only as the synth makes them
function parsed(text: string): JournalRecord | undefined {
  let record: Partial<JournalRecord> | undefined;
  try {
    record = JSON.parse(text);
  } catch {
    return undefined;
  }
  const inside = (path: unknown): path is string =>
    typeof path === 'string' && path !== '' && !isAbsolute(path) && normalize(path) === path && path.split(sep)[0] !== '..';
  const parkedOk = (entry: unknown) => {
    const { target, parked, copied } = (entry ?? {}) as Partial<ParkedFile>;
    return inside(target) && inside(parked) && dirname(parked) === dirname(target) && isScratchName(basename(parked), '-parked') && typeof copied === 'boolean';
  };
  const valid =
    record?.version === 1 &&
    Number.isInteger(record.pid) &&
    typeof record.host === 'string' &&
    typeof record.boot === 'string' &&
    Array.isArray(record.parked) &&
    record.parked.every(parkedOk) &&
    [record.created, record.createdFolders].every((list) => Array.isArray(list) && list.every(inside));
  return valid ? (record as JournalRecord) : undefined;
}

/** Makes the renames in `folder` durable (where a folder can be flushed). */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder; elsewhere the rename stands, only its durability on power loss is not assured
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
