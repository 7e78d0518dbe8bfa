import { readFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';
import { ContainerEngine } from '../src';
import { KUBERNETES_DEFAULTS, resolveKubernetesSettings } from '../src/kubernetes/kubernetes-settings';
import { DEFAULTS, resolveSettings } from '../src/settings';

/** Every member of an interface of src/options.ts with the text of its `@default` tag. */
function documentedDefaults(interfaceName: string): Array<{ name: string; text: string }> {
  const file = join(__dirname, '..', 'src', 'options.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf-8'), ts.ScriptTarget.Latest, true);
  const declaration = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === interfaceName);
  if (!declaration) throw new Error(`no interface ${interfaceName}`);
  return declaration.members.flatMap((member) => {
    const tag = ts.getJSDocTags(member).find((t) => t.tagName.text === 'default');
    const text = typeof tag?.comment === 'string' ? tag.comment.trim() : '';
    return text ? [{ name: (member.name as ts.Identifier).text, text }] : [];
  });
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
  const withDefaults = resolveSettings({ name: 'demo' }, []);

  test('every option of the struct documents a default', () => {
    expect(documented.length).toBeGreaterThan(20);
  });

  test.each(documented.map(({ name, text }) => [name, text]))('%s: @default %s', (name, text) => {
    const value = valueOf(text);
    if (value === undefined) return expect(text).toMatch(/^- \w/); // prose says what happens instead
    if (name in DEFAULTS) expect(value).toEqual(DEFAULTS[name as keyof typeof DEFAULTS]);
    // giving the documented default explicitly changes nothing
    expect(resolveSettings({ name: 'demo', [name]: value }, [])).toEqual(withDefaults);
  });

  test.each(documentedDefaults('KubernetesOptions').map(({ name, text }) => [name, text]))('kubernetesOptions.%s: @default %s', (name, text) => {
    const value = valueOf(text);
    if (value === undefined) return expect(text).toMatch(/^- \w/);
    expect(value).toEqual(KUBERNETES_DEFAULTS[name as keyof typeof KUBERNETES_DEFAULTS]);
    expect(resolveKubernetesSettings({ [name]: value }, 'demo')).toEqual(resolveKubernetesSettings({}, 'demo'));
  });

  test('pipfileSources: a source without verifySsl verifies TLS, as its @default true says', () => {
    expect(documentedDefaults('PipfileSource')).toEqual([{ name: 'verifySsl', text: 'true' }]);
    const source = { name: 'internal', url: 'https://pypi.internal.example/simple' };
    expect(resolveSettings({ name: 'demo', pipfileSources: [source] }, [])).toEqual(resolveSettings({ name: 'demo', pipfileSources: [{ ...source, verifySsl: true }] }, []));
  });
});
