import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { COMMITTABLE, ignoredByGit, PLANTED_IMAGE_ONLY, PLANTED_LOCAL_STATE, PLANTED_SECRETS, plantFiles } from './planted-files';
import { dockerignorePatterns, GITHUB_GITIGNORE, gitignorePatterns, LOCAL_FILE_RULES } from '../../src/ignore/local-files';
import { synth, tempDir } from '../util';

function generatedRepo(): string {
  const dir = tempDir();
  synth({}, dir);
  const init = spawnSync('git', ['init', '--quiet'], { cwd: dir });
  if (init.status !== 0) throw new Error('git init failed');
  return dir;
}

describe('secrets and local state are ignored by git at any depth (real git check-ignore)', () => {
  test('every planted secret and local file, at the root and in subfolders, is ignored', () => {
    const dir = generatedRepo();
    plantFiles(dir, [...PLANTED_SECRETS, ...PLANTED_LOCAL_STATE]);
    const expected = [...PLANTED_SECRETS, ...PLANTED_LOCAL_STATE];
    expect(ignoredByGit(dir, expected).sort()).toEqual([...expected].sort());
  });

  test('templates, a project-level .npmrc and the app stay committable', () => {
    const dir = generatedRepo();
    // the app, its config and the Pipfile are generated; the templates and .npmrc are planted
    plantFiles(dir, [...new Set([...COMMITTABLE, ...PLANTED_IMAGE_ONLY])].filter((path) => !existsSync(join(dir, path))));
    expect(ignoredByGit(dir, COMMITTABLE)).toEqual([]);
  });
});

describe('one list renders both ignore files', () => {
  test('every rule appears in .gitignore, .dockerignore or both, as its flags say', () => {
    const files = synth();
    const gitignore = files['.gitignore'].split('\n');
    const dockerignore = files['.dockerignore'].split('\n');
    expect(gitignore).toEqual(expect.arrayContaining(gitignorePatterns()));
    expect(dockerignore).toEqual(expect.arrayContaining(dockerignorePatterns()));
    expect(gitignorePatterns()).toHaveLength(LOCAL_FILE_RULES.filter((r) => r.git).length);
    expect(dockerignorePatterns()).toHaveLength(LOCAL_FILE_RULES.filter((r) => r.image).length);
    // every .dockerignore rule reaches subfolders (Docker anchors a bare pattern to the root)
    for (const pattern of dockerignorePatterns()) expect(pattern).toMatch(/^\*\*\//);
  });
});

/** Excerpts of github/gitignore templates, vendored because CI has no copy of that repository. */
const FIXTURES = join(__dirname, 'fixtures', 'github-gitignore');
const templatePrefix = `${GITHUB_GITIGNORE.repository} `;
const fromTemplates = LOCAL_FILE_RULES.filter((rule) => rule.source?.startsWith(templatePrefix));
const templateOf = (source: string) => source.slice(templatePrefix.length);

/** A vendored template's pattern lines (comments and blank lines left out). */
function templatePatterns(template: string): string[] {
  return readFileSync(join(FIXTURES, template), 'utf-8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

describe('each rule names its source', () => {
  test('every pattern said to come from github/gitignore is in that template, as written', () => {
    expect(fromTemplates).not.toHaveLength(0);
    for (const rule of fromTemplates) {
      const template = templateOf(rule.source!);
      expect(`${rule.pattern} in ${template}: ${templatePatterns(template).includes(rule.pattern)}`).toBe(`${rule.pattern} in ${template}: true`);
    }
  });

  test('each vendored excerpt says which commit of github/gitignore it was copied from', () => {
    for (const template of new Set(fromTemplates.map((rule) => templateOf(rule.source!)))) {
      const header = readFileSync(join(FIXTURES, template), 'utf-8').split('\n')[0];
      expect(header).toBe(`# Vendored from https://github.com/${GITHUB_GITIGNORE.repository}/blob/${GITHUB_GITIGNORE.commit}/${template}`);
    }
  });

  test('every other sourced rule points at the documentation page it was taken from', () => {
    const fromDocs = LOCAL_FILE_RULES.filter((rule) => rule.source !== undefined && !fromTemplates.includes(rule));
    expect(fromDocs.length).toBeGreaterThan(0);
    for (const rule of fromDocs) expect(`${rule.pattern}: ${rule.source}`).toMatch(/^\S+: https:\/\/[^\s/]+\.[a-z]+\/\S*$/);
  });
});
