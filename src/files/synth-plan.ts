import { lstatSync, readFileSync, readlinkSync, realpathSync, Stats } from 'fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'path';
import { FILE_MANIFEST } from 'projen/lib/cleanup';
import { Project } from '../projen-api';

/** A path (relative to the project) a synth may write, with the option that names it when the user chose it. */
export interface PlannedWrite {
  readonly path: string;
  readonly option?: string;
  /** Its size, when known before the synth (a backup). */
  readonly bytes?: number;
}

/** Everything a synth will write or delete, known before its first write. */
export interface SynthPlan {
  /** The project's real path. */
  readonly root: string;
  readonly writes: readonly PlannedWrite[];
  /** Files of the last synth (`.projen/files.json`) that this one no longer generates: projen deletes them. */
  readonly deletes: readonly string[];
}

export function planSynth(project: Project, others: readonly PlannedWrite[]): SynthPlan {
  const root = realpathSync(project.outdir);
  const generated = project.files.map((file) => file.path.replace(/\\/g, '/'));
  const writes = new Map<string, PlannedWrite>();
  for (const write of [...generated.map((path) => ({ path })), ...others]) if (!writes.has(write.path)) writes.set(write.path, write);
  return { root, writes: [...writes.values()], deletes: orphans(root, new Set(generated)) };
}

/** The entries of the manifest that projen's cleanup would delete: no longer generated, inside the project, present. */
function orphans(root: string, generated: ReadonlySet<string>): string[] {
  let listed: unknown;
  try {
    listed = JSON.parse(readFileSync(join(root, FILE_MANIFEST), 'utf-8')).files;
  } catch {
    return []; // no manifest (or an unreadable one): projen then deletes nothing it listed
  }
  if (!Array.isArray(listed)) return [];
  return listed.filter(
    (entry): entry is string =>
      typeof entry === 'string' &&
      entry.trim() !== '' &&
      !generated.has(entry) &&
      !isAbsolute(entry) &&
      isInside(root, join(realParent(resolve(root, entry)), basename(entry))) &&
      lstatOrUndefined(join(root, entry)) !== undefined,
  );
}

/**
 * Where a write to `path` lands: links on the way followed (the checks refuse links out
 * of the project before anything uses this), a path that does not exist yet included.
 */
export function landingPath(root: string, path: string): string {
  let current = join(root, path);
  for (let hop = 0; hop < 40; hop++) {
    const stat = lstatOrUndefined(current);
    if (!stat?.isSymbolicLink()) break;
    current = resolve(dirname(current), readlinkSync(current));
  }
  return join(realParent(current), basename(current));
}

export function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/** The project-relative form of a real path, for messages. */
export function shown(root: string, path: string): string {
  return relative(root, path) || '.';
}

/** The real path of `path`'s folder, through the part of it that exists. */
function realParent(path: string): string {
  const missing: string[] = [];
  let current = dirname(path);
  for (;;) {
    try {
      return join(realpathSync(current), ...missing);
    } catch {
      if (dirname(current) === current) return dirname(path);
      missing.unshift(basename(current));
      current = dirname(current);
    }
  }
}
