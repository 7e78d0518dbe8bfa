import { join } from 'path';
import { PlannedWrite } from './synth-plan';

/** Linux's limits (NAME_MAX, PATH_MAX): a longer name or path fails with ENAMETOOLONG. */
export const NAME_MAX = 255;
export const PATH_MAX = 4096;

/** Names and paths the file system would refuse, as phrases with their fix; empty when none. */
export function lengthProblems(root: string, writes: readonly PlannedWrite[]): string[] {
  const problems: string[] = [];
  for (const { path, option } of writes) {
    const where = option ? `, in ${option}` : '';
    const fix = option ? `shorten ${option} in .projenrc.ts` : `shorten ${path}`;
    const long = path.split('/').find((name) => Buffer.byteLength(name) > NAME_MAX);
    const full = Buffer.byteLength(join(root, path));
    if (long !== undefined) {
      problems.push(`the file name ${abridged(long)} (${Buffer.byteLength(long)} bytes${where}) is longer than the ${NAME_MAX} bytes a file name can have: ${fix}`);
    } else if (full >= PATH_MAX) {
      problems.push(`the path ${abridged(path)} (${full} bytes from /${where}) is longer than the ${PATH_MAX - 1} bytes a path can have: ${fix}`);
    }
  }
  return problems;
}

/** A long name cut to its start and end, readable in a message. */
function abridged(name: string): string {
  return name.length <= 40 ? name : `${name.slice(0, 24)}…${name.slice(-15)}`;
}
