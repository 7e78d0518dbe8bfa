import { DockerfileStage, PyStreamlitDevstackProject } from '../../src';
import { errorOf, synth } from '../util';

/** The Dockerfile after `customize`, or the refusal's message. */
function dockerfileWith(customize: (project: PyStreamlitDevstackProject) => void): string {
  return synth({}, undefined, customize).Dockerfile;
}

function refusal(customize: (project: PyStreamlitDevstackProject) => void): string {
  return errorOf(() => dockerfileWith(customize)).message;
}

const LONG = 'x'.repeat(100_000);

describe('Dockerfile values are refused unless BuildKit and buildah read them as meant (the real builds: test/e2e/dockerfile-values.e2e.test.ts)', () => {
  test.each([
    ['an unclosed ${ in an ENV value', 'x${y'],
    ['$5 in an ENV value', 'cost $5'],
    ['a lone $ in an ENV value', 'a $ b'],
    ['${NAME:-default} in an ENV value', '${A:-b}'],
  ])('%s is refused, with the escape for a literal dollar', (_, value) => {
    const message = refusal((p) => p.dockerfile.addEnv(DockerfileStage.APP, { VALUE: value }));
    expect(message).toContain('invalid argument of project.dockerfile.addEnv()');
    expect(message).toContain('A "$" in an ENV value starts a variable the build expands, $NAME or ${NAME}');
    expect(message).toContain('write a literal dollar sign as \\$');
    expect(message).toContain('Example: project.dockerfile.addEnv(DockerfileStage.APP, { PRICE_FORMAT: "\\\\$5" })');
  });

  test('$NAME and ${NAME} are written for the build to expand; \\$ stays a literal dollar; quotes and backslashes are escaped', () => {
    const dockerfile = dockerfileWith((p) => p.dockerfile.addEnv(DockerfileStage.APP, { A: '${PYTHONUNBUFFERED}/$LANG', B: 'cost \\$5', C: 'say "hi" C:\\temp' }));
    expect(dockerfile).toContain('ENV A="${PYTHONUNBUFFERED}/$LANG" \\\n    B="cost \\$5" \\\n    C="say \\"hi\\" C:\\\\temp"');
  });

  test('label values are written literally: $5 and ${ escaped', () => {
    const dockerfile = dockerfileWith((p) => p.dockerfile.addLabels({ 'org.example.price': 'cost $5', 'org.example.template': '${x' }));
    expect(dockerfile).toContain('LABEL org.example.price="cost \\$5" \\\n      org.example.template="\\${x"');
  });

  test.each([
    ['project.dockerfile.addEnv()', (p: PyStreamlitDevstackProject) => p.dockerfile.addEnv(DockerfileStage.APP, { BIG: LONG })],
    ['project.dockerfile.addLabels()', (p: PyStreamlitDevstackProject) => p.dockerfile.addLabels({ 'org.example.big': LONG })],
    ['project.dockerfile.addInstructions()', (p: PyStreamlitDevstackProject) => p.dockerfile.addInstructions(DockerfileStage.APP, `RUN echo ${LONG}`)],
  ])('a 100,000-character value is refused by %s: buildah stops reading at a 64 KiB line', (method, customize) => {
    const message = refusal(customize);
    expect(message).toContain(`invalid argument of ${method}`);
    expect(message).toContain('is at most 16384 bytes: buildah stops reading a Dockerfile at a line of 64 KiB and builds without the rest');
    expect(message.length).toBeLessThan(1000);
  });

  test('USER in base is refused: the later stages need root for apt-get, pip and useradd', () => {
    const message = refusal((p) => p.dockerfile.addInstructions(DockerfileStage.BASE, 'USER 1000'));
    expect(message).toContain('invalid argument of project.dockerfile.addInstructions(): "USER 1000". USER in the base stage would run the later stages\' apt-get, pip and useradd as that user, and they need root');
    expect(refusal((p) => p.dockerfile.addInstructions(DockerfileStage.BUILDER, 'user app'))).toContain('USER in the builder stage');
  });

  test.each([
    ['addEnv', (p: PyStreamlitDevstackProject) => p.dockerfile.addEnv(DockerfileStage.BASE, { PATH: '/opt/tools/bin' })],
    ['an ENV instruction', (p: PyStreamlitDevstackProject) => p.dockerfile.addInstructions(DockerfileStage.BASE, 'ENV PATH=/opt/tools/bin')],
    ['a legacy ENV instruction', (p: PyStreamlitDevstackProject) => p.dockerfile.addInstructions(DockerfileStage.BASE, 'ENV PATH /opt/tools/bin')],
    ['an ENV instruction of several variables', (p: PyStreamlitDevstackProject) => p.dockerfile.addInstructions(DockerfileStage.BASE, 'ENV A=1 PATH="/opt/tools/bin"')],
  ])('a PATH that replaces the inherited one in base is refused (%s)', (_, customize) => {
    expect(refusal(customize)).toContain('Replacing PATH in the base stage hides python, pip and apt-get from the builder, app and development stages; extend it instead, keeping $PATH');
  });

  test('a PATH that extends the inherited one in base is accepted', () => {
    const dockerfile = dockerfileWith((p) => {
      p.dockerfile.addEnv(DockerfileStage.BASE, { PATH: '/opt/tools/bin:$PATH' });
      p.dockerfile.addInstructions(DockerfileStage.BASE, 'ENV PATH=${PATH}:/opt/more/bin');
    });
    expect(dockerfile).toContain('ENV PATH="/opt/tools/bin:$PATH"');
    expect(dockerfile).toContain('ENV PATH=${PATH}:/opt/more/bin');
  });

  test.each([
    ['upper-case hex', `python:3.13-slim@sha256:${'A'.repeat(64)}`],
    ['too short', `python:3.13-slim@sha256:${'a'.repeat(40)}`],
    ['too long', `python:3.13-slim@sha256:${'a'.repeat(65)}`],
    ['sha512 of a sha256 length', `python:3.13-slim@sha512:${'a'.repeat(64)}`],
    ['an algorithm the engines do not know', `python:3.13-slim@md5:${'a'.repeat(32)}`],
  ])('a base image digest that podman refuses is refused: %s', (_, baseImage) => {
    const message = errorOf(() => synth({ baseImage })).message;
    expect(message).toContain(`invalid option "baseImage": "${baseImage}"`);
    expect(message).toContain('optional @sha256: and 64 lower-case hex digits');
  });

  test('a correct digest is accepted', () => {
    const baseImage = `python:3.13-slim@sha256:${'0123456789abcdef'.repeat(4)}`;
    expect(synth({ baseImage }).Dockerfile).toContain(`FROM ${baseImage} AS base`);
  });
});
