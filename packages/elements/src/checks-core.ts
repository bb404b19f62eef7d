/**
 * The core checks the elements run: the rules engine, its compiler and pinpointing — the
 * largest part of core. The standalone bundle loads this module on demand (its
 * `disclosure-report-checks.js`), when findings are shown or edit mode opens; see `./lazy.ts`.
 */
export { check, parseRulePack, sumRules } from '@disclosure-report/core';
