import { DockerfileStage, PyStreamlitDevstackProject } from '../src';
import { errorOf, Options, tempDir } from './util';
import { resolveDevstackOptions } from '../src/resolve-options';

/**
 * Characters that are invisible, blank-looking or reorder text: a name or id holding one
 * looks like another name (or like nothing) in the generated files and in a review.
 */
const INVISIBLE: ReadonlyArray<[string, string]> = [
  ['U+3164 HANGUL FILLER', '\u3164'],
  ['U+115F HANGUL CHOSEONG FILLER', '\u115F'],
  ['U+1160 HANGUL JUNGSEONG FILLER', '\u1160'],
  ['U+FFA0 HALFWIDTH HANGUL FILLER', '\uFFA0'],
  ['U+2800 BRAILLE PATTERN BLANK', '\u2800'],
  ['U+00A0 NO-BREAK SPACE', '\u00A0'],
  ['U+2003 EM SPACE', '\u2003'],
  ['U+3000 IDEOGRAPHIC SPACE', '\u3000'],
  ['U+200B ZERO WIDTH SPACE', '\u200B'],
  ['U+202E RIGHT-TO-LEFT OVERRIDE', '\u202E'],
  ['U+2066 LEFT-TO-RIGHT ISOLATE', '\u2066'],
  ['U+061C ARABIC LETTER MARK', '\u061C'],
  ['U+FEFF BYTE ORDER MARK', '\uFEFF'],
  ['U+034F COMBINING GRAPHEME JOINER', '\u034F'],
  ['U+0000 NUL', '\u0000'],
];

/** Where a name or an id enters: the label the refusal must name, and how the bad name is given. */
interface EntryPoint {
  readonly label: string;
  /** Options of the project (with `name` unless given). */
  readonly options?: (bad: (good: string) => string) => Options;
  /** A call on a project built from `base` options. */
  readonly call?: (project: PyStreamlitDevstackProject, bad: (good: string) => string) => void;
  readonly base?: Options;
}

const K8S: Options = { kubernetes: true };

const ENTRY_POINTS: readonly EntryPoint[] = [
  { label: 'name', options: (bad) => ({ name: bad('my-app') }) },
  { label: 'imageName', options: (bad) => ({ imageName: bad('my-app') }) },
  { label: 'baseImage', options: (bad) => ({ baseImage: bad('python:3.13-slim') }) },
  { label: 'appEntrypoint', options: (bad) => ({ appEntrypoint: bad('app/main.py') }) },
  { label: 'baseUrlPath', options: (bad) => ({ baseUrlPath: bad('dash') }) },
  { label: 'packages', options: (bad) => ({ packages: { [bad('pandas')]: '*' } }) },
  { label: 'devPackages', options: (bad) => ({ devPackages: { [bad('mypy')]: '*' } }) },
  { label: 'aptPackages', options: (bad) => ({ aptPackages: [bad('libgomp1')] }) },
  { label: 'devAptPackages', options: (bad) => ({ devAptPackages: [bad('graphviz')] }) },
  { label: 'vscodeExtensions', options: (bad) => ({ vscodeExtensions: [bad('ms-python.python')] }) },
  { label: 'devcontainerFeatures', options: (bad) => ({ devcontainerFeatures: { [bad('ghcr.io/devcontainers/features/node:1')]: {} } }) },
  { label: 'devcontainerFeatures', options: (bad) => ({ devcontainerFeatures: { [bad('./local-feature')]: {} } }) },
  { label: 'devcontainerFeatures', options: (bad) => ({ devcontainerFeatures: { [bad('https://example.com/feature.tgz')]: {} } }) },
  { label: 'devcontainerFeatures', options: (bad) => ({ devcontainerFeatures: { './local-feature': { [bad('version')]: '1' } } }) },
  { label: 'pipfileSources', options: (bad) => ({ pipfileSources: [{ name: bad('pypi'), url: 'https://pypi.org/simple' }] }) },
  { label: 'pipfileScripts', options: (bad) => ({ pipfileScripts: { [bad('serve')]: 'streamlit run app/main.py' } }) },
  { label: 'packageIndexes', options: (bad) => ({ packages: { pandas: '*' }, packageIndexes: { [bad('pandas')]: 'pypi' } }) },
  { label: 'gitignore', options: (bad) => ({ gitignore: [bad('logs/')] }) },
  { label: 'devDeps', options: (bad) => ({ devDeps: [bad('zod@^3')] }) },
  { label: 'pipenvVersion', options: (bad) => ({ pipenvVersion: bad('2024.0.1') }) },
  { label: 'kubernetesOptions.ingressHost', options: (bad) => ({ ...K8S, kubernetesOptions: { ingressHost: bad('app.example.com') } }) },
  { label: 'kubernetesOptions.ingressClassName', options: (bad) => ({ ...K8S, kubernetesOptions: { ingressClassName: bad('nginx') } }) },
  { label: 'project.pipfile.addPackage()', call: (p, bad) => p.pipfile.addPackage(bad('humanize'), '*') },
  { label: 'project.pipfile.addDevPackage()', call: (p, bad) => p.pipfile.addDevPackage(bad('mypy'), '*') },
  { label: 'project.pipfile.addSource()', call: (p, bad) => p.pipfile.addSource({ name: bad('internal'), url: 'https://pypi.internal.example/simple' }) },
  { label: 'project.pipfile.addScript()', call: (p, bad) => p.pipfile.addScript(bad('serve'), 'streamlit run app/main.py') },
  { label: 'project.devcontainer.addExtensions()', call: (p, bad) => p.devcontainer!.addExtensions(bad('ms-toolsai.jupyter')) },
  { label: 'project.devcontainer.addFeature()', call: (p, bad) => p.devcontainer!.addFeature(bad('ghcr.io/devcontainers/features/node:1')) },
  { label: 'project.devcontainer.addFeature()', call: (p, bad) => p.devcontainer!.addFeature('./local-feature', { [bad('version')]: '1' }) },
  { label: 'project.devcontainer.addPostCreateCommand()', call: (p, bad) => p.devcontainer!.addPostCreateCommand(bad('pre-commit'), 'pipenv', 'run', 'pre-commit', 'install') },
  { label: 'project.dockerfile.addAptPackages()', call: (p, bad) => p.dockerfile.addAptPackages(bad('libgomp1')) },
  { label: 'project.dockerfile.addDevAptPackages()', call: (p, bad) => p.dockerfile.addDevAptPackages(bad('graphviz')) },
  { label: 'project.dockerfile.addEnv()', call: (p, bad) => p.dockerfile.addEnv(DockerfileStage.APP, { [bad('TZ')]: 'Europe/Berlin' }) },
  { label: 'project.dockerfile.addLabels()', call: (p, bad) => p.dockerfile.addLabels({ [bad('org.opencontainers.image.source')]: 'https://github.com/me/app' }) },
  { label: 'project.kubernetes.addEnv()', base: K8S, call: (p, bad) => p.kubernetes!.addEnv(bad('LOG_LEVEL'), 'info') },
  { label: 'project.kubernetes.addEnvFromSecret()', base: K8S, call: (p, bad) => p.kubernetes!.addEnvFromSecret(bad('API_KEY'), 'my-secrets', 'api') },
  { label: 'project.kubernetes.addEnvFromSecret()', base: K8S, call: (p, bad) => p.kubernetes!.addEnvFromSecret('API_KEY', bad('my-secrets'), 'api') },
  { label: 'project.kubernetes.addEnvFromSecret()', base: K8S, call: (p, bad) => p.kubernetes!.addEnvFromSecret('API_KEY', 'my-secrets', bad('api')) },
];

function project(options: Options): PyStreamlitDevstackProject {
  return new PyStreamlitDevstackProject({ name: 'my-app', ...options, outdir: tempDir() });
}

/** One project per set of base options for the method calls: a refused call changes nothing, so the next call may use it. */
const projects = new Map<Options, PyStreamlitDevstackProject>();
function projectFor(base: Options): PyStreamlitDevstackProject {
  if (!projects.has(base)) projects.set(base, project(base));
  return projects.get(base)!;
}

const NO_BASE: Options = {};

/**
 * The refusal's message, or "(accepted)" when nothing was refused. An option is refused by
 * the project type's resolution of its options, which its constructor runs before any
 * component exists (the good values below go through the constructor itself).
 */
function refusal(entry: EntryPoint, bad: (good: string) => string, construct = false): string {
  try {
    if (entry.options && construct) project(entry.options(bad));
    else if (entry.options) resolveDevstackOptions({ name: 'my-app', ...entry.options(bad) }, []);
    else entry.call!(construct ? project(entry.base ?? NO_BASE) : projectFor(entry.base ?? NO_BASE), bad);
  } catch (error) {
    return (error as Error).message;
  }
  return '(accepted)';
}

/** Where a character goes in a name: near the start, at the end, or before a suffix such as `.tgz` or `.py`. */
const PLACES: ReadonlyArray<[string, (char: string) => (good: string) => string]> = [
  ['inside', (char) => (good) => `${good.slice(0, 2)}${char}${good.slice(2)}`],
  ['at the end', (char) => (good) => `${good}${char}`],
  ['before the last four characters', (char) => (good) => `${good.slice(0, -4)}${char}${good.slice(-4)}`],
];

describe('invisible characters are refused in every name and id, naming the option or method', () => {
  const cases = ENTRY_POINTS.flatMap((entry) => INVISIBLE.flatMap(([charName, char]) =>
    PLACES.map(([place, at]) => ({ entry, charName, place, bad: at(char) }))));

  test.each(cases)('$entry.label: $charName $place', ({ entry, bad }) => {
    const message = refusal(entry, bad);
    const subject = entry.label.endsWith('()') ? `invalid argument of ${entry.label}` : `invalid option "${entry.label}`;
    expect(message).toContain(subject);
    // the message shows the character as an escape, so the reader sees what is wrong
    expect(message).toMatch(/\\u[0-9A-F]{4}/);
  });

  test('the good values of the table are accepted (so each refusal above is for the character)', () => {
    for (const entry of ENTRY_POINTS) expect([entry.label, refusal(entry, (good) => good, true)]).toEqual([entry.label, '(accepted)']);
  });

  test('the constructor refuses what the resolution refuses, with the same message', () => {
    for (const entry of ENTRY_POINTS.filter((point) => point.options)) {
      const bad = PLACES[0][1]('\u3164');
      expect([entry.label, refusal(entry, bad, true)]).toEqual([entry.label, refusal(entry, bad)]);
    }
  });

  test('a project name that is only a filler is refused', () => {
    expect(errorOf(() => project({ name: '\u3164' })).message).toContain('invalid option "name": "\\u3164"');
  });
});
