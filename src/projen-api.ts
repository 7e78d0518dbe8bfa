/**
 * The parts of projen this package uses, imported from their own modules. projen's index
 * loads every project type it has (Java's XML writer, the release tooling, ...), about
 * 0.2 s of each `npx projen`; these modules alone load in under half that.
 * Everything here is the same object projen's index exports.
 */
export { Component } from 'projen/lib/component';
export { FileBase, IResolver } from 'projen/lib/file';
export * as github from 'projen/lib/github';
export { IgnoreFile } from 'projen/lib/ignore-file';
export { JsonFile } from 'projen/lib/json';
export { ObjectFile } from 'projen/lib/object-file';
export { InitProject, Project } from 'projen/lib/project';
export { ProjenrcFile } from 'projen/lib/projenrc';
export { SampleFile } from 'projen/lib/sample-file';
export { Task } from 'projen/lib/task';
export { TomlFile } from 'projen/lib/toml';
export { YamlFile } from 'projen/lib/yaml';
