import { type enLogin } from './en-login.js';
import { type enAccount } from './en-account.js';

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };
export type LoginResources = Texts<typeof enLogin>;
export type AccountResources = Texts<typeof enAccount>;
export type Resources = LoginResources & AccountResources;
