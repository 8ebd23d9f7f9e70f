/** Alle deutschen Texte (für Tests; die App lädt die zwei Hälften getrennt). */
import { deLogin } from './de-login.js';
import { deAccount } from './de-account.js';
import { type Resources } from './types.js';

export const de: Resources = { ...deLogin, ...deAccount };
