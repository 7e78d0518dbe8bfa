import { readdirSync, rmSync } from 'fs';
import { hostname } from 'os';
import { dirname, join } from 'path';
import { isScratchName } from './atomic-write';
import { FileJournal } from './file-journal';
import { bootId, COMMITTING_JOURNAL_FILE, findJournal, JournalRecord, JOURNAL_FILE, removeJournal } from './synth-journal';
import { DevstackError } from '../errors';

/**
 * Finishes what an earlier synth of the project at `root` left when it was stopped midway
 * (killed, or the machine lost power), from the journal it saved before its first change:
 * stopped while writing, every file it changed is put back and every file it created is
 * removed; stopped after it had written everything, its files stay and its parked
 * originals go. The user is told only when files had changed. Two synths of one project
 * at once are not supported: a journal whose synth still runs stops this one.
 *
 * @param warn how the user is told that files were put back
 */
export function recoverInterruptedSynth(root: string, warn: (message: string) => void): void {
  const found = findJournal(root);
  if (!found) return;
  refuseRunning(found.record, found.committing ? COMMITTING_JOURNAL_FILE : JOURNAL_FILE);
  const journal = FileJournal.fromEntries(root, found.record);
  if (found.committing) {
    for (const parked of journal.commit()) {
      warn(`could not remove ${parked}, the previous version of a file an earlier npx projen rewrote: delete it yourself.`);
    }
    removeTemporaryFiles(root, found.record);
    removeJournal(root);
    return;
  }
  const changed = journal.changed();
  const failed = journal.rollback();
  removeTemporaryFiles(root, found.record);
  if (failed.length) {
    throw new DevstackError(
      `npx projen stopped: an earlier npx projen was interrupted while writing, and ${failed.join(', ')} could not be put back as ${failed.length === 1 ? 'it was' : 'they were'}: ` +
        `fix the cause and run npx projen again, or put ${failed.length === 1 ? 'it' : 'them'} back yourself and delete ${JOURNAL_FILE}.`,
    );
  }
  removeJournal(root);
  if (changed.length) warn(`an earlier npx projen was interrupted while writing; the files it had changed are back as they were before it (${listed(changed)}).`);
}

function refuseRunning({ pid, host, boot }: JournalRecord, name: string): void {
  if (host !== hostname()) {
    throw new DevstackError(
      `npx projen changed nothing, because ${name} says an npx projen on ${host} is writing this project or was stopped midway: ` +
        `run npx projen on ${host}, which finishes or undoes that one, or delete ${name} if it is not running there.`,
    );
  }
  if (boot !== bootId() || pid === process.pid || !isRunning(pid)) return;
  throw new DevstackError(
    `npx projen changed nothing, because another npx projen (pid ${pid}) is writing this project: wait for it to finish and run npx projen again (two at once are not supported).`,
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The temporary files of atomic writes (the journal's, the backups') the interrupted synth left in the folders it wrote. */
function removeTemporaryFiles(root: string, record: JournalRecord): void {
  const folders = new Set([root, ...[...record.parked.map(({ target }) => target), ...record.created].map((path) => dirname(join(root, path)))]);
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names.filter((entry) => isScratchName(entry, '.tmp'))) rmSync(join(folder, name), { force: true });
  }
}

function listed(paths: readonly string[]): string {
  if (paths.length <= 3) return paths.length === 1 ? paths[0] : `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1]}`;
  return `${paths.slice(0, 2).join(', ')} and ${paths.length - 2} more`;
}
