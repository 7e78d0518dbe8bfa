import { stringifyYaml } from './yaml-scalars';
import { IResolver, ObjectFile, YamlFile } from '../projen-api';

/** ObjectFile's own `synthesizeContent` (YamlFile overrides it): the resolved object, overrides and patches applied, as JSON. */
const objectFileJson: (this: ObjectFile, resolver: IResolver) => string | undefined = Object.getOwnPropertyDescriptor(ObjectFile.prototype, 'synthesizeContent')!.value;

/**
 * A projen `YamlFile` that YAML 1.1 readers read as written: kubectl (go-yaml v2) and
 * PyYAML read a plain `on`, `y` or `1_000` as a boolean or a number, so every such string,
 * key or value, is double-quoted. Everything else is byte for byte what `YamlFile` writes;
 * `addOverride` and the rest of `ObjectFile` work as there.
 */
export class PortableYamlFile extends YamlFile {
  protected synthesizeContent(resolver: IResolver): string | undefined {
    // the JSON that YamlFile would write as YAML for this class to read back: JSON.parse is a fraction of that round trip
    const json = objectFileJson.call(this, resolver);
    if (json === undefined) return undefined;
    return [
      ...(this.marker ? [`# ${this.marker}`] : []),
      '',
      stringifyYaml(JSON.parse(json), { lineWidth: this.lineWidth }),
    ].join('\n');
  }
}
