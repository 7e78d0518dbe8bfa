import { parse } from 'yaml';
import { stringifyYaml } from './yaml-scalars';
import { IResolver, YamlFile } from '../projen-api';

/**
 * A projen `YamlFile` that YAML 1.1 readers read as written: kubectl (go-yaml v2) and
 * PyYAML read a plain `on`, `y` or `1_000` as a boolean or a number, so every such string,
 * key or value, is double-quoted. Everything else is byte for byte what `YamlFile` writes;
 * `addOverride` and the rest of `ObjectFile` work as there.
 */
export class PortableYamlFile extends YamlFile {
  protected synthesizeContent(resolver: IResolver): string | undefined {
    const written = super.synthesizeContent(resolver);
    if (written === undefined) return undefined;
    // projen's text, read back with the schema it was written in, is exactly the resolved object
    return [
      ...(this.marker ? [`# ${this.marker}`] : []),
      '',
      stringifyYaml(parse(written), { lineWidth: this.lineWidth }),
    ].join('\n');
  }
}
