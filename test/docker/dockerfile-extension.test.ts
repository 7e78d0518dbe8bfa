import { DockerfileParser } from 'dockerfile-ast';
import { Testing } from 'projen/lib/testing';
import { Dockerfile, DockerfileStage } from '../../src';
import { bareProject, synth } from '../util';

const OPTIONS = { baseImage: 'python:3.12-slim', port: 8501, appEntrypoint: 'app/main.py', pipenvVersion: '2026.10.3' };

/** The Dockerfile component alone, on a bare projen project. */
function alone(customize: (dockerfile: Dockerfile) => void = () => {}): string {
  const project = bareProject();
  customize(new Dockerfile(project, OPTIONS));
  return Testing.synth(project).Dockerfile;
}

/** Each stage's instructions as `KEYWORD arguments` (continued lines joined, spaces collapsed), by stage name. */
function stages(text: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  let current = '';
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction.getKeyword() === 'FROM') current = /AS (\w+)/.exec(instruction.getTextContent())![1];
    else (result[current] ??= []).push(`${instruction.getKeyword()} ${instruction.getArgumentsContent()}`.replace(/\s+/g, ' '));
  }
  return result;
}

describe('project.dockerfile: a model of the stages that .projenrc.ts extends', () => {
  test('works alone on a bare projen Project, with the four stages in build order (app last)', () => {
    const project = bareProject();
    const dockerfile = new Dockerfile(project, OPTIONS);
    expect(dockerfile.stages).toEqual(['base', 'builder', 'development', 'app']);
    expect(Object.keys(stages(Testing.synth(project).Dockerfile))).toEqual(['base', 'builder', 'development', 'app']);
  });

  test('addInstructions appends to each stage where it runs as root: before USER, and in app before the code is copied', () => {
    const s = stages(alone((d) => {
      d.addInstructions(DockerfileStage.BASE, 'RUN echo base');
      d.addInstructions(DockerfileStage.BUILDER, 'RUN echo builder');
      d.addInstructions(DockerfileStage.APP, 'RUN python -m compileall -q /opt/venv', 'WORKDIR /workspace');
      d.addInstructions(DockerfileStage.DEVELOPMENT, 'RUN echo dev');
    }));
    expect(s.base.at(-1)).toBe('RUN echo base');
    expect(s.builder.at(-1)).toBe('RUN echo builder');
    const app = s.app;
    const added = app.indexOf('RUN python -m compileall -q /opt/venv');
    expect(app[added + 1]).toBe('WORKDIR /workspace');
    expect(added).toBeGreaterThan(app.findIndex((line) => line.startsWith('RUN') && line.includes('--require-hashes')));
    expect(added).toBeLessThan(app.findIndex((line) => line.startsWith('USER')));
    expect(app.at(-1)).toBe('COPY . .');
    const dev = s.development;
    expect(dev.indexOf('RUN echo dev')).toBeLessThan(dev.findIndex((line) => line.startsWith('USER')));
  });

  test('an instruction may continue over lines with a backslash, as in a hand-written Dockerfile', () => {
    const text = alone((d) => d.addInstructions(DockerfileStage.BASE, 'RUN echo one \\\n && echo two'));
    expect(text).toContain('RUN echo one \\\n && echo two\n');
    expect(stages(text).base.at(-1)).toBe('RUN echo one && echo two');
  });

  test('addAptPackages and addDevAptPackages join the option lists, sorted and without repeats', () => {
    const project = bareProject();
    const dockerfile = new Dockerfile(project, { ...OPTIONS, aptPackages: ['libpq5'], devAptPackages: ['graphviz'] });
    dockerfile.addAptPackages('libgomp1', 'libpq5');
    dockerfile.addDevAptPackages('make');
    const s = stages(Testing.synth(project).Dockerfile);
    expect(s.base.find((line) => line.includes('apt-get install'))).toContain('--no-install-recommends libgomp1 libpq5 ');
    expect(s.development.find((line) => line.includes('apt-get install'))).toContain('--no-install-recommends git graphviz make openssh-client ');
  });

  test('addEnv writes one ENV per stage, sorted by name, quoted; a later value replaces an earlier one', () => {
    const s = stages(alone((d) => {
      d.addEnv(DockerfileStage.APP, { TZ: 'UTC', APP_MODE: 'first' });
      d.addEnv(DockerfileStage.APP, { APP_MODE: 'say "hi" to $USER' });
    }));
    expect(s.app).toContain('ENV APP_MODE="say \\"hi\\" to $USER" TZ="UTC"');
  });

  test('addLabels labels the production image only, sorted by key', () => {
    const s = stages(alone((d) => d.addLabels({ 'org.opencontainers.image.source': 'https://github.com/me/app', 'com.example.team': 'data' })));
    expect(s.app.filter((line) => line.startsWith('LABEL'))).toEqual([
      'LABEL com.example.team="data" org.opencontainers.image.source="https://github.com/me/app"',
    ]);
    expect(s.base.concat(s.builder, s.development).some((line) => line.startsWith('LABEL'))).toBe(false);
  });

  test('output is deterministic: the same calls in another order give the same variables and labels', () => {
    const one = alone((d) => {
      d.addEnv(DockerfileStage.BASE, { A: '1' });
      d.addEnv(DockerfileStage.BASE, { B: '2' });
      d.addLabels({ 'b.key': 'x' });
      d.addLabels({ 'a.key': 'y' });
      d.addAptPackages('zlib1g', 'curl');
    });
    const two = alone((d) => {
      d.addAptPackages('curl', 'zlib1g');
      d.addLabels({ 'a.key': 'y', 'b.key': 'x' });
      d.addEnv(DockerfileStage.BASE, { B: '2', A: '1' });
    });
    expect(one).toBe(two);
  });

  test.each([
    ['a keyword it does not know', () => alone((d) => d.addInstructions(DockerfileStage.BASE, 'RUNN echo')), /invalid argument of project\.dockerfile\.addInstructions\(\): "RUNN echo"\. Each instruction starts with a Dockerfile keyword/],
    ['FROM, which would start a stage', () => alone((d) => d.addInstructions(DockerfileStage.APP, 'FROM alpine')), /The stack writes FROM, USER, CMD, ENTRYPOINT, HEALTHCHECK, EXPOSE of the app stage itself/],
    ['USER in app, which the stack sets last', () => alone((d) => d.addInstructions(DockerfileStage.APP, 'USER root')), /change the option instead\. Example: project\.dockerfile\.addInstructions\(DockerfileStage\.APP/],
    ['two lines without a backslash', () => alone((d) => d.addInstructions(DockerfileStage.BASE, 'RUN a\nRUN b')), /An instruction is one line, or several joined by a backslash/],
    ['a stage that does not exist', () => alone((d) => d.addInstructions('prod' as DockerfileStage, 'RUN a')), /It must be one of "base", "builder", "development", "app"/],
    ['an apt package name with a space', () => alone((d) => d.addAptPackages('lib pq')), /invalid argument of project\.dockerfile\.addAptPackages\(\): "lib pq"\. Debian package names are lower-case letters.*Example: project\.dockerfile\.addAptPackages\("libgomp1"\)/],
    ['PATH, which the app stage sets', () => alone((d) => d.addEnv(DockerfileStage.APP, { PATH: '/usr/bin' })), /The stack sets PATH in this stage itself/],
    ['a variable name with a dash', () => alone((d) => d.addEnv(DockerfileStage.BASE, { 'MY-VAR': '1' })), /Variable names are letters, digits and _/],
    ['a value over two lines', () => alone((d) => d.addEnv(DockerfileStage.BASE, { A: 'x\ny' })), /one-line string/],
    ['an upper-case label key', () => alone((d) => d.addLabels({ Team: 'x' })), /Label keys are lower-case reverse-DNS names/],
  ])('refuses %s, naming the method, the rule and an example', (_what, call, message) => {
    expect(call).toThrow(message);
  });

  test('through the project type: the same methods on project.dockerfile reach the generated Dockerfile', () => {
    const text = synth({}, undefined, (project) => project.dockerfile.addInstructions(DockerfileStage.APP, 'RUN python -m compileall -q /opt/venv')).Dockerfile;
    expect(stages(text).app).toContain('RUN python -m compileall -q /opt/venv');
  });
});

describe('the development stage\'s baked toolchain', () => {
  test('alone, nothing is baked; given packages, one layer installs them, quoted', () => {
    expect(stages(alone()).development.join('\n')).not.toContain('npm install');
    const project = bareProject();
    new Dockerfile(project, { ...OPTIONS, devToolchainPackages: ['projen@0.103.25', '@scope/tool@>=1.2 <2'] });
    const install = stages(Testing.synth(project).Dockerfile).development.filter((line) => line.includes('npm install'));
    expect(install).toEqual([expect.stringContaining("npm install --prefix /opt/devstack-toolchain --no-save --no-audit --no-fund --loglevel=error 'projen@0.103.25' '@scope/tool@>=1.2 <2' ||")]);
  });
});

describe('the Dockerfile component alone applies the options\' rules to its own options', () => {
  test.each([
    ['a port below 1024', { port: 80 }, /invalid option "port": 80/],
    ['a base image that is no OCI reference', { baseImage: 'Python 3' }, /invalid option "baseImage"/],
    ['an app in a folder the image leaves out', { appEntrypoint: 'tests/app.py' }, /invalid option "appEntrypoint"/],
    ['an apt package with a space', { aptPackages: ['lib pq'] }, /invalid option "aptPackages"/],
    ['a toolchain package with a shell character', { devToolchainPackages: ['projen@1; rm -rf /'] }, /invalid option "devToolchainPackages".*name@range/],
    ['a toolchain package without a version', { devToolchainPackages: ['projen'] }, /invalid option "devToolchainPackages"/],
  ])('refuses %s', (_what, options, message) => {
    expect(() => new Dockerfile(bareProject(), { ...OPTIONS, ...options })).toThrow(message);
  });
});
