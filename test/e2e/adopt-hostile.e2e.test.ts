import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'smol-toml';
import { cleanUpWorkDirs, packThisPackage, projenNew, run, runOk, treeHashes, workDir } from './harness/generated-project';

jest.setTimeout(10 * 60 * 1000);
afterAll(cleanUpWorkDirs);

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf-8');
/** A stack frame as Node prints it: what a user must never have to read for a mistake of theirs. */
const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)$/m;

/** A folder holding the given files. */
function folderWith(files: Record<string, string>): string {
  const dir = workDir('devstack-adopt-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Every entry of a folder, recursively (node_modules included: a refused projen new must not leave one). */
function listing(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? [`${path}/`, ...listing(dir, path)] : [path];
  });
}

describe('projen new in folders that already hold work, through the real projen CLI', () => {
  let tarball: string;
  beforeAll(() => {
    tarball = packThisPackage();
  });

  test("a user's package.json is kept, with its scripts and dependencies, and the summary says so", () => {
    const dir = folderWith({
      'package.json': JSON.stringify({ name: 'my-tools', private: true, scripts: { lint: 'eslint .' }, dependencies: { 'left-pad': '^1.3.0' } }, undefined, 2),
      'app/main.py': 'import streamlit as st\n\nst.write("mine")\n',
    });
    const { result } = projenNew(tarball, [], dir);
    expect(JSON.parse(read(dir, 'package.json.pre-devstack'))).toEqual({ name: 'my-tools', private: true, scripts: { lint: 'eslint .' }, dependencies: { 'left-pad': '^1.3.0' } });
    expect(result.output).toContain('package.json -> package.json.pre-devstack (your scripts and dependencies');
    expect(read(dir, 'app/main.py')).toBe('import streamlit as st\n\nst.write("mine")\n');
  });

  test('a private index, its package, [scripts] and [pipenv] carry over and survive npx projen', () => {
    const dir = folderWith({
      Pipfile: [
        '[[source]]', 'url = "https://pypi.org/simple"', 'verify_ssl = true', 'name = "pypi"', '',
        '[[source]]', 'url = "https://pypi.internal.example/simple"', 'verify_ssl = true', 'name = "internal"', '',
        '[packages]', 'streamlit = "*"', 'internal-lib = {version = "==1.2.3", index = "internal"}', '',
        '[scripts]', 'serve = "streamlit run app/main.py"', '',
        '[pipenv]', 'allow_prereleases = true', '',
        '[requires]', 'python_version = "3.12"', '',
      ].join('\n'),
    });
    projenNew(tarball, [], dir);
    const check = () => {
      const pipfile = parse(read(dir, 'Pipfile')) as any;
      expect(pipfile.source.map((source: any) => [source.name, source.url])).toEqual([['pypi', 'https://pypi.org/simple'], ['internal', 'https://pypi.internal.example/simple']]);
      // the private package is never looked up on public PyPI
      expect(pipfile.packages['internal-lib']).toEqual({ version: '==1.2.3', index: 'internal' });
      expect(pipfile.scripts).toEqual({ serve: 'streamlit run app/main.py' });
      expect(pipfile.pipenv).toEqual({ allow_prereleases: true });
    };
    check();
    expect(read(dir, '.projenrc.ts')).toContain('packageIndexes: {');
    runOk('npx', ['projen'], dir);
    check();
  });

  test("the user's .gitignore lines are merged and kept, and projen new's first commit holds no ignored file or secret", () => {
    const dir = folderWith({
      '.gitignore': '# mine\nlogs/\ncredentials.json\n',
      'logs/app.log': 'secret request log\n',
      'credentials.json': '{"token": "do-not-commit"}\n',
      'app/.env': 'API_KEY=do-not-commit\n',
      'app/certs/server.key': 'do-not-commit\n',
      'app/main.py': 'import streamlit as st\n\nst.write("mine")\n',
    });
    projenNew(tarball, [], dir, { git: true });
    const committed = runOk('git', ['ls-files'], dir).output.split('\n');
    expect(committed).toContain('app/main.py');
    for (const path of ['logs/app.log', 'credentials.json', 'app/.env', 'app/certs/server.key']) expect(committed).not.toContain(path);
    expect(read(dir, '.gitignore').split('\n')).toEqual(expect.arrayContaining(['logs/', 'credentials.json']));
    runOk('npx', ['projen'], dir);
    expect(read(dir, '.gitignore').split('\n')).toEqual(expect.arrayContaining(['logs/', 'credentials.json']));
    expect(runOk('git', ['status', '--porcelain', '--ignored=no'], dir).output.trim()).toBe('');
  });

  test.each([
    ['another projen project', { '.projenrc.js': 'const { javascript } = require("projen");\n', 'index.js': '1;\n' }, /this folder is already a projen project \(\.projenrc\.js\)/],
    ['a Pipfile asking for Python 3.8', { Pipfile: '[packages]\nstreamlit = "*"\n\n[requires]\npython_version = "3.8"\n' }, /Pipfile:5: cannot adopt \[requires\] python_version = "3\.8"/],
    ['a Pipfile with "latest"', { Pipfile: '[packages]\npandas = "latest"\n' }, /Pipfile:2: cannot adopt \[packages\] pandas = "latest"/],
    ["a user's package.json and a git dependency", { 'package.json': '{\n  "name": "mine"\n}\n', 'Pipfile': '[packages]\nlib = {git = "https://example.com/lib.git"}\n' }, /Pipfile:2: cannot adopt \[packages\] lib/],
  ])('%s: refused with one message, no stack trace, and the folder as it was', (_name, files, expected) => {
    const dir = folderWith(files);
    const before = { listing: listing(dir), hashes: treeHashes(dir) };
    const { result } = projenNew(tarball, [], dir, { mustSucceed: false });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(expected);
    expect(result.output).not.toMatch(STACK_FRAME);
    expect(listing(dir)).toEqual(before.listing);
    expect(treeHashes(dir)).toEqual(before.hashes);
  });

  test('a syntax error in .projenrc.ts is its file, line, column and message, without a stack trace, and changes nothing', () => {
    const { dir } = projenNew(tarball);
    const rc = read(dir, '.projenrc.ts');
    writeFileSync(join(dir, '.projenrc.ts'), rc.replace('port: 8501,', 'port: 8501'));
    const line = rc.split('\n').findIndex((text) => text.includes('port: 8501,')) + 2;
    const before = treeHashes(dir);
    const synth = run('npx', ['projen'], dir);
    expect(synth.status).not.toBe(0);
    expect(synth.output).toMatch(new RegExp(`\\.projenrc\\.ts:${line}:3 - error TS1005: ',' expected\\.`));
    expect(synth.output).not.toMatch(STACK_FRAME);
    expect(synth.output).not.toContain('TSError');
    const { ['.projenrc.ts']: _rcBefore, ...restBefore } = before;
    const { ['.projenrc.ts']: _rcAfter, ...restAfter } = treeHashes(dir);
    expect(restAfter).toEqual(restBefore);
  });
});
