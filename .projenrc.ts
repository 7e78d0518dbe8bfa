import { cdk, github, javascript, JsonFile, YamlFile } from 'projen';

const project = new cdk.JsiiProject({
  name: 'py-streamlit-devstack',
  description:
    'A projen project type for containerized Python/Streamlit apps: multi-stage Dockerfile, dev container, Pipenv and an app skeleton, all kept in sync from .projenrc.ts.',
  author: 'py-streamlit-devstack team',
  authorAddress: 'team@py-streamlit-devstack.dev',
  repositoryUrl: 'https://github.com/py-streamlit-devstack/py-streamlit-devstack.git',
  keywords: ['projen', 'streamlit', 'pipenv', 'docker', 'devcontainer', 'python'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // TypeScript 7 breaks ts-node and jsii; stay on 5.9 (see shared/docs/projen-facts.md).
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',
  // GitHub: a build workflow on pull requests (projen's build with the anti-tamper check, then
  // .ci/run in Debian for the end-to-end tests) and a release workflow on main that bumps the
  // version from conventional commits, writes the changelog and publishes to npm with provenance.
  release: true,
  releaseToNpm: true,
  npmProvenance: true,
  buildWorkflowOptions: { mutableBuild: false },
  githubOptions: { mergify: false },
  // the Node.js LTS of the build and release jobs: projen's release tooling needs 22 or newer
  // (scripts/node-lts.sh gives .ci/run the same line)
  workflowNodeVersion: '24',
  // dependency upgrades stay manual: TypeScript 7 breaks ts-node and jsii (see shared docs)
  depsUpgrade: false,
  peerDeps: ['projen@^0.103.25', 'constructs@^10.5.0'],
  // reads a user's existing Pipfile when a project is adopted (CommonJS: the dev container's Node 18 loads it too);
  // PEP 440 specifiers parsed as Python's packaging does (4.x is the CommonJS line)
  // secretlint's maintained rules scan what projen new would commit (11.x: the line that runs on Node 20; ES modules, run in a child process)
  // devDeps entries read by npm's own parser (12.x: the CommonJS line that runs on Node 18 and 20; ISC)
  // the YAML writer of k8s/ and dependabot.yml (projen's own line, 2.x: output stays byte for byte projen's)
  bundledDeps: ['@iarna/toml@^2.2.5', '@renovatebot/pep440@^4.2.4', '@secretlint/core@^11.7.1', '@secretlint/secretlint-rule-preset-recommend@^11.7.1', 'npm-package-arg@^12.0.2', 'yaml@^2.9.1'],
  devDeps: [
    '@types/node@^20',
    '@types/npm-package-arg@^6.1.4',
    'projen@0.103.25',
    'constructs@^10.8.1',
    // real parsers for the generated files, used by the tests
    'dockerfile-ast@^0.7.1',
    'smol-toml@^1.9.1',
    // Kubernetes' own OpenAPI schemas, to validate the generated manifests offline (4.x: the CommonJS line)
    'kubernetes-models@^4.5.1',
    // property-based tests of hostile option values
    'fast-check@^4.11.0',
    // real clients for the container tests: a browser driver and the Dev Containers CLI
    'playwright-core@^1.65.1',
    '@devcontainers/cli@^0.89.0',
    // the layering of src/ (.dependency-cruiser.cjs), checked in the test task (17.x: the line that runs on Node 20)
    'dependency-cruiser@^17.4.3',
  ],
  jestOptions: {
    // every failure again at the end of the run, where a CI log's tail shows it (jest's default
    // reporter repeats them only past 20 test files; the e2e run has 19)
    preserveDefaultReporters: false,
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
      // a test may synthesize into and delete only the temporary folders it made (unit and e2e tests alike)
      setupFilesAfterEnv: ['<rootDir>/test/setup/temp-folder-guard.ts'],
      // once per run: PyYAML, installed before parallel workers read the generated YAML with it,
      // and the run's folder for the packed tarball the e2e tests share (removed at the end)
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      // istanbul's instrumentation, cached with the transform: v8's coverage converted every
      // loaded module after each test file, 200 of the suite's 285 s on 2 cores
      coverageProvider: 'babel',
      // the tests wait on child processes (npm, git, kubectl, Node) as much as they compute
      maxWorkers: 4,
      reporters: [new javascript.JestReporter('default', { summaryThreshold: 0 })],
    },
  },
  gitignore: ['/.tmp/'],
  // the generated tasks' first step (a missing tool or lock gives one clear sentence with the fix),
  // and the default task's rc runner (a syntax error is file:line:column, not a stack trace)
  bin: {
    'devstack-preflight': 'lib/cli/preflight.js',
    'devstack-projenrc': 'lib/cli/projenrc-runner.js',
    'devstack-cookie-secret': 'lib/cli/cookie-secret.js',
    'devstack-smoke': 'lib/cli/smoke.js',
    'devstack-python-env': 'lib/cli/python-env.js',
    'devstack-publish': 'lib/cli/publish.js',
    'devstack-secret-scan': 'lib/cli/secret-scan.js',
  },
  // eslint's cache (in the ignored .tmp/) re-lints only the files that changed: 11 s of the test task otherwise
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'bench', 'projenrc', '.projenrc.ts'],
    commandOptions: { extraArgs: ['--cache', '--cache-location', '.tmp/eslintcache'] },
  },
});

// Coverage under CI only (.ci/run sets CI): istanbul's bookkeeping is about 8 s of the
// test task's 60 on 2 cores (CI=true npx projen test collects it locally). The property
// tests' counts follow the same variable (test/property-runs.ts).
project.testTask.reset();
project.testTask.exec('jest --passWithNoTests --ci --coverage=$(node -p "Boolean(process.env.CI)")', { receiveArgs: true });
project.testTask.spawn(project.eslint!.eslintTask);

// Only lib/, .jsii, the README, API.md and the license go into the npm package.
for (const path of ['/.tmp/', '/bench/', '/scripts/', '/.ci/', '/docs/', '/test-reports/', '/.dependency-cruiser.cjs']) project.addPackageIgnore(path);


// The layering of src/ written down in .dependency-cruiser.cjs (no import cycle, no import up
// the layers). test/layers.test.ts runs this same check on src/ with every test run (as a test
// file, so it runs alongside the others instead of after them) and proves it fails on an upward import.
const layers = project.addTask('layers', {
  description: 'Check the layering of src/ (.dependency-cruiser.cjs): no import cycle, no import up the layers',
});
layers.execArgs(['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']);

// End-to-end tests: the packed package through the real projen CLI (slow, run separately).
const e2e = project.addTask('test:e2e', {
  description: 'End-to-end tests: pack this package, run `projen new --from <tarball>` and the generated stack',
});
e2e.spawn(project.compileTask);
e2e.execArgs(['jest', '--runInBand', '--coverage=false', '--testPathIgnorePatterns=/node_modules/', '--roots=<rootDir>/test/e2e'], {
  receiveArgs: true,
});

// The build workflow runs projen's build (unit tests, lint, API.md, package) and fails on any
// file it changes. This one runs .ci/run itself, the whole suite on Debian 12 as root with
// podman, chromium and HAProxy, as on the machines this project is developed on.
const endToEnd = project.github!.addWorkflow('e2e');
endToEnd.on({ pullRequest: {}, workflowDispatch: {}, push: { branches: ['main'] } });
endToEnd.addJob('ci-run', {
  name: '.ci/run (Debian 12, root)',
  runsOn: ['ubuntu-latest'],
  timeoutMinutes: 90,
  permissions: { contents: github.workflows.JobPermission.READ },
  // podman inside the job's container needs the privileges a root user has on a machine
  container: { image: 'debian:12', options: ['--privileged'] },
  steps: [
    { name: 'git and certificates (the checkout and the anti-tamper diff need git)', run: 'apt-get update -qq && apt-get install -y -qq git ca-certificates' },
    { name: 'Checkout', uses: 'actions/checkout@v4' },
    { name: 'Trust the checkout (owned by the runner user, used as root)', run: 'git config --global --add safe.directory "$GITHUB_WORKSPACE"' },
    { name: 'Node.js 24', uses: 'actions/setup-node@v4', with: { 'node-version': '24' } },
    { name: 'Go (builds kustomize, kube-score and actionlint for the tests)', uses: 'actions/setup-go@v5', with: { 'go-version': '1.26' } },
    { name: '.ci/run', run: 'bash .ci/run', env: { CI: 'true' } },
  ],
});

// GitHub reads a container's options as one string; projen's model has a list
endToEnd.file!.addOverride('jobs.ci-run.container.options', '--privileged');

// actionlint (with shellcheck) checks every workflow in the e2e tests. projen's own build and
// release templates quote $GITHUB_OUTPUT and friends loosely: info- and style-level shellcheck
// notes there, in code this project does not own, are ignored by name; anything else fails.
new YamlFile(project, '.github/actionlint.yaml', {
  obj: {
    paths: {
      '.github/workflows/{build,release}.yml': {
        ignore: ['SC2086:info:', 'SC2236:style:', 'SC2015:info:'],
      },
    },
  },
});

const all = project.addTask('test:all', {
  description: 'The whole test suite: build (compile, unit tests, lint, API.md, package) and the end-to-end tests',
});
all.spawn(project.buildTask);
all.spawn(e2e);

project.addTask('test:update-snapshots', {
  description: 'Re-record the named per-file snapshots after an intended change',
}).execArgs(['jest', '--updateSnapshot']);

// Benchmark scripts (bench/) share the test helpers; their own tsconfig lets eslint and ts-node find them.
new JsonFile(project, 'bench/tsconfig.json', {
  obj: { extends: '../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '..' }, include: ['**/*.ts', '../test/**/*.ts'] },
});

const bench = project.addTask('bench', {
  description: 'Benchmarks: synth speed, image size, rebuild time, dev container start; writes docs/benchmarks.md and docs/benchmarks.svg',
});
bench.spawn(project.compileTask);
bench.execArgs(['ts-node', '--transpileOnly', '--project', 'bench/tsconfig.json', 'bench/report.ts'], { receiveArgs: true });

project.synth();
