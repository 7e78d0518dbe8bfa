import { statfsSync } from 'fs';
import { landingPath, lstatOrUndefined, SynthPlan } from './synth-plan';

/**
 * A disk too full for the synth, as a phrase with its fix; undefined when there is room.
 * The estimate: a copy of every file that is there (each is rewritten in a fresh copy
 * while the original is kept until the end), and for a new file its known size or one
 * block. Content that grows past that is still caught while writing, and undone.
 */
export function spaceProblem(plan: SynthPlan, uid = process.getuid?.()): string | undefined {
  let disk;
  try {
    disk = statfsSync(plan.root);
  } catch {
    return undefined; // no figures here: the write itself will tell
  }
  const block = disk.bsize;
  const blocks = (bytes: number) => Math.max(1, Math.ceil(bytes / block)) * block;
  let needed = 0;
  for (const { path, bytes } of plan.writes) {
    const stat = lstatOrUndefined(landingPath(plan.root, path));
    needed += blocks(stat?.isFile() ? stat.size : (bytes ?? 0));
  }
  // root may use the blocks the file system keeps in reserve
  const free = (uid === 0 ? disk.bfree : disk.bavail) * block;
  if (free >= needed) return undefined;
  return `the disk that holds ${plan.root} has ${kib(free)} free and the synth needs about ${kib(needed)}: free some space there (df -h "${plan.root}")`;
}

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KiB`;
}
