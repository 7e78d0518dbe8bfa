import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { LOCAL_FILE_RULES } from '../../src/ignore/local-files';
import { synth, tempDir } from '../util';

const patterns = () =>
  synth()['.dockerignore']
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));

describe('.dockerignore', () => {
  test('keeps secrets, git, local environments and caches out of the build context', () => {
    // Docker anchors patterns to the context root: only a leading **/ reaches subfolders
    expect(patterns()).toEqual(
      expect.arrayContaining(['**/.git', '**/.venv', '**/node_modules', '**/.env', '**/.streamlit/secrets.toml', '**/__pycache__', '**/.pytest_cache', '**/.npmrc']),
    );
  });

  test('keeps credential files named by github/gitignore and by the tools\' docs out, at any depth', () => {
    expect(patterns()).toEqual(
      expect.arrayContaining([
        '**/.envrc',
        '**/*.tfstate',
        '**/*.tfstate.*',
        '**/*.tfvars',
        '**/*.tfvars.json',
        '**/.terraformrc',
        '**/terraform.rc',
        '**/credentials.tfrc.json',
        '**/.terraform',
        '**/*.jks',
        '**/*.keystore',
        '**/*.ppk',
        '**/secring.*',
        '**/.gnupg',
        '**/.vault-token',
        '**/.pgpass',
        '**/pgpass.conf',
        '**/.my.cnf',
        '**/.mylogin.cnf',
        '**/application_default_credentials.json',
        '**/*service-account*.json',
        '**/serviceAccountKey.json',
        '**/client_secret*.json',
        '**/credentials.json',
        '**/kubeconfig',
        '**/*.kubeconfig',
        '**/.dockercfg',
        '**/.s3cfg',
        '**/.boto',
      ]),
    );
    // and every sourced rule, as Docker needs it: anchored nowhere, a folder without its slash
    const sourced = LOCAL_FILE_RULES.filter((rule) => rule.source !== undefined && rule.image);
    expect(patterns()).toEqual(expect.arrayContaining(sourced.map((rule) => `**/${rule.pattern.replace(/\/$/, '')}`)));
  });

  test('lets project JSON files through: no rule for every *.json or config.json', () => {
    for (const broad of ['**/*.json', '**/config.json', '**/key.json']) expect(patterns()).not.toContain(broad);
  });

  test('keeps the projen tooling and tests out of the app image', () => {
    expect(patterns()).toEqual(expect.arrayContaining(['.projenrc.ts', 'package.json', '.projen', '.devcontainer', 'tests', 'k8s']));
  });

  test('lets the Pipfile, the lock, the app and the Streamlit config through', () => {
    for (const needed of ['Pipfile', 'Pipfile.lock', 'app', 'app/main.py', '.streamlit', '.streamlit/config.toml']) {
      expect(patterns()).not.toContain(needed);
    }
  });

  test('keeps the .projenrc.ts toolchain\'s local packages (file: tarballs and folders) out of the app image, each matching only itself', () => {
    const outdir = tempDir();
    mkdirSync(join(outdir, 'vendor', 'tools [v1]', 'package'), { recursive: true });
    writeFileSync(join(outdir, 'vendor', 'tools [v1]', 'package.json'), '{"name":"my-tools","version":"1.0.0"}');
    mkdirSync(join(outdir, 'helpers'));
    writeFileSync(join(outdir, 'helpers', 'package.json'), '{"name":"my-helpers","version":"1.0.0"}');
    const lines = synth({ devDeps: ['my-tools@file:./vendor/tools [v1]', 'my-helpers@file:helpers', 'zod@^3'] }, outdir)['.dockerignore'].split('\n');
    expect(lines).toEqual(expect.arrayContaining(['vendor/tools [[]v1]', 'helpers']));
    expect(lines.filter((line) => line.includes('zod'))).toEqual([]);
  });
});
