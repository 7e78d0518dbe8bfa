/**
 * `npx projen bench`: synth speed, image size, rebuild time and dev container start,
 * measured side by side in one run on this machine; writes docs/benchmarks.md and
 * docs/benchmarks.svg.
 *
 *   npx projen bench [--runs N] [--only synth|images|devcontainer|previous|scale|test-task] [--out DIR]
 *
 * `--only scale`, `--only previous` and `--only test-task` replace just their section (and chart)
 * of an existing docs/benchmarks.md, so each can be re-measured alone. The test task is measured
 * only when asked for (`--only test-task`, 3 runs unless `--runs` says otherwise): it is minutes
 * of the machine's whole CPU.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';
import { DevcontainerUpResults, measureDevcontainerUp } from './devcontainer-up';
import { ImageResults, measureImages } from './images';
import { measurePreviousVersion, median, Paired, PREVIOUS_COMMIT, PreviousVersionResults } from './previous-version';
import { measureScale, ScaleResults } from './scale';
import { barChartSvg } from './svg-chart';
import { SynthResults, measureSynth } from './synth-speed';
import { measureTestTask, TestTaskResults } from './test-task';
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
    `| ratio, ours / built-in (goal: at most 0.2) | ${f2(s.ratioToBuiltin)} |`,
    `| \`projen new --from <tarball>\`, warm npm cache | ${f1(s.projenNewSeconds)} s |`,
    `| peak memory of a synth (\`npx projen\` and its children, max RSS) | ${s.peakSynthMemoryMb.toFixed(0)} MB |`,
    '',
    'Goal: at most 0.2 of the built-in type. The built-in type runs its rc with type-checking',
    'ts-node through `npx -p` and reinstalls its Python requirements on every synth. This one',
    'transpiles the rc with the local TypeScript (options are validated at run time) and caches',
    'the result, so an unchanged rc does not load TypeScript at all; it loads only the projen',
    'modules it uses, not projen\'s index; and it touches Pipenv or npm only when the Pipfile or',
    'package.json changed. Both sides pay the same `npx` and projen CLI start (about 0.5 s here).',
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

const PREVIOUS_HEADING = '## This version against the previous one';
const PREVIOUS_CHART = 'benchmarks-previous.svg';

function previousSection(p: PreviousVersionResults): string[] {
  const row = (what: string, samples: Paired, goal: string) => {
    const ratio = median(samples.current) / median(samples.previous);
    return `| ${what} | ${f1(median(samples.previous))} s (${samples.previous.map(f1).join(', ')}) | ${f1(median(samples.current))} s (${samples.current.map(f1).join(', ')}) | **${f2(ratio)}** | ${goal} |`;
  };
  return [
    PREVIOUS_HEADING,
    '',
    `The previous version is commit \`${PREVIOUS_COMMIT}\` (pip installs the lock, the dev container makes Pipenv's`,
    'environment when it starts, Debian\'s Node.js), packed from a git worktree; both projects are made the same',
    `way with the same Pipfile.lock (Python ${'3.13'}), and each measurement alternates between them, ${p.runs} runs each`,
    '(median, then every sample in the order it ran).',
    '',
    `![previous version](${PREVIOUS_CHART})`,
    '',
    '| measurement | previous | this version | ratio | goal |',
    '|---|---|---|---|---|',
    row('cold image build (no layer cache, download caches warm)', p.coldBuildSeconds, 'at most 0.5'),
    row('`devcontainer up`, fresh workspace, image layers cached', p.devcontainerUpSeconds, 'at most 0.3'),
    row('`npx projen install` on the host, from no environment', p.installSeconds, 'at most 0.3'),
    row('app image: `podman run` to the first healthy answer', p.firstHealthySeconds, 'no slower (at most 1.0)'),
    '',
    `App image: ${f1(p.imageMb.previous)} MB before, ${f1(p.imageMb.current)} MB now; over base plus dependencies ${f2(p.overheadMb.previous)} MB before,`,
    `**${f2(p.overheadMb.current)} MB** now (goal: under 5 MB).`,
    '',
    'Bytecode: the app stage compiles it at build time, every module but the packages\' own `tests/` folders (`python -m compileall`',
    'on every core; pip compiled every module by default). Without it the',
    `image is ${f1(p.imageMb.currentWithoutBytecode)} MB (${f1(p.imageMb.current - p.imageMb.currentWithoutBytecode)} MB less) and its first healthy answer takes ${f1(median(p.withoutBytecodeFirstHealthySeconds))} s`,
    `(${p.withoutBytecodeFirstHealthySeconds.map(f1).join(', ')}) against ${f1(median(p.firstHealthySeconds.current))} s with it: every start of a replica pays the compile that the build saved,`,
    'and the read-only root filesystem of the Kubernetes Deployment means a container can never keep what it compiled.',
    '',
  ];
}

function previousChart(p: PreviousVersionResults): string {
  const pair = (title: string, samples: Paired) => ({
    title,
    bars: [
      { label: 'previous version', value: median(samples.previous) },
      { label: 'this version', value: median(samples.current), highlight: true },
    ],
  });
  return barChartSvg([
    pair('Cold image build (s)', p.coldBuildSeconds),
    pair('devcontainer up, fresh workspace (s)', p.devcontainerUpSeconds),
    pair('npx projen install, no environment (s)', p.installSeconds),
  ]);
}

const SCALE_HEADING = '## Scale-out: sessions against replicas';
const SCALE_CHART = 'benchmarks-scale.svg';

function scaleSection(r: ScaleResults): string[] {
  return [
    SCALE_HEADING,
    '',
    'Concurrent browser sessions (each a chromium context of its own, so its own cookies) open the',
    'sample app through HAProxy set up like the generated Ingress (cookie affinity); the replicas run',
    'the generated app image as the Deployment does (read-only root, one shared cookie secret). Time to',
    'first render: navigation until the app\'s first text is on screen. Memory per session: growth of',
    'the servers\' resident memory (pid 1 of each replica), summed, divided by the sessions, measured',
    'from servers that have each served one session already (the first run\'s library imports are a',
    'cost per server: see "warm server"). Browser and servers share this machine\'s 2 cores, so the',
    'times include the browser\'s own work for every session. Replicas on one machine share its cores,',
    'so here they cannot make a first render faster; on a cluster each replica brings its own CPU.',
    '',
    `![scale-out](${SCALE_CHART})`,
    '',
    '| replicas | sessions | first render p50 | first render p95 | memory per session | warm server | sessions per replica |',
    '|---|---|---|---|---|---|---|',
    ...r.rows.map((row) =>
      `| ${row.replicas} | ${row.sessions} | ${f2(row.firstRenderP50)} s | ${f2(row.firstRenderP95)} s | ${f1(row.memoryPerSessionMb)} MB | ${f1(row.idleServerMb)} MB | ${row.sessionsPerReplica.join(' / ')} |`,
    ),
    '',
  ];
}

function scaleChart(r: ScaleResults): string {
  const label = (row: ScaleResults['rows'][number]) => `${row.replicas} replica${row.replicas > 1 ? 's' : ''}, ${row.sessions} session${row.sessions > 1 ? 's' : ''}`;
  return barChartSvg([
    { title: 'Time to first render, p95 (s)', bars: r.rows.map((row) => ({ label: label(row), value: row.firstRenderP95, highlight: row.replicas > 1 })) },
    { title: 'Server memory per session (MB)', bars: r.rows.map((row) => ({ label: label(row), value: row.memoryPerSessionMb, highlight: row.replicas > 1 })) },
  ]);
}

const TEST_TASK_HEADING = '## Unit test task: `npx projen test`';

function testTaskSection(t: TestTaskResults): string[] {
  return [
    TEST_TASK_HEADING,
    '',
    `Median of ${t.runs} runs each, alternating, after a warm-up run (jest's and eslint's caches`,
    'filled; the earlier commit\'s kept worktree is warm from its last benchmark), locally (no `CI`:',
    'a twentieth of the property cases, no coverage):',
    '',
    '| `npx projen test` of | seconds | vs before |',
    '|---|---|---|',
    `| \`${t.baseline}\` (before issue 19) | ${f1(t.baselineMedian)} | 1.00 |`,
    `| this checkout | ${f1(t.currentMedian)} | ${f2(t.ratio)} |`,
    '',
    `Every run, in order (s): this checkout ${t.currentSeconds.map(f1).join(', ')}; before ${t.baselineSeconds.map(f1).join(', ')}.`,
    '',
    'Goal: under 60 s on 2 cores. Under `CI` every property runs its full count, with coverage,',
    'so CI takes longer (see the README, "Tests").',
    '',
  ];
}

/** Where the section under `heading` starts and ends (the next section's heading, or the end) in a report's lines. */
function sectionBounds(lines: readonly string[], heading: string): { start: number; end: number } | undefined {
  const start = lines.indexOf(heading);
  if (start < 0) return undefined;
  const next = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return { start, end: next < 0 ? lines.length : next };
}

/** The section under `heading` of a report; none when it has no such heading. */
function sectionOf(report: string, heading: string): string[] {
  const lines = report.split('\n');
  const bounds = sectionBounds(lines, heading);
  return bounds ? lines.slice(bounds.start, bounds.end) : [];
}

/** Replaces the section under `heading` of an existing report (or appends it), leaving the other sections as measured. */
function spliceSection(report: string, heading: string, section: string[]): string {
  const lines = report.split('\n');
  const bounds = sectionBounds(lines, heading);
  if (!bounds) return [...lines, ...section].join('\n');
  return [...lines.slice(0, bounds.start), ...section, ...lines.slice(bounds.end)].join('\n');
}

const wanted = (part: string) => only === undefined || only === part;

async function main(): Promise<void> {
  if (only === 'test-task') {
    const section = testTaskSection(measureTestTask(args.includes('--runs') ? runs : 3));
    const report = join(outDir, 'benchmarks.md');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(report, spliceSection(existsSync(report) ? readFileSync(report, 'utf-8') : '# Benchmarks\n', TEST_TASK_HEADING, section));
    console.log(section.join('\n'));
    return;
  }
  const tarball = packThisPackage();
  const synth = wanted('synth') ? measureSynth(tarball, runs) : undefined;
  const images = wanted('images') ? measureImages(tarball) : undefined;
  const devcontainerUp = wanted('devcontainer') ? measureDevcontainerUp(tarball) : undefined;
  const previous = wanted('previous') ? await measurePreviousVersion(tarball, Math.min(runs, 3)) : undefined;
  const scale = wanted('scale') ? await measureScale(tarball) : undefined;
  const docs = outDir;
  mkdirSync(docs, { recursive: true });
  if (scale) writeFileSync(join(docs, SCALE_CHART), scaleChart(scale));
  if (previous) writeFileSync(join(docs, PREVIOUS_CHART), previousChart(previous));
  const alone = only === 'scale' ? { heading: SCALE_HEADING, section: scale && scaleSection(scale) } : only === 'previous' ? { heading: PREVIOUS_HEADING, section: previous && previousSection(previous) } : undefined;
  if (alone?.section && existsSync(join(docs, 'benchmarks.md'))) {
    writeFileSync(join(docs, 'benchmarks.md'), spliceSection(readFileSync(join(docs, 'benchmarks.md'), 'utf-8'), alone.heading, alone.section));
    console.log(alone.section.join('\n'));
    return;
  }
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
    ...(previous ? previousSection(previous) : []),
    ...(scale ? scaleSection(scale) : []),
    // measured only with --only test-task: a full run keeps the last measurement
    ...(existsSync(join(docs, 'benchmarks.md')) ? sectionOf(readFileSync(join(docs, 'benchmarks.md'), 'utf-8'), TEST_TASK_HEADING) : []),
  ];
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

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanUpWorkDirs());
