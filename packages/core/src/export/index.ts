export * from './csv.js';
export * from './html.js';
export * from './json.js';
