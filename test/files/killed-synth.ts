import { spawnSync, SpawnSyncReturns } from 'child_process';
import { join } from 'path';
import { compiledSrc } from '../setup/compiled-src';
import { Options } from '../util';

const REPO_ROOT = join(__dirname, '..', '..');

/** How much of the Dockerfile a torn write leaves. */
export const TORN_LENGTH = 64;

/**
 * Synthesizes the project in `dir` in a child Node process (this checkout's src/, as this
 * run compiled it: ../setup/compiled-src.ts) that is killed with SIGKILL once projen has
 * written every file, as a power cut would stop it: nothing of the synth's own runs after
 * that. With `tear`, the Dockerfile is first cut to its first TORN_LENGTH characters, as a
 * write stopped midway leaves it.
 */
export function killedSynth(dir: string, options: Options, tear: boolean): SpawnSyncReturns<string> {
  const script = [
    "process.env.PROJEN_DISABLE_POST = 'true';",
    "const { readFileSync, writeFileSync } = require('fs');",
    "const { Component } = require('projen/lib/component');",
    `const { PyStreamlitDevstackProject } = require(${JSON.stringify(compiledSrc())});`,
    `const project = new PyStreamlitDevstackProject({ name: 'demo-app', ...${JSON.stringify(options)}, outdir: ${JSON.stringify(dir)} });`,
    'new (class extends Component {',
    '  synthesize() {',
    `    const dockerfile = ${JSON.stringify(join(dir, 'Dockerfile'))};`,
    `    if (${tear}) writeFileSync(dockerfile, readFileSync(dockerfile, 'utf-8').slice(0, ${TORN_LENGTH}));`,
    "    process.kill(process.pid, 'SIGKILL');",
    '  }',
    '})(project);',
    'project.synth();',
    "console.error('the synth was not killed');",
  ].join('\n');
  return spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf-8' });
}
