/**
 * Synth speed, side by side in one run on one machine (part of `npx projen bench`):
 * - this project type: `npx projen` with nothing changed, and after one option change;
 * - projen's built-in `python` project type created with `--projenrc-ts`, its rc
 *   toolchain fixed (local ts-node and TypeScript 5.9; with TypeScript 7 it does not run);
 * - `projen new --from <tarball>` (warm npm cache) and the peak memory of a synth.
 *
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PROJEN_VERSION, projenNew, runOk, workDir } from '../test/e2e/harness/generated-project';

export interface SynthResults {
  runs: number;
  projenNewSeconds: number;
  resynthUnchangedSeconds: number;
  resynthAfterOptionChangeSeconds: number;
  builtinPythonResynthSeconds: number;
  ratioToBuiltin: number;
  peakSynthMemoryMb: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Seconds and peak resident memory (MB) of one `npx projen` run, through GNU time. */
function timedSynth(dir: string): { seconds: number; peakMb: number } {
  const result = runOk('/usr/bin/time', ['-f', 'PEAK_KB=%M', 'npx', 'projen'], dir);
  const peakKb = Number(/PEAK_KB=(\d+)/.exec(result.output)?.[1] ?? NaN);
  return { seconds: result.seconds, peakMb: peakKb / 1024 };
}

function builtinPythonProject(): string {
  const dir = workDir('bench-python-');
  runOk('npx', [`projen@${PROJEN_VERSION}`, 'new', 'python', '--projenrc-ts', '--no-git', '--name', 'pyref', '--module-name', 'pyref',
    '--author-name', 'bench', '--author-email', 'bench@example.com', '--version', '0.1.0'], dir);
  // The rc runner is `npx -p ts-node`, which pulls TypeScript 7 and crashes; local tools make it run.
  runOk('npm', ['init', '-y'], dir);
  runOk('npm', ['install', '--save-dev', `projen@${PROJEN_VERSION}`, 'constructs@^10.5.0', 'ts-node@^10.9.2', 'typescript@~5.9.3'], dir);
  return dir;
}

export function measureSynth(tarball: string, runs: number): SynthResults {
  const created = projenNew(tarball);
  const ours = created.dir;
  const reference = builtinPythonProject();
  // warm-up: the first run of each pays for disk caches
  timedSynth(ours);
  timedSynth(reference);

  const samples = { unchanged: [] as number[], optionChanged: [] as number[], builtin: [] as number[], peakMb: [] as number[] };
  const rcPath = join(ours, '.projenrc.ts');
  for (let i = 0; i < runs; i++) {
    const unchanged = timedSynth(ours);
    samples.unchanged.push(unchanged.seconds);
    samples.peakMb.push(unchanged.peakMb);
    const rc = readFileSync(rcPath, 'utf-8');
    writeFileSync(rcPath, rc.replace(/port: \d+,/, `port: ${i % 2 ? 8501 : 8502},`));
    samples.optionChanged.push(timedSynth(ours).seconds);
    samples.builtin.push(timedSynth(reference).seconds);
  }

  return {
    runs,
    projenNewSeconds: created.result.seconds,
    resynthUnchangedSeconds: median(samples.unchanged),
    resynthAfterOptionChangeSeconds: median(samples.optionChanged),
    builtinPythonResynthSeconds: median(samples.builtin),
    ratioToBuiltin: median(samples.unchanged) / median(samples.builtin),
    peakSynthMemoryMb: Math.max(...samples.peakMb),
  };
}
