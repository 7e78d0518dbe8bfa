/**
 * `npx projen bench`: synth speed, image size, rebuild time and dev container start,
 * measured side by side in one run on this machine; writes docs/benchmarks.md and
 * docs/benchmarks.svg.
 *
 *   npx projen bench [--runs N] [--only synth|images|devcontainer] [--out DIR]
 */
import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';
import { DevcontainerUpResults, measureDevcontainerUp } from './devcontainer-up';
import { ImageResults, measureImages } from './images';
import { barChartSvg } from './svg-chart';
import { SynthResults, measureSynth } from './synth-speed';
import { REPO_ROOT, cleanUpWorkDirs, packThisPackage } from '../test/e2e/harness/generated-project';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 7) || 7;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const outDir = args.includes('--out') ? args[args.indexOf('--out') + 1] : join(REPO_ROOT, 'docs');

function version(command: string, argv: string[]): string {
  try {
    return execFileSync(command, argv, { encoding: 'utf-8' }).trim().split('\n')[0];
  } catch {
    return 'not installed';
  }
}

function machine(): string[] {
  return [
    `- CPU: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores; memory ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- OS: ${version('uname', ['-sr'])}, ${version('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"'])}`,
    `- Node.js ${process.version}, ${version('podman', ['--version'])}, ${version('python3', ['--version'])}`,
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
  ];
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function synthSection(s: SynthResults): string[] {
  return [
    `## Synth speed (median of ${s.runs} runs)`,
    '',
    '| measurement | value |',
    '|---|---|',
    `| \`npx projen\`, nothing changed | ${f2(s.resynthUnchangedSeconds)} s |`,
    `| \`npx projen\`, after one option change | ${f2(s.resynthAfterOptionChangeSeconds)} s |`,
    `| projen's built-in \`python\` type (\`--projenrc-ts\`), nothing changed | ${f2(s.builtinPythonResynthSeconds)} s |`,
    `| ratio, ours / built-in (goal: at most 0.5) | ${f2(s.ratioToBuiltin)} |`,
    `| \`projen new --from <tarball>\`, warm npm cache | ${f1(s.projenNewSeconds)} s |`,
    `| peak memory of a synth (\`npx projen\` and its children, max RSS) | ${s.peakSynthMemoryMb.toFixed(0)} MB |`,
    '',
    'Goal: under 1.5 s and at most half of the built-in type. The built-in type runs its rc with',
    'type-checking ts-node through `npx -p` and reinstalls its Python requirements on every synth;',
    'this one runs the local ts-node transpile-only (options are validated at run time) and touches',
    'Pipenv or npm only when the Pipfile or package.json changed.',
    '',
  ];
}

function imageSection(i: ImageResults): string[] {
  return [
    '## Image size (same base image, same Pipfile.lock)',
    '',
    '| image | size | vs generated |',
    '|---|---|---|',
    `| base image (stand-in \`python:3.11-slim\`) | ${f1(i.baseImageMb)} MB | |`,
    `| generated \`app\` stage | ${f1(i.generatedAppMb)} MB | 1.00 |`,
    `| seed post's Dockerfile (\`app\` stage) | ${f1(i.seedPostMb)} MB | ${f2(i.seedPostMb / i.generatedAppMb)} |`,
    `| single stage, Streamlit docs style | ${f1(i.streamlitDocsMb)} MB | ${f2(i.streamlitDocsMb / i.generatedAppMb)} |`,
    '',
    `Installed runtime dependencies (\`/opt/venv\`): ${f1(i.runtimeDependenciesMb)} MB. Overhead of the generated image over`,
    `base + dependencies: **${f2(i.appOverheadMb)} MB** (goal: under 5 MB): the app user, the app's files and the venv's few links.`,
    '',
    '## Rebuild time of the generated image',
    '',
    '| build | seconds | vs cold |',
    '|---|---|---|',
    `| cold (no layer cache; pip's download cache warm) | ${f1(i.coldBuildSeconds)} | 1.00 |`,
    `| after an app-code-only change | ${f1(i.codeOnlyRebuildSeconds)} | ${f2(i.codeOnlyRebuildSeconds / i.coldBuildSeconds)} |`,
    `| after a Pipfile change (one package added, re-locked) | ${f1(i.pipfileChangeRebuildSeconds)} | ${f2(i.pipfileChangeRebuildSeconds / i.coldBuildSeconds)} |`,
    '',
    'Goal: a code-only rebuild under a tenth of a cold build. For reference, cold builds of the seed post\'s',
    `Dockerfile took ${f1(i.seedBuildSeconds)} s and of the Streamlit-docs style one ${f1(i.streamlitDocsBuildSeconds)} s.`,
    '',
  ];
}

function devcontainerSection(d: DevcontainerUpResults): string[] {
  return [
    `## Dev container start from a fresh workspace (median of ${d.runs} runs each, alternating)`,
    '',
    '| `devcontainer up`, environment made in | seconds | vs before |',
    '|---|---|---|',
    `| \`postCreateCommand\` (the generated file before) | ${f1(d.postCreateSeconds)} | 1.00 |`,
    `| \`updateContentCommand\` (now: the editor waits for it, prebuilds cache it) | ${f1(d.updateContentSeconds)} | ${f2(d.ratio)} |`,
    '',
    `Every run, in order (s): postCreateCommand ${d.postCreateRuns.map(f1).join(', ')}; updateContentCommand ${d.updateContentRuns.map(f1).join(', ')}.`,
    '',
    'Goal: no slower than before (a ratio of about 1.00 or less). Both variants use the same image',
    '(its layers cached once beforehand); each run starts with no container and no `.venv`, and',
    'Pipenv downloads the packages into the new container each time.',
    '',
  ];
}

const wanted = (part: string) => only === undefined || only === part;

function main(): void {
  const tarball = packThisPackage();
  const synth = wanted('synth') ? measureSynth(tarball, runs) : undefined;
  const images = wanted('images') ? measureImages(tarball) : undefined;
  const devcontainerUp = wanted('devcontainer') ? measureDevcontainerUp(tarball) : undefined;
  const lines = [
    '# Benchmarks',
    '',
    'Measured by `npx projen bench` (scripts in `bench/`), every number in one run on one machine:',
    '',
    ...machine(),
    '',
    '![benchmarks](benchmarks.svg)',
    '',
    ...(synth ? synthSection(synth) : []),
    ...(images ? imageSection(images) : []),
    ...(devcontainerUp ? devcontainerSection(devcontainerUp) : []),
  ];
  const docs = outDir;
  mkdirSync(docs, { recursive: true });
  writeFileSync(join(docs, 'benchmarks.md'), lines.join('\n'));
  writeFileSync(
    join(docs, 'benchmarks.svg'),
    barChartSvg([
      ...(images
        ? [
          {
            title: 'Image size (MB)',
            bars: [
              { label: 'generated app', value: images.generatedAppMb, highlight: true },
              { label: "seed post's Dockerfile", value: images.seedPostMb },
              { label: 'Streamlit docs style', value: images.streamlitDocsMb },
              { label: 'base + dependencies', value: images.baseImageMb + images.runtimeDependenciesMb },
            ],
          },
          {
            title: 'Build time of the generated image (s)',
            bars: [
              { label: 'cold', value: images.coldBuildSeconds },
              { label: 'Pipfile change', value: images.pipfileChangeRebuildSeconds },
              { label: 'app code change', value: images.codeOnlyRebuildSeconds, highlight: true },
            ],
          },
        ]
        : []),
      ...(devcontainerUp
        ? [
          {
            title: 'devcontainer up, fresh workspace (s)',
            bars: [
              { label: 'postCreateCommand (before)', value: devcontainerUp.postCreateSeconds },
              { label: 'updateContentCommand', value: devcontainerUp.updateContentSeconds, highlight: true },
            ],
          },
        ]
        : []),
      ...(synth
        ? [
          {
            title: 'Re-synth time, npx projen (s)',
            bars: [
              { label: 'this project type', value: synth.resynthUnchangedSeconds, highlight: true },
              { label: 'after an option change', value: synth.resynthAfterOptionChangeSeconds, highlight: true },
              { label: "projen's python type", value: synth.builtinPythonResynthSeconds },
            ],
          },
        ]
        : []),
    ]),
  );
  console.log(lines.join('\n'));
}

try {
  main();
} finally {
  cleanUpWorkDirs();
}
