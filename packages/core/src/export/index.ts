export * from './csv.js';
export * from './html.js';
