export * from './messages';
export * from './validate';
export * from './asyncapi';
export * from './json-copy';
