import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import { isProjectCreation, usersPackageJson } from './adoption';
import { DevstackError, MESSAGE_PREFIX } from '../errors';
import { GENERATED_MARKER } from '../files/generated-marker';
import { gitignorePatterns, SHARED_TEMPLATES } from '../ignore/local-files';
import { ExistingPipfile, readExistingPipfile } from '../pipenv/existing-pipfile';
import { SELF } from '../self';

/** What an existing folder brings into a new project, as option values. */
export interface Adopted {
  readonly pipfile?: ExistingPipfile;
  /** The user's own .gitignore lines that the generated one does not have. */
  readonly gitignore?: string[];
}

/** Names of the options the adopted values fill in, for the new .projenrc.ts. */
export function adoptedOptionNames(adopted: Adopted): string[] {
  return [...Object.keys(adopted.pipfile ?? {}), ...(adopted.gitignore?.length ? ['gitignore'] : [])];
}

/**
 * At `projen new` in a folder that already holds work: reads what carries over (the
 * Pipfile, the .gitignore), after refusing a folder that is a projen project already. Any
 * refusal of another project type first undoes what `projen new` did before this project
 * type ran (its npm install), so the folder is left as it was. Outside `projen new`,
 * nothing is adopted.
 */
export function adoptExisting<T>(outdir: string, resolve: (adopted: Adopted) => T): { adopted: Adopted; result: T } {
  if (!isProjectCreation()) return { adopted: {}, result: resolve({}) };
  refuseRecreation(outdir);
  try {
    refuseOtherProjenProject(outdir);
    const adopted: Adopted = { pipfile: readExistingPipfile(outdir), gitignore: readExistingGitignore(outdir) };
    return { adopted, result: resolve(adopted) };
  } catch (error) {
    if (!(error instanceof DevstackError)) throw error;
    const left = undoProjenNewInstall(outdir);
    if (left === undefined) throw error;
    throw new DevstackError(`${error.message.slice(MESSAGE_PREFIX.length)} ${left}`);
  }
}

/** The folder's `.projenrc.*`, if any. */
function projenrcOf(outdir: string): string | undefined {
  return readdirSync(outdir).find((entry) => /^\.projenrc\.(ts|js|mjs|cjs|json|py)$/.test(entry));
}

/**
 * A `.projenrc.ts` of this project type: an earlier `projen new` made the folder (and was
 * perhaps interrupted, during its npm install), or it is a clone. A second `projen new`
 * would synth from its command line, not from the rc the user may have edited since; `npx
 * projen` synths from the rc and installs what is missing. Nothing is undone: package.json
 * is the generated one, whose entries this run's npm install changed and `npx projen`
 * writes back.
 */
function refuseRecreation(outdir: string): void {
  if (projenrcOf(outdir) !== '.projenrc.ts' || !readFileSync(join(outdir, '.projenrc.ts'), 'utf-8').includes(SELF.name)) return;
  throw new DevstackError(
    `${outdir} is already a ${SELF.name} project (its .projenrc.ts names it; an earlier projen new made it, perhaps interrupted): finish it ` +
      'there with npm install && npx projen, which synths from your .projenrc.ts; this projen new changed only what its npm install touches ' +
      "(package.json's devDependencies and node_modules), and npx projen puts those back.",
  );
}

/** A `.projenrc.*` of another project type: adopting it would leave two definitions fighting over the files. */
function refuseOtherProjenProject(outdir: string): void {
  const rc = projenrcOf(outdir);
  if (rc === undefined) return;
  throw new DevstackError(
    `this folder is already a projen project (${rc}). Adopting it would replace its definition, and the next npx projen would delete ` +
      `the files one of the two generates. Run projen new in an empty folder, or move ${rc} and .projen/ away first; nothing was changed.`,
  );
}

/** The user's .gitignore lines (not comments or blanks) that the generated .gitignore does not already have. */
function readExistingGitignore(outdir: string): string[] | undefined {
  const path = join(outdir, '.gitignore');
  if (!existsSync(path)) return undefined;
  // git skips a UTF-8 byte order mark at the start of the file (dir.c)
  const text = readFileSync(path, 'utf-8').replace(/^\uFEFF/, '');
  if (text.includes(GENERATED_MARKER)) return undefined;
  const ours = new Set([...gitignorePatterns(), ...SHARED_TEMPLATES.map((template) => `!${template}`)]);
  const lines = text
    .split(/\r?\n/)
    .map(withoutTrailingSpaces)
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('#') && !ours.has(line));
  return lines.length ? [...new Set(lines)] : undefined;
}

/** A .gitignore line as git reads it (dir.c trim_trailing_spaces): trailing spaces go unless escaped with a backslash; a tab stays, it is part of the pattern. */
function withoutTrailingSpaces(line: string): string {
  let firstTrailingSpace = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === ' ') {
      if (firstTrailingSpace < 0) firstTrailingSpace = i;
      continue;
    }
    if (line[i] === '\\' && ++i >= line.length) return line;
    firstTrailingSpace = -1;
  }
  return firstTrailingSpace < 0 ? line : line.slice(0, firstTrailingSpace);
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/**
 * Takes back what `projen new` did before the project type ran: its `npm install` of
 * projen and this package. A package.json npm made for it goes, and so do the lock and
 * node_modules, which then can only be npm's work too; so does a user's own package.json
 * that declares no dependency. A user's package.json gets its content back. Returns what
 * is left for the user to do, if anything.
 */
function undoProjenNewInstall(outdir: string): string | undefined {
  const packageJson = join(outdir, 'package.json');
  if (!existsSync(packageJson)) return undefined;
  const original = usersPackageJson(readFileSync(packageJson, 'utf-8'));
  if (original !== undefined) writeFileSync(packageJson, `${JSON.stringify(original, undefined, 2)}\n`);
  const declaresDependencies = original !== undefined && DEPENDENCY_FIELDS.some((field) => Object.keys((original[field] ?? {}) as object).length > 0);
  if (declaresDependencies) {
    return 'Your package.json has its content back; run npm install to take projen\'s packages out of node_modules and package-lock.json again.';
  }
  const made = original === undefined ? ['package.json', 'package-lock.json', 'node_modules'] : ['package-lock.json', 'node_modules'];
  for (const path of made) rmSync(join(outdir, path), { recursive: true, force: true });
  return undefined;
}

/**
 * Where a new project keeps its copy of the tarball `projen new --from` installed the
 * project type from: inside the project, so a relative `file:` spec in package.json
 * resolves on the host, in the dev container (the workspace is bind-mounted elsewhere),
 * in CI and in a fresh clone. Committed with the project.
 */
export const VENDOR_FOLDER = '.devstack/vendor';

/** How a new project records the project type's own source, and the tarball it copies for it. */
export interface RecordedProjectType {
  /** The `devDeps` entry written into the new `.projenrc.ts`. */
  readonly devDep: string;
  /** What package.json holds for the project type. */
  readonly spec: string;
  /** The tarball to copy into the project (absolute) and its path there (relative). */
  readonly vendor?: { readonly source: string; readonly path: string };
}

/**
 * The project type's own source at `projen new --from <spec>`, as the new project records
 * it. A local tarball is copied into VENDOR_FOLDER and recorded relative to the project; a
 * folder is refused (npm links it, which loads a second projen and constructs, and the
 * dev container, CI and a clone do not see it); a registry, URL or git spec is kept, with
 * this package's name before a URL or git spec so the rc says which package it is.
 *
 * @param type what npm's parser calls the spec
 * @param path the absolute path of a local spec
 */
export function recordedProjectType(spec: string, type: string, path: string | undefined, savedSpec: string): RecordedProjectType {
  if (type === 'directory') {
    throw new DevstackError(
      `projen new --from ${spec} installs the project type from a folder, which npm links in place: the folder's own projen and constructs ` +
        'would load besides the project\'s, and the dev container, CI and a fresh clone cannot see the folder. Pack it first ' +
        `(cd ${spec} && npm pack) and pass the .tgz: projen new --from ${join(spec, `${SELF.name}-${SELF.version}.tgz`)}; nothing was changed.`,
    );
  }
  if (type === 'file') {
    const name = basename(path!);
    const vendored = `${VENDOR_FOLDER}/${/^[A-Za-z0-9][A-Za-z0-9._-]*\.(tgz|tar\.gz|tar)$/.test(name) ? name : `${SELF.name}.tgz`}`;
    return { devDep: `${SELF.name}@file:${vendored}`, spec: `file:${vendored}`, vendor: { source: path!, path: vendored } };
  }
  if (type === 'git' || type === 'remote') {
    return { devDep: spec.startsWith(`${SELF.name}@`) ? spec : `${SELF.name}@${spec}`, spec: savedSpec };
  }
  return { devDep: spec, spec: savedSpec };
}
