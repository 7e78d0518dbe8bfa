import { readFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';
import { ContainerEngine } from '../src';
import { DEFAULTS } from '../src/defaults';
import { KUBERNETES_DEFAULTS, resolveKubernetesManifestsOptions } from '../src/kubernetes/kubernetes-options';
import { resolveDevstackOptions } from '../src/resolve-options';

/** Where each options interface is declared, under src/. */
const DECLARED_IN: Record<string, string> = {
  PyStreamlitDevstackProjectOptions: 'options.ts',
  KubernetesOptions: 'kubernetes/kubernetes-options.ts',
  PipfileSource: 'pipenv/pipfile-options.ts',
};

/** Every member of an options interface with the text of its `@default` tag ('' when it has none), read with the TypeScript compiler API. */
function membersOf(interfaceName: string): Array<{ name: string; text: string }> {
  const file = join(__dirname, '..', 'src', DECLARED_IN[interfaceName]);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf-8'), ts.ScriptTarget.Latest, true);
  const declaration = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === interfaceName);
  if (!declaration) throw new Error(`no interface ${interfaceName}`);
  // an interface this one extends would add options this test could not see
  expect(declaration.heritageClauses ?? []).toEqual([]);
  return declaration.members.map((member) => {
    const tag = ts.getJSDocTags(member).find((t) => t.tagName.text === 'default');
    const text = typeof tag?.comment === 'string' ? tag.comment.trim() : '';
    return { name: (member.name as ts.Identifier).text, text };
  });
}

/** The members of an options interface that document a default. */
function documentedDefaults(interfaceName: string): Array<{ name: string; text: string }> {
  return membersOf(interfaceName).filter(({ text }) => text !== '');
}

/** A documented default as a value: a TypeScript literal; undefined for prose ("- the root") and placeholders. */
function valueOf(text: string): unknown {
  if (text.startsWith('-') || text.startsWith('$')) return undefined;
  const literal = text.replace('<pythonVersion>', DEFAULTS.pythonVersion);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('ContainerEngine', `return (${literal});`)(ContainerEngine);
}

const NOT_SETTINGS = ['name', 'outdir'];

describe('@default documentation matches the defaults', () => {
  const documented = documentedDefaults('PyStreamlitDevstackProjectOptions').filter(({ name }) => !NOT_SETTINGS.includes(name));
  const withDefaults = resolveDevstackOptions({ name: 'demo' }, []);

  test('every option of the struct documents a default', () => {
    const options = membersOf('PyStreamlitDevstackProjectOptions');
    expect(options.length).toBeGreaterThan(20); // the interface was found and read
    expect(options.filter(({ text }) => text === '').map(({ name }) => name)).toEqual([]);
  });

  test('every option with a value in DEFAULTS documents that same value as its @default', () => {
    const optionsWithDefaults = Object.keys(DEFAULTS).filter((name) => membersOf('PyStreamlitDevstackProjectOptions').some((option) => option.name === name));
    expect(optionsWithDefaults.length).toBeGreaterThan(5); // the names of DEFAULTS are option names
    const documentedValue = (name: string) => valueOf(documented.find((option) => option.name === name)?.text ?? '- undocumented');
    expect(Object.fromEntries(optionsWithDefaults.map((name) => [name, documentedValue(name)]))).toEqual(
      Object.fromEntries(optionsWithDefaults.map((name) => [name, DEFAULTS[name as keyof typeof DEFAULTS]])),
    );
  });

  test.each(documented.map(({ name, text }) => [name, text]))('%s: @default %s', (name, text) => {
    const value = valueOf(text);
    if (value === undefined) return expect(text).toMatch(/^- \w/); // prose says what happens instead
    if (name in DEFAULTS) expect(value).toEqual(DEFAULTS[name as keyof typeof DEFAULTS]);
    // giving the documented default explicitly changes nothing
    expect(resolveDevstackOptions({ name: 'demo', [name]: value }, [])).toEqual(withDefaults);
  });

  test.each(documentedDefaults('KubernetesOptions').map(({ name, text }) => [name, text]))('kubernetesOptions.%s: @default %s', (name, text) => {
    const value = valueOf(text);
    if (value === undefined) return expect(text).toMatch(/^- \w/);
    expect(value).toEqual(KUBERNETES_DEFAULTS[name as keyof typeof KUBERNETES_DEFAULTS]);
    const resolved = (kubernetesOptions: object) => resolveKubernetesManifestsOptions({ appSlug: 'demo', imageName: 'demo:0.1.0', port: 8501, kubernetesOptions });
    expect(resolved({ [name]: value })).toEqual(resolved({}));
  });

  test('pipfileSources: a source without verifySsl verifies TLS, as its @default true says', () => {
    expect(documentedDefaults('PipfileSource')).toEqual([{ name: 'verifySsl', text: 'true' }]);
    const source = { name: 'internal', url: 'https://pypi.internal.example/simple' };
    expect(resolveDevstackOptions({ name: 'demo', pipfileSources: [source] }, [])).toEqual(resolveDevstackOptions({ name: 'demo', pipfileSources: [{ ...source, verifySsl: true }] }, []));
  });
});
