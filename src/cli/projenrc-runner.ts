#!/usr/bin/env node
/**
 * `devstack-projenrc [FILE] [--project TSCONFIG]`: the default task of a generated
 * project (what `npx projen` runs). Runs `.projenrc.ts`, and any `.ts` file it imports,
 * transpiled by the project's own TypeScript (the project type validates every option
 * at run time, so no type-check is needed), with a syntax error reported as
 * `.projenrc.ts:12:5 - error TS1005: ',' expected.` instead of a stack trace.
 *
 * The transpiled code is cached in `node_modules/.cache/`, keyed by the source, the
 * tsconfig, the TypeScript version and this package's version: a run whose rc did not
 * change does not load TypeScript at all, which is most of a re-synth's time.
 *
 * An error of this package (a refused option, a file it will not write) prints its
 * one-line message; anything else keeps its stack (mapped to the `.ts` lines), which is
 * where the cause is.
 */
import { createHash } from 'crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, statSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { dirname, join, relative, resolve } from 'path';
import { MESSAGE_PREFIX } from '../errors';
import { SELF } from '../self';

const args = process.argv.slice(2);
const projectFlag = args.indexOf('--project');
const tsconfig = projectFlag >= 0 ? resolve(args[projectFlag + 1]) : undefined;
const positional = args.filter((arg, index) => !arg.startsWith('--') && (projectFlag < 0 || index !== projectFlag + 1));
const rcFile = resolve(positional[0] ?? '.projenrc.ts');
/** Loads modules as the project itself would: its own TypeScript, and the rc. */
const fromProject = createRequire(join(process.cwd(), 'package.json'));
const CACHE_DIR = join(process.cwd(), 'node_modules', '.cache', 'devstack-projenrc');

/** What the transpiled code depends on besides the source: a change in any of them misses the cache. */
const compilerIdentity = [
  SELF.version,
  readOrEmpty(() => fromProject.resolve('typescript/package.json')),
  tsconfig ? readOrEmpty(() => tsconfig) : '',
].join('\0');

/** A file's text, or "" when it (or the module naming it) is not there. */
function readOrEmpty(path: () => string): string {
  try {
    return readFileSync(path(), 'utf-8');
  } catch {
    return '';
  }
}

let typescript: any;
/** The project's TypeScript, loaded only on a cache miss. */
function loadTypescript(): any {
  return (typescript ??= fromProject('typescript'));
}

/** The compiler options of the tsconfig (or CommonJS defaults), always emitting a CommonJS module with an inline source map. */
function compilerOptions(ts: any): Record<string, unknown> {
  const base = (() => {
    if (!tsconfig) return {};
    const { config } = ts.readConfigFile(tsconfig, ts.sys.readFile);
    return ts.parseJsonConfigFileContent(config ?? {}, ts.sys, dirname(tsconfig)).options;
  })();
  return { ...base, module: ts.ModuleKind.CommonJS, noEmit: false, sourceMap: false, inlineSourceMap: true, inlineSources: true };
}

/** Syntax errors as `file:line:column - error TSnnnn: message`, one a line, and the code. */
function transpile(file: string, source: string): { code: string; errors: string[] } {
  const ts = loadTypescript();
  const output = ts.transpileModule(source, { fileName: file, reportDiagnostics: true, compilerOptions: compilerOptions(ts) });
  const errors = (output.diagnostics ?? []).map((diagnostic: any) => {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    return `${relative(process.cwd(), file)}:${line + 1}:${character + 1} - error TS${diagnostic.code}: ${message}`;
  });
  return { code: output.outputText, errors };
}

/** The JavaScript of a `.ts` file: from the cache when nothing it depends on changed. */
function javascriptOf(file: string): string {
  const source = readFileSync(file, 'utf-8');
  const key = createHash('sha256').update(compilerIdentity).update('\0').update(file).update('\0').update(source).digest('hex');
  const cached = join(CACHE_DIR, `${key}.js`);
  const hit = readOrEmpty(() => cached);
  if (hit) return hit;
  const { code, errors } = transpile(file, source);
  if (errors.length) {
    console.error(errors.join('\n'));
    console.error(`${MESSAGE_PREFIX}fix ${relative(process.cwd(), file)} as above, then run npx projen again. No file was changed.`);
    process.exit(1);
  }
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // written whole, then renamed: a concurrent run never reads half a file
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  } catch {
    // a read-only node_modules only costs the next run a transpile
  }
  return code;
}

/**
 * Node keeps a module's source map when source maps are on as it compiles the module; reading
 * the inline maps of every projen module as well would cost a tenth of a run. So maps are on
 * while a `.ts` module compiles, and its first statement turns them off before its body loads
 * anything else.
 */
const MAPS_OFF = 'process.setSourceMapsEnabled(false);';

// eslint-disable-next-line @typescript-eslint/no-require-imports
require.extensions['.ts'] = (module: any, filename: string) => {
  const code = javascriptOf(filename);
  // after the directive, on its line: the lines of the code (and of its map) stay as they are
  const body = code.startsWith('"use strict";') ? code.replace('"use strict";', `"use strict";${MAPS_OFF}`) : `${MAPS_OFF}${code}`;
  process.setSourceMapsEnabled(true);
  try {
    module._compile(body, filename);
  } finally {
    process.setSourceMapsEnabled(false);
  }
};
/**
 * What stops the rc from loading before any of it runs, as one sentence: a missing rc or a
 * link to nothing (Node would say "Cannot find module" with a stack), and a package.json
 * that is not JSON (Node reads it to load any module of the folder, and fails with a stack).
 */
function loadProblem(): string | undefined {
  const rcShown = relative(process.cwd(), rcFile) || rcFile;
  if (!existsSync(rcFile)) {
    const link = lstatOrUndefined(rcFile)?.isSymbolicLink() ? readlinkSync(rcFile) : undefined;
    if (link !== undefined) {
      return `${rcShown} is a symbolic link to ${link}, which does not exist: point it at your rc file (ln -sfn <file> ${rcShown}) or restore the file (git checkout -- ${rcShown}), then run npx projen again. No file was changed.`;
    }
    return `${rcShown} is missing: restore it (git checkout -- ${rcShown}), then run npx projen again. No file was changed.`;
  }
  const packageJson = join(process.cwd(), 'package.json');
  if (!lstatOrUndefined(packageJson) || !statSync(packageJson).isFile()) return undefined;
  try {
    JSON.parse(readFileSync(packageJson, 'utf-8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : String(error);
    return `package.json is not valid JSON (${reason}), so Node cannot load ${rcShown}: it is generated from ${rcShown}, so restore it (git checkout -- package.json) or delete it, then run npx projen again. No file was changed.`;
  }
  return undefined;
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

const problem = loadProblem();
if (problem) {
  console.error(`${MESSAGE_PREFIX}${problem}`);
  process.exit(1);
}
try {
  fromProject(rcFile);
} catch (error) {
  if (error instanceof Error && error.message.startsWith(MESSAGE_PREFIX)) {
    console.error(error.message);
    process.exit(1);
  }
  // stack frames in .ts files read as their lines there (the stack is formatted when first read, here)
  process.setSourceMapsEnabled(true);
  throw error;
}
