import { spawnSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { gitignoredBy } from '../../src/ignore/local-files';
import { errorOf, synth, tempDir } from '../util';

/** Entry points a generated .gitignore or .dockerignore pattern leaves out, named in the issue or like them. */
const IGNORED_ENTRYPOINTS = [
  'app/id_rsa_tools.py',
  'certs.key/app.py',
  'app/secring.main.py',
  'keys.pem/main.py',
  'src/node_modules/main.py',
  'src/__pycache__/main.py',
  'tests/main.py',
  'k8s/main.py',
  'app/credentials.json/main.py',
];

/** Entry points both files keep. */
const KEPT_ENTRYPOINTS = ['app/main.py', 'src/dashboard.py', 'app/tests/main.py', 'app/keys/main.py', 'app/key_tools.py', 'app/id_rsa.pub.d/x.py'.replace('id_rsa', 'idrsa')];

function git(cwd: string, args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf-8' });
  return { status: result.status, stdout: result.stdout };
}

/** A git repository holding the generated .gitignore and the given files; what `git check-ignore` says of each. */
function gitIgnored(gitignore: string, paths: readonly string[]): Record<string, boolean> {
  const repo = tempDir();
  expect(git(repo, ['init', '-q']).status).toBe(0);
  writeFileSync(join(repo, '.gitignore'), gitignore);
  for (const path of paths) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), 'import streamlit\n');
  }
  // exit 0: ignored, 1: not ignored
  return Object.fromEntries(paths.map((path) => [path, git(repo, ['check-ignore', '-q', '--no-index', path]).status === 0]));
}

const gitAvailable = spawnSync('git', ['--version']).status === 0;
if (!gitAvailable && process.env.CI === 'true') throw new Error('git is missing: CI must have it');
const describeWithGit = gitAvailable ? describe : (console.warn('!!! git is not installed: skipping the git check-ignore tests'), describe.skip);

describe('an appEntrypoint that a generated ignore file leaves out is refused', () => {
  test.each(IGNORED_ENTRYPOINTS)('%s', (entrypoint) => {
    const message = errorOf(() => synth({ appEntrypoint: entrypoint })).message;
    expect(message).toContain(`invalid option "appEntrypoint": "${entrypoint}"`);
    expect(message).toMatch(/The generated \.(git|docker)ignore leaves it out of .* the pattern ".+" matches it/);
    expect(message).toContain('Example: appEntrypoint: "app/main.py"');
  });

  test('the named cases get the pattern that matches them', () => {
    expect(errorOf(() => synth({ appEntrypoint: 'app/id_rsa_tools.py' })).message).toContain('.dockerignore leaves it out of the image: the pattern "**/id_rsa*" matches it');
    expect(errorOf(() => synth({ appEntrypoint: 'certs.key/app.py' })).message).toContain('the pattern "**/*.key" matches it');
  });

  test('a line of the project\'s own gitignore option counts too', () => {
    const message = errorOf(() => synth({ appEntrypoint: 'dashboards/main.py', gitignore: ['dashboards/'] })).message;
    expect(message).toContain('The generated .gitignore leaves it out of git');
    expect(message).toContain('"dashboards/"');
  });

  test.each(KEPT_ENTRYPOINTS)('%s is accepted', (entrypoint) => {
    expect(synth({ appEntrypoint: entrypoint }).Dockerfile).toContain(`"${entrypoint}"`);
  });
});

describeWithGit('the refusal agrees with git itself on the generated .gitignore', () => {
  const paths = [...IGNORED_ENTRYPOINTS, ...KEPT_ENTRYPOINTS, 'app/.env.example/main.py', 'a/b/.streamlit/secrets.toml/x.py', 'app/x.pyc/main.py'];

  test('git check-ignore and gitignoredBy() give the same answer for every path', () => {
    const files = synth({ gitignore: ['logs/', '/build'] });
    const byGit = gitIgnored(files['.gitignore'], [...paths, 'logs/main.py', 'build/main.py', 'app/build/main.py']);
    const byUs = Object.fromEntries(Object.keys(byGit).map((path) => [path, gitignoredBy(path, ['logs/', '/build']) !== undefined]));
    expect(byUs).toEqual(byGit);
    expect(byGit['app/id_rsa_tools.py']).toBe(true);
    expect(byGit['certs.key/app.py']).toBe(true);
    expect(byGit['app/main.py']).toBe(false);
  });
});
