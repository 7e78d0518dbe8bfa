import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { join } from 'path';
import { isProjectCreation } from './adoption';
import { addGitConfig, exactIgnorePattern, git, gitAvailable, insideWorkTree, listFiles } from './git-work-tree';
import { describeFindings, scanForSecrets, SecretFinding } from './secret-scan';
import { Component, InitProject, Project } from '../projen-api';

/** The commit message a user is offered for the generated files. */
export const ADOPTION_COMMIT_MESSAGE = 'chore: adopt py-streamlit-devstack';

/** What `projen new` is about to do with git, as the project type arranged it. */
export type FirstCommitPlan =
  | { readonly kind: 'no-git' }
  | { readonly kind: 'left-for-user'; readonly paths: readonly string[] }
  | { readonly kind: 'first-commit'; readonly leftOut: readonly SecretFinding[] };

/**
 * After everything is written, `projen new` runs `git init`, `git add .` and
 * `git commit` in the folder. This component decides what that may touch, just before:
 *
 * - In a folder that is already in a git work tree (a repository of the user's, with
 *   history, branches, staged and unstaged work), nothing of theirs may change: projen's
 *   git commands are pointed at a scratch repository that is deleted when `projen new`
 *   ends, so the user's index, branch and history stay exactly as they were, and the
 *   generated files are left for them with the command that commits those files only.
 * - In a plain folder, projen makes the first commit as usual, but every file that
 *   secretlint's recommended rules flag is left out of it and reported by path and rule.
 *
 * Both are done through git's own environment variables for the rest of the `projen new`
 * process (`GIT_DIR`, `GIT_CONFIG_*`), as nothing runs git after projen's commit.
 */
export class FirstCommit extends Component {
  private missingBeforeSynth: readonly string[] = [];
  private done = false;

  constructor(
    project: Project,
    private readonly writtenWhenMissing: () => readonly string[],
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly argv: readonly string[] = process.argv,
  ) {
    super(project);
  }

  preSynthesize(): void {
    if (!isProjectCreation()) return;
    this.missingBeforeSynth = this.writtenWhenMissing().filter((path) => !existsSync(join(this.project.outdir, path)));
  }

  /** Without post-synthesis steps (`--no-post`, `--no-synth`), this is the last hook before projen's git commands. */
  projectCreation(initProject: InitProject): void {
    if (initProject.post === false || initProject.synth === false || this.env.PROJEN_DISABLE_POST === 'true') this.prepare();
  }

  postProjectCreation(_initProject: InitProject): void {
    this.prepare();
  }

  /** Arranges projen's git commands and tells the user what happens; returns the plan (for tests). */
  prepare(): FirstCommitPlan {
    if (this.done || !isProjectCreation()) return { kind: 'no-git' };
    this.done = true;
    if (!projenNewRunsGit(this.argv) || !gitAvailable()) return { kind: 'no-git' };
    const outdir = this.project.outdir;
    const plan: FirstCommitPlan = insideWorkTree(outdir)
      ? { kind: 'left-for-user', paths: this.leaveForUser(outdir) }
      : { kind: 'first-commit', leftOut: this.keepSecretsOut(outdir) };
    console.log(['', ...describePlan(plan), ''].join('\n'));
    return plan;
  }

  /** Points projen's `git init/add/commit` at a scratch repository; returns what the user may commit. */
  private leaveForUser(outdir: string): string[] {
    const generated = new Set([...this.project.files.map((file) => file.path), ...this.missingBeforeSynth, 'package-lock.json']);
    const changed = [...new Set([...listFiles(outdir, ['--others', '--exclude-standard']), ...listFiles(outdir, ['--modified'])])].sort();
    const scratch = this.scratchFolder();
    const scratchRepo = join(scratch, 'discarded.git');
    git(outdir, ['init', '-q'], { ...this.env, GIT_DIR: scratchRepo, GIT_WORK_TREE: outdir });
    // the scratch repository looks at nothing: projen's `git add .` then stores no copy of the user's files
    mkdirSync(join(scratchRepo, 'info'), { recursive: true });
    writeFileSync(join(scratchRepo, 'info', 'exclude'), '*\n');
    mkdirSync(join(scratch, 'no-hooks'));
    this.env.GIT_DIR = scratchRepo;
    this.env.GIT_WORK_TREE = outdir;
    for (const role of ['AUTHOR', 'COMMITTER']) {
      this.env[`GIT_${role}_NAME`] = 'projen new (discarded)';
      this.env[`GIT_${role}_EMAIL`] = 'discarded@localhost';
    }
    // the user's hooks and signing must not run for a commit that is thrown away
    addGitConfig(this.env, { 'core.hooksPath': join(scratch, 'no-hooks'), 'commit.gpgSign': 'false' });
    return collapseToFolders(changed.filter((path) => generated.has(path)), changed);
  }

  /** Leaves files with secrets out of projen's `git add .` (an excludes file for this process only); returns them. */
  private keepSecretsOut(outdir: string): SecretFinding[] {
    const scratch = this.scratchFolder();
    const probe = { ...this.env, GIT_DIR: join(scratch, 'probe.git'), GIT_WORK_TREE: outdir };
    git(outdir, ['init', '-q'], probe);
    const wouldCommit = listFiles(outdir, ['--others', '--exclude-standard'], probe);
    const findings = scanForSecrets(outdir, wouldCommit);
    if (findings.length === 0) return [];
    const excludes = join(scratch, 'excludes');
    writeFileSync(excludes, [usersGlobalExcludes(outdir), ...findings.map((finding) => exactIgnorePattern(finding.path))].join('\n') + '\n');
    addGitConfig(this.env, { 'core.excludesFile': excludes });
    return findings;
  }

  /** A private folder removed when `projen new` ends (it outlives this hook: projen's git commands use it). */
  private scratchFolder(): string {
    const scratch = mkdtempSync(join(tmpdir(), 'devstack-git-'));
    process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
    return scratch;
  }
}

/** False when `projen new` was told not to touch git (`--no-git`, `--git=false`, `--git false`). */
export function projenNewRunsGit(argv: readonly string[]): boolean {
  return !argv.some((arg, i) => arg === '--no-git' || arg === '--git=false' || (arg === '--git' && argv[i + 1] === 'false'));
}

/**
 * The paths to `git add`, shortest form: a top-level folder when every change under it is
 * one of `paths`, otherwise each file (so a user's own change in that folder is not staged).
 */
export function collapseToFolders(paths: readonly string[], changed: readonly string[]): string[] {
  const chosen = new Set(paths);
  const result = new Set<string>();
  for (const path of paths) {
    const slash = path.indexOf('/');
    if (slash < 0) {
      result.add(path);
      continue;
    }
    const folder = path.slice(0, slash + 1);
    const everyChangeIsOurs = changed.filter((other) => other.startsWith(folder)).every((other) => chosen.has(other));
    result.add(everyChangeIsOurs ? folder : path);
  }
  return [...result].sort();
}

/** What the user reads after `projen new`. */
export function describePlan(plan: FirstCommitPlan): string[] {
  if (plan.kind === 'no-git') return [];
  if (plan.kind === 'left-for-user') {
    return [
      'This folder is in a git repository already: projen new staged and committed nothing, and your branch, index and working tree are as they were.',
      'Review the generated files, then commit them (and only them) with:',
      `  git add -- ${plan.paths.map(shellWord).join(' ')}`,
      `  git commit -m "${ADOPTION_COMMIT_MESSAGE}"`,
      '(The "git init" and commit that projen prints next go to a scratch repository, deleted when projen new ends.)',
    ];
  }
  if (plan.leftOut.length === 0) return [];
  return [
    'Left out of the first commit, because secretlint\'s recommended rules found a secret in them:',
    ...describeFindings(plan.leftOut).map((line) => `  ${line}`),
    'Move each secret out of the file (into .env, which is git-ignored, or an environment variable), or add the file to gitignore in .projenrc.ts.',
  ];
}

/** A path as one shell word, quoted only when it needs to be. */
function shellWord(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.split("'").join("'\\''")}'`;
}

/** The user's own global excludes file's lines (git reads only one excludes file: ours must carry them too). */
function usersGlobalExcludes(cwd: string): string {
  let path: string | undefined;
  try {
    path = git(cwd, ['config', '--path', '--get', 'core.excludesFile']).trim() || undefined;
  } catch {
    path = join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'git', 'ignore');
  }
  try {
    return path && existsSync(path) ? readFileSync(path, 'utf-8') : '';
  } catch {
    return '';
  }
}
