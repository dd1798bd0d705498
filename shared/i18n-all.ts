/**
 * Every language at once, for the server (exports, reports, mail) and tests: the apps load
 * English only when it is chosen (client/i18n.ts).
 */
import { english } from './i18n-en.js';
import { addLanguage } from './i18n.js';

addLanguage('en', english);

export * from './i18n.js';
