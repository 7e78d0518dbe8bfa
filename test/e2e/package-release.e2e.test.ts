import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { cleanUpWorkDirs, REPO_ROOT, run, runOk, workDir } from './harness/generated-project';
import { ensureGoTool, missingGo } from './harness/go-tools';
import { describeWhenAvailable } from './harness/prerequisites';

const SELF = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf-8'));

/**
 * The folders (relative to the checkout, `node_modules/a` or `node_modules/a/node_modules/b`)
 * of `names` and of every package they depend on, each found as Node finds it: in the
 * dependent's own node_modules first, then in each parent's.
 */
function dependencyClosure(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const resolve = (name: string, from: string): string => {
    for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (existsSync(join(REPO_ROOT, candidate, 'package.json'))) return candidate;
      if (dir === '') throw new Error(`${name} (needed by ${from}) is not installed`);
    }
  };
  const visit = (folder: string) => {
    if (seen.has(folder)) return;
    seen.add(folder);
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, folder, 'package.json'), 'utf-8'));
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(resolve(dependency, folder));
  };
  names.forEach((name) => visit(`node_modules/${name}`));
  return [...seen].sort();
}

/** The package folder a packed file belongs to (`node_modules/a/node_modules/@s/b/x.js` gives `node_modules/a/node_modules/@s/b`). */
function packageFolderOf(path: string): string {
  return /^(?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+/.exec(path)![0];
}

describe('the npm package', () => {
  test('holds the compiled library, the jsii manifest, API.md, the README, the license and every bin; no sources, tests, benches or scratch files', () => {
    const [packed] = JSON.parse(runOk('npm', ['pack', '--dry-run', '--json', '--silent'], REPO_ROOT).output.replace(/^[^[]*/, ''));
    const files: string[] = packed.files.map((file: { path: string }) => file.path);
    for (const needed of ['.jsii', 'API.md', 'README.md', 'LICENSE', 'package.json', 'lib/index.js', 'lib/index.d.ts', ...Object.values<string>(SELF.bin)]) {
      expect(files).toContain(needed);
    }
    const topLevel = [...new Set(files.map((path) => path.split('/')[0]))].sort();
    // node_modules: the bundled dependencies (TOML and PEP 440 parsers, secretlint) and what they depend on, nothing else
    expect(topLevel).toEqual(['.jsii', 'API.md', 'LICENSE', 'README.md', 'lib', 'node_modules', 'package.json']);
    // every package folder the bundle holds, at any depth, is one the bundled dependencies need, and none is missing
    const bundled = [...new Set(files.filter((path) => path.startsWith('node_modules/')).map(packageFolderOf))];
    expect(bundled.sort()).toEqual(dependencyClosure(SELF.bundledDependencies));
    expect(files.filter((path) => /(^|\/)(test|tests|__snapshots__|bench|scripts|coverage|\.tmp)\//.test(path) && !path.startsWith('node_modules/'))).toEqual([]);
    expect(files.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts') && !path.startsWith('node_modules/'))).toEqual([]);
    console.log(`npm package: ${files.length} files, ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked`);
  });
});

describe('the release task', () => {
  afterAll(() => cleanUpWorkDirs());

  test('npx projen bump (the release workflow\'s first step) takes the version from the conventional commits since the last tag and writes the changelog', () => {
    const clone = join(workDir('devstack-release-'), 'repo');
    runOk('git', ['clone', '--quiet', REPO_ROOT, clone], REPO_ROOT);
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(clone, 'node_modules'));
    const git = (...args: string[]) => runOk('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args], clone);
    git('tag', 'v0.3.0');
    git('commit', '--quiet', '--allow-empty', '--message', 'feat: deploy to Kubernetes');
    git('commit', '--quiet', '--allow-empty', '--message', 'fix: probes under the base URL path');
    runOk('npx', ['projen', 'bump'], clone);
    // before 1.0, commit-and-tag-version counts a feature as a patch
    expect(readFileSync(join(clone, 'dist', 'releasetag.txt'), 'utf-8').trim()).toBe('v0.3.1');
    const changelog = readFileSync(join(clone, 'dist', 'changelog.md'), 'utf-8');
    expect(changelog).toMatch(/### Features\s+\* deploy to Kubernetes/);
    expect(changelog).toMatch(/### Bug Fixes\s+\* probes under the base URL path/);
    expect(JSON.parse(readFileSync(join(clone, 'package.json'), 'utf-8')).version).toBe('0.3.1');
  });
});

describeWhenAvailable(
  'GitHub workflows, checked by actionlint (with shellcheck)',
  { missing: missingGo() ?? (spawnSync('shellcheck', ['--version']).status === 0 ? undefined : 'shellcheck (apt-get install shellcheck)'), kind: 'workflow checks', inCi: ' scripts/test-all.sh installs them.' },
  () => {
    let actionlint: string;
    beforeAll(() => (actionlint = ensureGoTool('actionlint')));
    afterAll(() => cleanUpWorkDirs());

    test('this package\'s workflows (build, release, pull-request lint, e2e) pass', () => {
      const workflows = readdirSync(join(REPO_ROOT, '.github', 'workflows')).sort();
      expect(workflows).toEqual(['build.yml', 'e2e.yml', 'pull-request-lint.yml', 'release.yml']);
      const result = run(actionlint, ['-color=false'], REPO_ROOT);
      expect(result.output).toBe('');
      expect(result.status).toBe(0);
    });

    test('the release workflow bumps from conventional commits and publishes to npm with provenance; the build fails on any change it makes', () => {
      const release = readFileSync(join(REPO_ROOT, '.github', 'workflows', 'release.yml'), 'utf-8');
      expect(release).toMatch(/run: npx projen release/);
      expect(release).toMatch(/NPM_TOKEN/);
      expect(release).toMatch(/NPM_CONFIG_PROVENANCE: "true"/);
      expect(release).toMatch(/id-token: write/);
      const build = readFileSync(join(REPO_ROOT, '.github', 'workflows', 'build.yml'), 'utf-8');
      expect(build).toMatch(/Fail build on mutation/);
      expect(readFileSync(join(REPO_ROOT, '.github', 'workflows', 'e2e.yml'), 'utf-8')).toMatch(/run: bash \.ci\/run/);
      const tasks = JSON.parse(readFileSync(join(REPO_ROOT, '.projen', 'tasks.json'), 'utf-8')).tasks;
      expect(JSON.stringify(tasks.bump)).toMatch(/commit-and-tag-version|release/);
    });

    test('negative control: a workflow with a script injection and a wrong key fails', () => {
      const copy = workDir('devstack-actionlint-');
      mkdirSync(join(copy, '.github', 'workflows'), { recursive: true });
      copyFileSync(join(REPO_ROOT, '.github', 'workflows', 'e2e.yml'), join(copy, '.github', 'workflows', 'e2e.yml'));
      const text = readFileSync(join(copy, '.github', 'workflows', 'e2e.yml'), 'utf-8')
        .replace('run: bash .ci/run', 'run: echo "${{ github.event.pull_request.title }}"')
        .replace('timeout-minutes: 90', 'timeout-minutes: 90\n    runs-onn: ubuntu-latest');
      writeFileSync(join(copy, '.github', 'workflows', 'e2e.yml'), text);
      const result = run(actionlint, ['-color=false', join('.github', 'workflows', 'e2e.yml')], copy);
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/github\.event\.pull_request\.title.*potentially untrusted/);
      expect(result.output).toMatch(/unexpected key "runs-onn"/);
    });
  },
);
