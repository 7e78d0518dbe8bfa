import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { COMMITTABLE, ignoredByGit, PLANTED_IMAGE_ONLY, PLANTED_LOCAL_STATE, PLANTED_SECRETS, plantFiles } from './planted-files';
import { dockerignorePatterns, gitignorePatterns, LOCAL_FILE_RULES } from '../../src/ignore/local-files';
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
