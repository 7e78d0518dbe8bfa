import { isAbsolute } from 'path';
import { isInside, shown } from './synth-plan';
import { DevstackError } from '../errors';

const FIXES: Record<string, (where: string, root: string) => string> = {
  ENOSPC: (_where, root) => `free space on the disk that holds ${root} (df -h "${root}") and run npx projen again`,
  EDQUOT: (_where, root) => `free space within your disk quota for ${root} and run npx projen again`,
  EACCES: (where) => `make ${where} writable (chmod u+w, chattr -i, or mount it read-write) and run npx projen again`,
  ENAMETOOLONG: (where) => `shorten the option that names ${where} in .projenrc.ts and run npx projen again`,
  EISDIR: (where) => `move the folder at ${where} away and run npx projen again`,
};
FIXES.EPERM = FIXES.EACCES;
FIXES.EROFS = FIXES.EACCES;
FIXES.ENOTDIR = FIXES.EISDIR;

/**
 * The one sentence for a synth that failed while writing and was undone: the path, the
 * cause and the fix, instead of a stack trace. Any other error (a component's own, say)
 * comes through as it is once everything is back.
 *
 * @param notRestored what the rollback could not put back, as phrases
 */
export function writeFailure(error: unknown, root: string, notRestored: readonly string[]): unknown {
  // not `instanceof Error`: Node's own errors fail that test inside jest's sandbox
  const { code, path, message } = (typeof error === 'object' && error !== null ? error : {}) as NodeJS.ErrnoException;
  const systemError = typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) && typeof message === 'string';
  const kept = notRestored.length ? `, and ${notRestored.join(', ')} could not be put back as ${notRestored.length === 1 ? 'it was' : 'they were'}` : ', and every file is back as it was';
  if (!systemError) {
    if (!notRestored.length) return error;
    return new DevstackError(`npx projen stopped: ${typeof message === 'string' ? message : String(error)}${kept}.`);
  }
  const where = path && isAbsolute(path) && isInside(root, path) ? shown(root, path) : path;
  const what = where ? `writing ${where}` : `writing the files in ${root}`;
  const reason = /^E[A-Z0-9]+: ([^,]+)/.exec(message)?.[1] ?? message.split('\n')[0];
  const fix = (FIXES[code] ?? (() => 'fix the cause and run npx projen again'))(where ?? root, root);
  const lead = notRestored.length ? 'npx projen stopped' : 'npx projen changed nothing';
  return new DevstackError(`${lead}: ${what} failed with ${code} (${reason})${kept}: ${fix}.`);
}
