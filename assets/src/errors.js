// The Errors the API rejects or throws with.
import { describe } from './values.js';

/** The name of each error code's Error (the codes are Go's: protocol.gen.js). */
export const ERROR_NAMES = {
  timeout: 'TimeoutError',
  abort: 'AbortError',
  network: 'NetworkError',
  cors: 'CORSError',
  http: 'HTTPError',
  invalid: 'TypeError',
};

/**
 * apiError makes the Error a call rejects or throws with: a TypeError for
 * invalid requests, network failures and CORS refusals (as fetch() rejects
 * for all three), an Error
 * otherwise, with name and code telling the failures apart, the response when
 * there was one, and what caused it.
 * @param {string} code
 * @param {string} message
 * @param {any} [response]
 * @param {any} [cause]
 * @returns {Error & {code: string, response?: any}}
 */
export function apiError(code, message, response, cause) {
  /** @type {any} */
  const err = (code === 'invalid' || code === 'network' || code === 'cors') ? new TypeError(message) : new Error(message);
  err.name = ERROR_NAMES[/** @type {keyof ERROR_NAMES} */ (code)];
  err.code = code;
  if (response !== undefined) err.response = response;
  if (cause !== undefined) err.cause = cause;
  return err;
}

/**
 * invalid is the error of a bad argument.
 * @param {string} message
 */
export function invalid(message) {
  return apiError('invalid', message);
}

/**
 * bigintArg refuses a BigInt argument, which no parameter takes.
 * @param {string} call
 * @param {string} param
 * @param {unknown} v
 */
export function bigintArg(call, param, v) {
  return typeof v === 'bigint' ? invalid(`credfetch.${call}: ${param} must not be a BigInt, got ${describe(v)}`) : null;
}
