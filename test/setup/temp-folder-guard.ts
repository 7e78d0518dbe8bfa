/**
 * Loaded before every test file (jest `setupFilesAfterEnv`): a test may synthesize into,
 * and delete, only what lies inside a temporary folder it made itself (`tempDir()`,
 * `workDir()`, or any other `mkdtempSync`). Anything else fails the test at once, before
 * a byte is written or removed.
 *
 * Why: a projen `Project` without `outdir` synthesizes into the current directory when
 * that directory is under the system's temp folder, and `Testing.synth` then deletes it:
 * a checkout cloned under /tmp was deleted by its own test run. Projen's own fallback for
 * other checkouts (an `mkdtemp` named `projen.`) does not count as the test's folder, so
 * the mistake fails the same way wherever the checkout lives.
 */
// the module object itself (not an import namespace of getters), so the patches reach every caller
import fs from 'fs';
import { basename, dirname, join, resolve, sep } from 'path';
import { Project } from 'projen/lib/project';
import { GuardState, Holder, realPathOf, STATE } from './guard-state';

/** The prefix of the folder projen makes for a test project without `outdir`. */
const PROJEN_FALLBACK_PREFIX = 'projen.';

export const GUARD_MESSAGE = 'temp-folder guard';

const GUARDED = Symbol.for('py-streamlit-devstack.temp-folder-guard.synth');

/** The folders this test file made with mkdtemp (real paths). */
export function ownedTempFolders(): readonly string[] {
  return [...state().owned];
}

/** True when `path` (followed through every link) is one of the test's own temp folders or inside one. */
export function isInsideOwnedTempFolder(path: string): boolean {
  return isOwned(realPathOf(path));
}

/**
 * True when deleting `path` touches only the test's own folders: a link itself is removed,
 * never what it points to, so only the folder holding it is followed.
 */
function mayDelete(path: string): boolean {
  const absolute = resolve(path);
  return isOwned(join(realPathOf(dirname(absolute)), basename(absolute)));
}

function isOwned(real: string): boolean {
  return [...state().owned].some((folder) => real === folder || real.startsWith(folder + sep));
}

function state(): GuardState {
  const holder = fs as unknown as Holder;
  if (!holder[STATE]) throw new Error(`${GUARD_MESSAGE} is not installed`);
  return holder[STATE];
}


function refuse(action: string, path: string): never {
  const owned = ownedTempFolders();
  throw new Error(
    `${GUARD_MESSAGE}: refusing to ${action} ${resolve(path)}: it is outside every temporary folder this test file made ` +
      `(${owned.length ? owned.join(', ') : 'none yet'}). Give the project an outdir of its own (tempDir() or bareProject() in test/util.ts).`,
  );
}

/** Node's fs is one object per jest worker: patched once, its list of owned folders restarted for each test file. */
function guardFileSystem(): void {
  const holder = fs as unknown as Holder;
  if (holder[STATE]) {
    holder[STATE].owned.clear();
    return;
  }
  const real = { mkdtempSync: fs.mkdtempSync, rmSync: fs.rmSync, rmdirSync: fs.rmdirSync, unlinkSync: fs.unlinkSync };
  const guard: GuardState = { owned: new Set(), real };
  holder[STATE] = guard;

  fs.mkdtempSync = ((prefix: string, options?: fs.EncodingOption) => {
    const made = real.mkdtempSync(prefix, options) as string;
    if (!prefix.endsWith(sep + PROJEN_FALLBACK_PREFIX)) guard.owned.add(fs.realpathSync(made));
    return made;
  }) as typeof fs.mkdtempSync;
  fs.rmSync = (path, options) => {
    if (!mayDelete(String(path))) refuse('delete', String(path));
    real.rmSync(path, options);
  };
  fs.rmdirSync = (path, options) => {
    if (!mayDelete(String(path))) refuse('delete', String(path));
    real.rmdirSync(path, options);
  };
  fs.unlinkSync = (path) => {
    if (!mayDelete(String(path))) refuse('delete', String(path));
    real.unlinkSync(path);
  };
}

/** Each test file loads its own copy of projen, so its Project is guarded once per file. */
function guardSynth(): void {
  const prototype = Project.prototype as Project & { [GUARDED]?: true };
  if (prototype[GUARDED]) return;
  const realSynth = prototype.synth;
  prototype.synth = function guardedSynth(this: Project) {
    if (!isInsideOwnedTempFolder(this.outdir)) refuse('synthesize into', this.outdir);
    return realSynth.call(this);
  };
  prototype[GUARDED] = true;
}

/**
 * The scratch repositories FirstCommit (src/adoption/first-commit.ts) makes for `projen new`
 * are removed when its process exits; a jest worker is stopped, never exits, so what a test
 * file's own process made under that prefix is removed after the file.
 */
const PROCESS_EXIT_SCRATCH = 'devstack-git-';

function removeProcessExitScratch(): void {
  const guard = state();
  for (const folder of guard.owned) {
    if (basename(folder).startsWith(PROCESS_EXIT_SCRATCH)) guard.real.rmSync(folder, { recursive: true, force: true });
  }
}

guardFileSystem();
guardSynth();
afterAll(removeProcessExitScratch);
