import { writeFileSync } from 'fs';
import { join } from 'path';
import { describeWithCheckers, ensureCheckers } from './harness/python-tools';
import { ContainerEngine } from '../../src';
import { synth, tempDir } from '../util';
import { run, RunResult } from './harness/generated-project';

jest.setTimeout(5 * 60 * 1000);

/**
 * Lists the modules a project's Python files import that are neither in the standard
 * library nor declared in its Pipfile (PEP 503 names), using Python's own parser.
 */
const UNDECLARED_IMPORTS = `
import ast, json, re, sys, tomllib
from pathlib import Path

canon = lambda name: re.sub(r"[-_.]+", "-", name).lower()
pipfile = tomllib.loads(Path("Pipfile").read_text())
declared = {canon(n) for section in ("packages", "dev-packages") for n in pipfile.get(section, {})}
local = {p.stem for p in Path(".").rglob("*.py")}
undeclared = set()
for path in sys.argv[1:]:
    for node in ast.walk(ast.parse(Path(path).read_text(), path)):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
        for name in names:
            top = name.split(".")[0]
            if top not in sys.stdlib_module_names and top not in local and canon(top) not in declared:
                undeclared.add(f"{path}: {top}")
print(json.dumps(sorted(undeclared)))
`;

const CONFIGURATIONS: Array<[string, Record<string, unknown>]> = [
  ['the defaults', {}],
  [
    'a custom stack (Python 3.11, apt packages, another entrypoint and port, podman)',
    {
      pythonVersion: '3.11',
      port: 8600,
      appEntrypoint: 'src/dashboard.py',
      aptPackages: ['libgomp1'],
      devAptPackages: ['graphviz'],
      containerEngine: ContainerEngine.PODMAN,
    },
  ],
];

describeWithCheckers('the generated files pass the linters people run (hadolint, ruff, Python\'s ast)', () => {
  let bin: string;
  const tool = (name: string, args: string[], cwd: string): RunResult => run(join(bin, name), args, cwd);

  beforeAll(() => {
    bin = ensureCheckers();
  });

  describe.each(CONFIGURATIONS)('%s', (_name, options) => {
    let dir: string;
    beforeAll(() => {
      dir = tempDir('devstack-checkers-');
      synth(options, dir);
    });

    test('hadolint reports nothing, not even style or info findings', () => {
      const lint = tool('hadolint', ['--no-color', '--failure-threshold', 'style', 'Dockerfile'], dir);
      expect(lint.output.trim()).toBe('');
      expect(lint.status).toBe(0);
    });

    test('ruff check and ruff format --check pass on the app skeleton and its tests', () => {
      const check = tool('ruff', ['check', '--no-cache', '.'], dir);
      expect(check.output).toContain('All checks passed!');
      expect(check.status).toBe(0);
      const format = tool('ruff', ['format', '--no-cache', '--check', '.'], dir);
      expect(format.output).toMatch(/^\d+ files already formatted/m);
      expect(format.status).toBe(0);
    });

    test('every module the app and its tests import is in the standard library or declared in the Pipfile', () => {
      const files = [String(options.appEntrypoint ?? 'app/main.py'), 'tests/test_app.py'];
      const result = run('python3', ['-c', UNDECLARED_IMPORTS, ...files], dir);
      expect(result.status).toBe(0);
      expect(JSON.parse(result.output)).toEqual([]);
    });
  });

  test('negative controls: the same checks do fail on what the issue reported', () => {
    const dir = tempDir('devstack-checkers-');
    synth({}, dir);
    // the old sample imported numpy and pandas, which only arrive through streamlit
    writeFileSync(join(dir, 'app', 'old.py'), 'import numpy as np\nimport pandas as pd\n\nprint(np, pd)\n');
    expect(JSON.parse(run('python3', ['-c', UNDECLARED_IMPORTS, 'app/old.py'], dir).output)).toEqual(['app/old.py: numpy', 'app/old.py: pandas']);
    // a named USER is what hadolint reported before (DL3066)
    writeFileSync(join(dir, 'Named.Dockerfile'), 'FROM python:3.13-slim\nUSER app\n');
    expect(tool('hadolint', ['--no-color', 'Named.Dockerfile'], dir).output).toContain('DL3066');
    // an over-long line, as in the old app/main.py, is reformatted by ruff format
    writeFileSync(join(dir, 'app', 'long.py'), `walk = dict(${Array.from({ length: 12 }, (_, i) => `column_${i}=${i}`).join(', ')})\n`);
    expect(tool('ruff', ['format', '--no-cache', '--check', 'app/long.py'], dir).status).not.toBe(0);
  });
});
