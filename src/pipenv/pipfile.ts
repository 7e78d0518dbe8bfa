import { plainTablesResolver } from '../files/plain-tables';
import { IResolver, Project, TomlFile } from '../projen-api';
import { checkPythonPackages } from './pep440';
import { PackageTables, PipfileRecord } from './pipfile-edits';
import { canonicalPackageName } from './pipfile-hash';
import { checkPackageIndexes, checkPipfileScripts, checkPipfileSources } from './pipfile-input';
import { PIPENV_SETTING_KEYS, PipenvSettings, PipfileOptions, PipfileSource, resolvePipfileOptions } from './pipfile-options';
import { pipfileSourceTable, ResolvedSource } from './pipfile-tables';
import { credentialVariables } from '../util/url-credentials';

/**
 * The Pipfile: Pipenv's list of libraries. `Pipfile.lock`, made from it by
 * `pipenv lock`, is the pinned truth the images install. Packages and sources added
 * from `.projenrc.ts` join the ones from options; the file is rendered at synth,
 * sorted by name. It stays writable for `pipenv install X`: the next synth refuses to undo
 * such a change, and names what `.projenrc.ts` must say to keep it.
 */
export class Pipfile extends TomlFile {
  private readonly contents: PipfileContents;
  private readonly tables: Record<string, unknown>;

  constructor(project: Project, options: PipfileOptions) {
    const resolved = resolvePipfileOptions(options);
    const contents: PipfileContents = {
      packages: new Map(Object.entries(resolved.packages)),
      devPackages: new Map(Object.entries(resolved.devPackages)),
      sources: [...resolved.sources],
      indexes: new Map(Object.entries(resolved.packageIndexes)),
      scripts: new Map(Object.entries(resolved.scripts)),
    };
    const pipenvEntries = Object.entries(resolved.pipenvSettings)
      .map(([key, value]) => [PIPENV_SETTING_KEYS[key as keyof PipenvSettings], value]);
    const packageTables = (): PackageTables => ({
      'packages': tableOf(contents.packages, contents.indexes),
      'dev-packages': tableOf(contents.devPackages, contents.indexes),
    });
    const tables = {
      'source': () => contents.sources.map(pipfileSourceTable),
      'packages': () => packageTables().packages,
      'dev-packages': () => packageTables()['dev-packages'],
      'requires': { python_version: resolved.pythonVersion },
      'scripts': () => (contents.scripts.size ? Object.fromEntries(contents.scripts) : undefined),
      ...(pipenvEntries.length ? { pipenv: Object.fromEntries(pipenvEntries) } : {}),
    };
    super(project, 'Pipfile', { obj: tables, readonly: false });
    this.contents = contents;
    this.tables = tables;
    new PipfileRecord(project, packageTables);
  }

  protected synthesizeContent(resolver: IResolver): string | undefined {
    // "constructor" and "toJSON" are valid package and script names
    return super.synthesizeContent(plainTablesResolver(resolver, this.tables, ['packages', 'dev-packages', 'scripts']));
  }

  /**
   * Adds a runtime package to `[packages]`, or replaces the specifier of one already there
   * (names compare as pip compares them: `Streamlit` is `streamlit`).
   *
   * @param name the PEP 508 name
   * @param specifier a PEP 440 specifier set, or `"*"`
   * @param index the name of the source to install it from (add the source first)
   */
  public addPackage(name: string, specifier: string, index?: string): void {
    this.add(this.contents.packages, 'project.pipfile.addPackage()', name, specifier, index);
  }

  /** Adds a development package to `[dev-packages]`, as `addPackage` does for `[packages]`. */
  public addDevPackage(name: string, specifier: string, index?: string): void {
    this.add(this.contents.devPackages, 'project.pipfile.addDevPackage()', name, specifier, index);
  }

  /** Adds a package index (`[[source]]`), after the ones there; its name must be new. */
  public addSource(source: PipfileSource): void {
    const checked = checkPipfileSources([...this.contents.sources, source], 'project.pipfile.addSource()');
    this.contents.sources.push(checked[checked.length - 1]);
  }

  /** The package indexes (`[[source]]`), in order, each with every field set. */
  public get sources(): PipfileSource[] {
    return this.contents.sources.map((source) => ({ ...source }));
  }

  /** Adds or replaces a `[scripts]` entry, run by `pipenv run NAME`. */
  public addScript(name: string, command: string): void {
    const checked = checkPipfileScripts({ [name]: command }, 'project.pipfile.addScript()');
    this.contents.scripts.set(name, checked[name]);
  }

  private add(packages: Map<string, string>, method: string, name: string, specifier: string, index?: string): void {
    const checked = checkPythonPackages(method, { [name]: specifier });
    const existing = [...packages.keys()].find((known) => canonicalPackageName(known) === canonicalPackageName(name));
    if (index !== undefined) {
      checkPackageIndexes({ [name]: index }, [name], this.contents.sources.map((source) => source.name), method);
    }
    // a replaced entry keeps its index unless a new one is given
    const keptIndex = existing === undefined ? undefined : this.contents.indexes.get(existing);
    if (existing !== undefined) {
      packages.delete(existing);
      this.contents.indexes.delete(existing);
    }
    packages.set(name, checked[name]);
    const packageIndex = index ?? keptIndex;
    if (packageIndex !== undefined) this.contents.indexes.set(name, packageIndex);
  }
}

/**
 * The environment variables the project's Pipfile sources take their credentials from
 * (`${INDEX_USER}` in a url gives `INDEX_USER`), sorted; none without a Pipfile. Read at
 * synth, so sources added from `.projenrc.ts` count: `pipenv lock` expands them, and the
 * image build gets them as build secrets.
 */
export function indexCredentialVariables(project: Project): string[] {
  const pipfile = project.components.find((component): component is Pipfile => component instanceof Pipfile);
  return pipfile ? credentialVariables(pipfile.sources.map((source) => source.url)) : [];
}

/**
 * What the synth would undo of a change made to the project's Pipfile since the last synth
 * (`pipenv install X`, say), as phrases with their fix; none without a Pipfile.
 */
export function pipfileEditProblemsOf(project: Project, root: string): string[] {
  const record = project.components.find((component): component is PipfileRecord => component instanceof PipfileRecord);
  return record ? record.problems(root) : [];
}

/** What the Pipfile holds until synth. */
interface PipfileContents {
  readonly packages: Map<string, string>;
  readonly devPackages: Map<string, string>;
  readonly sources: ResolvedSource[];
  readonly indexes: Map<string, string>;
  readonly scripts: Map<string, string>;
}

type PackageEntry = string | { version: string; index: string };

/** A packages table, sorted by name; a package from another source names its index. */
function tableOf(packages: ReadonlyMap<string, string>, indexes: ReadonlyMap<string, string>): Record<string, PackageEntry> {
  return Object.fromEntries(
    [...packages.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'en'))
      .map(([name, version]) => {
        const index = indexes.get(name);
        return [name, index ? { version, index } : version];
      }),
  );
}
