import { readdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as fc from 'fast-check';
import { Project } from 'projen/lib/project';
import { Testing } from 'projen/lib/testing';
import { parse } from 'smol-toml';
import { Pipfile, PyStreamlitDevstackProject } from '../../src';
import { needsQuotesForYaml11 } from '../../src/files/yaml-scalars';
import { readExistingPipfile } from '../../src/pipenv/existing-pipfile';
import { renderProjenrc } from '../../src/projenrc/render-projenrc';
import { resolveDevstackOptions } from '../../src/resolve-options';
import { OptionError } from '../../src/validation';
import { propertyParameters, synth, tasksOf, tempDir } from '../util';

/**
 * Credentials and plain http in package index and Feature URLs: the Pipfile, its lock and
 * devcontainer.json are committed, so a literal credential is refused everywhere a URL
 * enters (option, method, adopted Pipfile), with a message that never repeats it; the
 * environment-variable form Pipenv expands is accepted, written verbatim, and reaches the
 * image build as build secrets. test/e2e/index-auth.e2e.test.ts runs it for real.
 */

const SECRET = 's3cr3tT0ken';
const PYPI = { name: 'pypi', url: 'https://pypi.org/simple' };
const internal = (url: string) => ({ pipfileSources: [PYPI, { name: 'internal', url }] });

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionError);
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe('pipfileSources: credentials only as environment variables, http only to loopback', () => {
  test.each([
    ['a user and password', `https://deploy:${SECRET}@pypi.internal.example/simple`, /The url holds a credential \(the user:password before "@"\)/],
    ['a token as the user', `https://${SECRET}@pypi.internal.example/simple`, /The url holds a credential/],
    ['a variable user with a literal password', `https://\${INDEX_USER}:${SECRET}@pypi.internal.example/simple`, /The url holds a credential/],
    ['a literal user with a variable password', 'https://deploy:${INDEX_PASSWORD}@pypi.internal.example/simple', /The url holds a credential/],
    ['a password glued to a variable', `https://\${INDEX_USER}:\${INDEX_PASSWORD}${SECRET}@pypi.internal.example/simple`, /The url holds a credential/],
    ['an empty userinfo', 'https://@pypi.internal.example/simple', /The url holds a credential/],
    ['a lower-case variable (pip leaves it unexpanded)', 'https://${index_user}:${INDEX_PASSWORD}@pypi.internal.example/simple', /"\$\{index_user\}" would stay unexpanded in the image build: pip, which installs the lock there, expands only \$\{NAME\} with upper-case letters/],
    ['a PIP_* variable (pip reads PIP_USER as --user)', 'https://${PIP_USER}:${PIP_PASSWORD}@pypi.internal.example/simple', /"\$\{PIP_USER\}" is a setting of pip or Pipenv: .*PIP_USER=alice is pip install --user=alice/],
    ['a PIPENV_* variable', 'https://${INDEX_USER}:${PIPENV_PASSWORD}@pypi.internal.example/simple', /"\$\{PIPENV_PASSWORD\}" is a setting of pip or Pipenv/],
    ['a variable in the host', 'https://${INDEX_HOST}/simple', /Environment variables are supported only as the user and the password/],
    ['a variable in the path', 'https://pypi.internal.example/${TEAM}/simple', /Environment variables are supported only as the user and the password/],
    ['a token in the query', `https://pypi.internal.example/simple?token=${SECRET}`, /The query parameter "token" holds a credential/],
    ['an API key in the query', `https://pypi.internal.example/simple?page=1&api_key=${SECRET}`, /The query parameter "api_key" holds a credential/],
    ['a signed URL', `https://bucket.example/simple?X-Amz-Signature=${SECRET}`, /The query parameter "X-Amz-Signature" holds a credential/],
    ['http to another host', 'http://pypi.internal.example/simple', /Plain http:\/\/ is unencrypted.*http:\/\/ only for a loopback host/],
    ['http to a private address', 'http://10.0.0.5:3141/simple', /Plain http:\/\/ is unencrypted/],
    ['http to a name that starts like loopback', 'http://127.0.0.1.example.com/simple', /Plain http:\/\/ is unencrypted/],
  ])('%s is refused, naming the option, with an example, never repeating the secret', (_what, url, rule) => {
    const message = refusal(() => synth(internal(url)));
    expect(message).toMatch(/^py-streamlit-devstack: invalid option "pipfileSources": /);
    expect(message).toMatch(rule);
    expect(message).toMatch(/\. Example: pipfileSources: \[.*\]$/);
    expect(message).not.toContain(SECRET);
  });

  test('a literal credential is shown as *** and the fix is the ${VAR} form', () => {
    const message = refusal(() => synth(internal(`https://deploy:${SECRET}@pypi.internal.example/simple`)));
    expect(message).toContain('{"name":"internal","url":"https://***@pypi.internal.example/simple"}');
    expect(message).toContain('Example: pipfileSources: [{ name: "pypi", url: "https://pypi.org/simple" }, { name: "internal", url: "https://${INDEX_USER}:${INDEX_PASSWORD}@pypi.internal.example/simple" }]');
  });

  test.each([
    ['${NAME} user and password', 'https://${INDEX_USER}:${INDEX_PASSWORD}@pypi.internal.example/simple'],
    ['$NAME user and password (Pipenv expands both forms)', 'https://$INDEX_USER:$INDEX_PASSWORD@pypi.internal.example/simple'],
    ['a token variable alone', 'https://${INDEX_TOKEN}@pypi.internal.example/simple'],
    ['http to 127.0.0.1', 'http://127.0.0.1:8080/simple'],
    ['http to 127.0.0.0/8', 'http://127.5.6.7/simple'],
    ['http to localhost', 'http://localhost:3141/root/pypi/+simple/'],
    ['http to [::1]', 'http://[::1]:3141/simple'],
    ['http to loopback with variables', 'http://${INDEX_USER}:${INDEX_PASSWORD}@127.0.0.1:8080/simple'],
    ['a query without a credential', 'https://pypi.internal.example/simple?format=html'],
  ])('%s is accepted and written into the Pipfile verbatim', (_what, url) => {
    const pipfile = parse(synth(internal(url)).Pipfile) as any;
    expect(pipfile.source[1]).toEqual({ name: 'internal', url, verify_ssl: true });
  });

  test('project.pipfile.addSource applies the same rules, naming the method', () => {
    const message = refusal(() => synth({}, undefined, (project) => project.pipfile.addSource({ name: 'internal', url: `https://deploy:${SECRET}@pypi.internal.example/simple` })));
    expect(message).toMatch(/^py-streamlit-devstack: invalid argument of project\.pipfile\.addSource\(\): \{"name":"internal","url":"https:\/\/\*\*\*@pypi\.internal\.example\/simple"\}\. The url holds a credential/);
    expect(message).toContain('Example: project.pipfile.addSource({ name: "internal", url: "https://${INDEX_USER}:${INDEX_PASSWORD}@pypi.internal.example/simple" })');
    expect(message).not.toContain(SECRET);
    expect(() => synth({}, undefined, (project) => project.pipfile.addSource({ name: 'mirror', url: 'http://mirror.example/simple' }))).toThrow(
      /invalid argument of project\.pipfile\.addSource\(\): .*Plain http:\/\/ is unencrypted/,
    );
  });

  test('the Pipfile component alone refuses a literal credential in its sources option', () => {
    const project = new Project({ name: 'bare', outdir: tempDir() });
    expect(() => new Pipfile(project, { pythonVersion: '3.12', sources: [{ name: 'internal', url: `https://deploy:${SECRET}@h.example/simple` }] })).toThrow(
      /invalid option "pipfileSources": .*The url holds a credential/,
    );
  });

  test('a refused source writes nothing', () => {
    const dir = tempDir();
    expect(() => new PyStreamlitDevstackProject({ name: 'demo-app', outdir: dir, ...internal(`https://deploy:${SECRET}@h.example/simple`) }).synth()).toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('an adopted Pipfile with a credential in a [[source]] url', () => {
  const pipfileWith = (url: string) => `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[[source]]
url = "${url}"
verify_ssl = true
name = "internal"

[packages]
streamlit = "*"
`;

  function synthAsCreation(dir: string) {
    process.env.PROJEN_CREATE_PROJECT = 'true';
    try {
      return synth({}, dir);
    } finally {
      delete process.env.PROJEN_CREATE_PROJECT;
    }
  }

  test('is refused in one sentence naming the source, its line and the fix; nothing is written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Pipfile'), pipfileWith(`https://deploy:${SECRET}@pypi.internal.example/simple`));
    let message = '';
    try {
      synthAsCreation(dir);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^py-streamlit-devstack: Pipfile:6: cannot adopt \[\[source\]\] "internal": The url holds a credential \(the user:password before "@"\).*environment variables instead, \$\{NAME\}.*\. Change or remove it in the Pipfile, then run projen new again \(nothing was changed\)\.$/);
    expect(message).not.toContain(SECRET);
    expect(readdirSync(dir)).toEqual(['Pipfile']);
  });

  test.each([
    ['plain http to another host', 'http://pypi.internal.example/simple', /Pipfile:6: cannot adopt \[\[source\]\] "internal": Plain http:\/\/ is unencrypted/],
    ['a PIP_* variable', 'https://${PIP_USER}:${PIP_PASSWORD}@pypi.internal.example/simple', /Pipfile:6: cannot adopt \[\[source\]\] "internal": "\$\{PIP_USER\}" is a setting of pip or Pipenv/],
  ])('%s is refused at its source too', (_what, url, expected) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Pipfile'), pipfileWith(url));
    expect(() => readExistingPipfile(dir)).toThrow(expected);
  });

  test('the ${VAR} form carries over verbatim into the options and the Pipfile', () => {
    const dir = tempDir();
    const url = 'https://${INDEX_USER}:${INDEX_PASSWORD}@pypi.internal.example/simple';
    writeFileSync(join(dir, 'Pipfile'), pipfileWith(url));
    const adopted = readExistingPipfile(dir);
    expect(adopted?.pipfileSources?.[1]).toEqual({ name: 'internal', url, verifySsl: true });
    const files = synthAsCreation(dir);
    expect((parse(files.Pipfile) as any).source[1].url).toBe(url);
    // the rc writes it as a JSON string literal, which TypeScript does not interpolate
    const rc = renderProjenrc(resolveDevstackOptions({ name: 'demo-app', pipfileSources: adopted?.pipfileSources }, []), ['pipfileSources']);
    expect(rc).toContain(`"url": "${url}"`);
  });
});

describe('Feature tarball URLs carry no credential (the Dev Containers CLI expands no variables in Feature ids)', () => {
  test.each([
    ['a user and token', `https://deploy:${SECRET}@features.example/hello.tgz`, /"https:\/\/\*\*\*@features\.example\/hello\.tgz"\. A Feature URL cannot carry a credential \(a user or password before "@"\)/],
    ['a ${VAR} user (not expanded there)', 'https://${FEATURE_TOKEN}@features.example/hello.tgz', /A Feature URL cannot carry a credential/],
    ['a token in the query', `https://features.example/download?token=${SECRET}&name=hello.tgz`, /A Feature URL cannot carry a credential \(the query parameter "token"\)/],
  ])('%s is refused in the option and in addFeature, never repeating the secret', (_what, id, rule) => {
    const fromOption = refusal(() => synth({ devcontainerFeatures: { [id]: {} } }));
    expect(fromOption).toMatch(/^py-streamlit-devstack: invalid option "devcontainerFeatures": /);
    expect(fromOption).toMatch(rule);
    expect(fromOption).not.toContain(SECRET);
    const fromMethod = refusal(() => synth({}, undefined, (project) => project.devcontainer?.addFeature(id)));
    expect(fromMethod).toMatch(/^py-streamlit-devstack: invalid argument of project\.devcontainer\.addFeature\(\): /);
    expect(fromMethod).toMatch(rule);
    expect(fromMethod).not.toContain(SECRET);
  });

  test('an https .tgz without a credential is still accepted', () => {
    const config = JSON.parse(synth({ devcontainerFeatures: { 'https://features.example/hello.tgz': {} } })['.devcontainer/devcontainer.json'].replace(/^\/\/.*\n/, ''));
    expect(config.features).toEqual({ 'https://features.example/hello.tgz': {} });
  });
});

describe('the image build gets the variables as build secrets', () => {
  const URL = 'https://${INDEX_USER}:${INDEX_PASSWORD}@pypi.internal.example/simple';

  test('the app stage mounts one secret per variable, exports it for uv (which expands ${NAME} in the exported index lines), and keeps no ENV or ARG of it', () => {
    const files = synth(internal(URL));
    const app = files.Dockerfile.split('FROM base AS app')[1];
    expect(app).toContain([
      "# The package index's credentials come as build secrets, never ENV or ARG: no layer keeps them.",
      'RUN --mount=type=cache,target=/root/.cache/uv \\',
      '    --mount=type=bind,from=ghcr.io/astral-sh/uv:0.13.9,source=/uv,target=/usr/local/bin/uv \\',
      '    --mount=type=secret,id=INDEX_PASSWORD \\',
      '    --mount=type=secret,id=INDEX_USER \\',
      '    for name in INDEX_PASSWORD INDEX_USER; do \\',
    ].join('\n'));
    expect(app).toContain('    done \\\n && groupadd --gid 10001 app \\');
    expect(app).toContain(' && python -m venv --without-pip /opt/venv \\\n && /usr/local/bin/uv pip sync --python /opt/venv/bin/python --require-hashes --index-strategy unsafe-best-match /opt/venv/requirements.txt \\');
    expect(files.Dockerfile).not.toMatch(/^(ENV|ARG)\b.*INDEX_/m);
    // only the install step sees them: not the builder, not the dev container
    expect(files.Dockerfile.match(/type=secret/g)).toHaveLength(2);
    expect(files.Dockerfile.split('FROM base AS builder')[1].split('FROM base AS')[0]).not.toContain('INDEX_');
    const build = tasksOf(files)['docker:build'].steps.find((step: any) => step.execArgs?.[1] === 'build');
    expect(build.execArgs).toEqual(['docker', 'build', '--target', 'app', '--tag', 'demo-app:0.1.0',
      '--secret', 'id=INDEX_PASSWORD,env=INDEX_PASSWORD', '--secret', 'id=INDEX_USER,env=INDEX_USER', '.']);
    expect(build.receiveArgs).toBe(true);
  });

  test('a source added from .projenrc.ts counts too, $NAME gives the same secret, and repeats are one secret', () => {
    const files = synth({ containerEngine: 'podman' as any }, undefined, (project) => {
      project.pipfile.addSource({ name: 'a', url: 'https://$TEAM_TOKEN@a.example/simple' });
      project.pipfile.addSource({ name: 'b', url: 'https://${TEAM_TOKEN}@b.example/simple' });
    });
    expect(files.Dockerfile.match(/--mount=type=secret,id=TEAM_TOKEN /g)).toHaveLength(1);
    const build = tasksOf(files)['docker:build'].steps.find((step: any) => step.execArgs?.[1] === 'build');
    expect(build.execArgs).toEqual(['podman', 'build', '--format', 'docker', '--target', 'app', '--tag', 'demo-app:0.1.0', '--secret', 'id=TEAM_TOKEN,env=TEAM_TOKEN', '.']);
  });

  test('without variables nothing changes: no secret mount, no --secret', () => {
    const files = synth(internal('https://pypi.internal.example/simple'));
    expect(files.Dockerfile).not.toContain('type=secret');
    expect(files['.projen/tasks.json']).not.toContain('--secret');
  });
});

describe('property: a userinfo is accepted exactly when it is variables, and a refusal never repeats it', () => {
  const PROPERTY = propertyParameters(100);
  const RUNS = PROPERTY.numRuns;
  // PIP_* and PIPENV_* names, and names YAML 1.1 reads as a boolean (ON, Y: the CI passes them as keys), are refused on their own
  const upperName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/).filter((name) => !/^PIP(ENV)?_/.test(name) && !needsQuotesForYaml11(name));
  const literal = fc.stringMatching(/^[A-Za-z0-9._~-]{6,16}$/);
  const part = fc.oneof(upperName.map((name) => ({ text: `\${${name}}`, name })), literal.map((text) => ({ text, name: undefined })));

  test('random user and password parts', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(part, fc.option(part, { nil: undefined }), (user, password) => {
        const userinfo = password === undefined ? user.text : `${user.text}:${password.text}`;
        const url = `https://${userinfo}@pypi.internal.example/simple`;
        const isVariables = user.name !== undefined && (password === undefined || password.name !== undefined);
        const project = () => new PyStreamlitDevstackProject({ name: 'demo-app', outdir: tempDir(), ...internal(url) });
        if (isVariables) {
          const files = Testing.synth(project(), { parseJson: false });
          expect((parse(files.Pipfile) as any).source[1].url).toBe(url);
          for (const name of [user.name, password?.name]) {
            if (name) expect(files.Dockerfile).toContain(`--mount=type=secret,id=${name} `);
          }
          accepted++;
        } else {
          const message = refusal(project);
          for (const secret of [user, password]) {
            if (secret && secret.name === undefined) expect(message).not.toContain(secret.text);
          }
          refused++;
        }
      }),
      PROPERTY,
    );
    expect(accepted).toBeGreaterThan(RUNS / 20);
    expect(refused).toBeGreaterThan(RUNS / 20);
  });
});
