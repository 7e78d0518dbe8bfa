#!/usr/bin/env node
/**
 * `devstack-projenrc [FILE] [--project TSCONFIG]`: the default task of a generated
 * project (what `npx projen` runs). Runs `.projenrc.ts` with the project's own ts-node,
 * transpile-only (the project type validates every option at run time), after a syntax
 * check with the project's own TypeScript, so that a typo reads
 * `.projenrc.ts:12:5 - error TS1005: ',' expected.` instead of a ts-node stack trace.
 * An error of this package (a refused option, a file it will not write) prints its
 * one-line message; anything else keeps its stack, which is where the cause is.
 */
import { readFileSync } from 'fs';
import { createRequire } from 'module';
import { join, relative, resolve } from 'path';
import { MESSAGE_PREFIX } from '../errors';

const args = process.argv.slice(2);
const projectFlag = args.indexOf('--project');
const tsconfig = projectFlag >= 0 ? args[projectFlag + 1] : undefined;
const positional = args.filter((arg, index) => !arg.startsWith('--') && (projectFlag < 0 || index !== projectFlag + 1));
const rcFile = resolve(positional[0] ?? '.projenrc.ts');
/** Loads modules as the project itself would: its own TypeScript and ts-node, and the rc. */
const fromProject = createRequire(join(process.cwd(), 'package.json'));

/** Syntax errors as `file:line:column - error TSnnnn: message`, one a line. */
function syntaxErrors(file: string): string[] {
  const ts = fromProject('typescript');
  const output = ts.transpileModule(readFileSync(file, 'utf-8'), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS },
  });
  return (output.diagnostics ?? []).map((diagnostic: any) => {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    return `${relative(process.cwd(), file)}:${line + 1}:${character + 1} - error TS${diagnostic.code}: ${message}`;
  });
}

const errors = syntaxErrors(rcFile);
if (errors.length) {
  console.error(errors.join('\n'));
  console.error(`${MESSAGE_PREFIX}fix ${relative(process.cwd(), rcFile)} as above, then run npx projen again. No file was changed.`);
  process.exit(1);
}

fromProject('ts-node').register({ transpileOnly: true, ...(tsconfig ? { project: resolve(tsconfig) } : {}) });
try {
  fromProject(rcFile);
} catch (error) {
  if (error instanceof Error && error.message.startsWith(MESSAGE_PREFIX)) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
