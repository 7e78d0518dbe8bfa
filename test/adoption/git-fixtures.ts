import { execFileSync } from 'child_process';
import { generateKeyPairSync } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

/** A git identity for test repositories, so no global configuration is needed. */
export const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Test User',
  GIT_AUTHOR_EMAIL: 'user@example.com',
  GIT_COMMITTER_NAME: 'Test User',
  GIT_COMMITTER_EMAIL: 'user@example.com',
};

export function gitIn(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf-8', env: { ...process.env, ...GIT_IDENTITY, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** An npm auth token in the form npm issues (a fake one, made up here). */
export const NPMRC_WITH_TOKEN = `//registry.npmjs.org/:_authToken=npm_${'A1b2C3d4E5'.repeat(3)}abcdef\n`;

let privateKeyPem: string | undefined;

/** A Google service-account key file as the console downloads it, with a private key made for the test. */
export function serviceAccountKey(): string {
  // one real RSA key per test file: generating one costs about 0.2 s, and a scanner sees the same kind of key every time
  privateKeyPem ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  return JSON.stringify({
    type: 'service_account',
    project_id: 'acme-prod',
    private_key_id: '0123456789abcdef0123456789abcdef01234567',
    private_key: privateKeyPem,
    client_email: 'deploy@acme-prod.iam.gserviceaccount.com',
    client_id: '112233445566778899001',
    token_uri: 'https://oauth2.googleapis.com/token',
  }, undefined, 2);
}

/**
 * A user's repository as the issue found it: history on a branch of theirs, an unstaged
 * edit of the app, a staged new file, an untracked experiment, and two files with secrets.
 */
export function usersRepositoryWithWork(dir: string): void {
  gitIn(dir, ['init', '-q', '-b', 'main']);
  write(dir, 'app/main.py', 'import streamlit as st\n\nst.title("Sales")\n');
  write(dir, 'README.md', '# Sales dashboard\n');
  gitIn(dir, ['add', '.']);
  gitIn(dir, ['commit', '-q', '-m', 'feat: first page']);
  gitIn(dir, ['checkout', '-q', '-b', 'feature/charts']);
  write(dir, 'app/charts.py', 'CHARTS = []\n');
  gitIn(dir, ['add', '.']);
  gitIn(dir, ['commit', '-q', '-m', 'feat: charts']);
  write(dir, 'app/main.py', 'import streamlit as st\n\nst.title("Sales, unsaved idea")\n');
  write(dir, 'notes.txt', 'staged notes\n');
  gitIn(dir, ['add', 'notes.txt']);
  write(dir, 'wip_experiment.py', 'print("not ready")\n');
  write(dir, '.npmrc', NPMRC_WITH_TOKEN);
  write(dir, 'credentials.json', serviceAccountKey());
}

/** Everything git knows about a repository's state that a user would notice changing. */
export function repositoryState(dir: string): Record<string, string> {
  return {
    head: gitIn(dir, ['rev-parse', 'HEAD']),
    branch: gitIn(dir, ['symbolic-ref', 'HEAD']),
    log: gitIn(dir, ['log', '--all', '--format=%H %s']),
    index: gitIn(dir, ['ls-files', '--stage']),
    staged: gitIn(dir, ['diff', '--cached', '--binary']),
    unstaged: gitIn(dir, ['diff', '--binary']),
  };
}

/** What `projen new` runs after creating the project (projen 0.103's new.js), with the environment it inherits. */
export function projenNewGitSteps(dir: string, env: NodeJS.ProcessEnv): void {
  const run = (args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_IDENTITY, ...env }, stdio: 'ignore' });
  run(['init', '-b', 'main']);
  run(['add', '.']);
  run(['commit', '--allow-empty', '-m', 'chore: project created with projen']);
}
