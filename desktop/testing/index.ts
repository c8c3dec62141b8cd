export * from './renderer-site.js';
export * from './scanner.js';
