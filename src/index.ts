export * from './options';
export * from './project';
