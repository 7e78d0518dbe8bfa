import { accessSync, constants, existsSync, lstatSync, readlinkSync, realpathSync, statSync } from 'fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'path';

/**
 * What stops a synth from writing `paths` (relative to `outdir`) safely, as phrases with
 * their fix; empty when nothing does. Every path must be writable and must not lead
 * through a symbolic link out of the project (projen would write through it, chmod
 * included, to a file elsewhere). SynthTransaction checks this before the first write.
 *
 * @param uid the user that writes (its own files it can make writable, as projen does)
 */
export function writeProblems(outdir: string, paths: readonly string[], uid = process.getuid?.()): string[] {
  const root = realpathSync(outdir);
  const links = new Map<string, string>();
  const unwritable = new Set<string>();
  for (const path of [...new Set(paths)].sort()) {
    const escape = linkOutOfProject(root, path);
    if (escape) {
      links.set(escape.link, `${escape.link} is a symbolic link to ${escape.target}, outside the project: replace it with a regular ${escape.isLast ? 'file' : 'folder'} (remove the link)`);
      continue;
    }
    const full = join(root, path);
    if (existsSync(full)) {
      if (!canRewrite(full, uid)) unwritable.add(path);
      continue;
    }
    const folder = nearestExisting(dirname(full));
    if (!accessible(folder, constants.W_OK, constants.X_OK)) unwritable.add(`${relative(root, folder) || '.'}/`);
  }
  const problems = [...links.values()];
  if (unwritable.size) {
    const shown = [...unwritable].slice(0, 4).join(', ') + (unwritable.size > 4 ? ` and ${unwritable.size - 4} more` : '');
    problems.push(`this user (uid ${uid}) cannot write ${shown}: run npx projen as the project's owner, or make the project yours (chown -R "$(id -u)" .)`);
  }
  return problems;
}

/** The first symbolic link on the way to `path` that points outside `root`. */
function linkOutOfProject(root: string, path: string): { link: string; target: string; isLast: boolean } | undefined {
  const parts = path.split(/[\\/]/).filter(Boolean);
  let current = root;
  for (let i = 0; i < parts.length; i++) {
    current = join(current, parts[i]);
    let stat;
    try {
      stat = lstatSync(current);
    } catch {
      return undefined; // nothing there yet: it will be created inside the project
    }
    if (!stat.isSymbolicLink()) continue;
    const linkText = readlinkSync(current);
    const target = existsSync(current) ? realpathSync(current) : resolve(dirname(current), linkText);
    if (target !== root && !target.startsWith(root + sep)) {
      return { link: parts.slice(0, i + 1).join('/'), target: isAbsolute(linkText) ? linkText : target, isLast: i === parts.length - 1 };
    }
  }
  return undefined;
}

/**
 * A file this user can rewrite: writable now, or its own and merely read-only (projen
 * makes generated files read-only and makes them writable again before writing), but not
 * on a read-only mount.
 */
function canRewrite(path: string, uid: number | undefined): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EACCES' && statSync(path).uid === uid;
  }
}

function accessible(path: string, ...modes: number[]): boolean {
  try {
    for (const mode of modes) accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

function nearestExisting(folder: string): string {
  let current = folder;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}
