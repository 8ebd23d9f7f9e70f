/** All English texts (tests and e2e use them whole; the app loads the two halves separately). */
import { enLogin } from './en-login.js';
import { enAccount } from './en-account.js';

export const en = { ...enLogin, ...enAccount };
export type { Resources } from './types.js';
