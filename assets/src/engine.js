// The state the API shares across its calls, and its way into Go.
import { SEP, WIRE_CHARS_ALL, parseReply } from './wire.js';
import { apiError, invalid } from './errors.js';
import { errText } from './values.js';
import { abortReason } from './signals.js';

/** The most decisions the engine remembers; a full memory starts over. */
export const MAX_DECISIONS = 256;

/**
 * Engine holds what the API keeps between calls: the Go half's functions,
 * the page's prefilters, what install() patched, and Go's remembered
 * decisions. Every module that needs the state takes the engine as its
 * first argument.
 */
export class Engine {
  /**
   * @param {Record<string, (msg: string) => string>} core the functions credfetch.wasm registered
   */
  constructor(core) {
    this.core = core;
    /** @type {{fn: Function}[]} the page's prefilters, in the order they run */
    this.prefilters = [];
    /** @type {any} what install() patched, or null */
    this.installed = null;
    // decisions remembers Go's answers to "prepare" messages: the answer
    // depends only on the message (which holds the page's location) and the
    // settings, so the same request is decided once until ajaxSetup changes
    // them, and later ones skip the call into Go. Not with an XSRF header,
    // whose value comes from a cookie that may change (remember is false
    // then). At most MAX_DECISIONS are kept; a full memory starts over.
    /** @type {Map<string, any>} */
    this.decisions = new Map();
    this.remember = true;
  }

  /**
   * call calls one of the Go functions; a Go program that stopped (it
   * cannot, short of a runtime bug) becomes one clear error.
   * @param {string} name
   * @param {string} msg
   * @returns {string}
   */
  call(name, msg) {
    try {
      return this.core[name](msg);
    } catch (e) {
      const text = /already exited/.test(errText(e))
        ? 'the credfetch Go program has stopped (its last error is in the console); reload the page'
        : `calling the Go side failed: ${errText(e)}`;
      throw invalid(`credfetch: ${text}`);
    }
  }

  /**
   * decide answers a whole "prepare" message, from memory when it can.
   * @param {string} msg
   */
  decide(msg) {
    let plan = this.decisions.get(msg);
    if (plan !== undefined) return plan;
    plan = parseReply(this.call('prepare', msg));
    if (this.remember) {
      if (this.decisions.size >= MAX_DECISIONS) this.decisions.clear();
      this.decisions.set(msg, plan);
    }
    return plan;
  }

  /**
   * forget drops every remembered decision: the settings changed.
   */
  forget() {
    this.decisions.clear();
    if (this.installed) this.installed.known.clear();
  }

  /**
   * message has Go write the text of an error, as fetch.Error says it.
   * @param {string} code
   * @param {string} method
   * @param {string} url
   */
  message(code, method, url, detail = '', status = '', statusText = '') {
    const parts = [code, method, url, detail, status, statusText].map((x) => String(x).replace(WIRE_CHARS_ALL, ' '));
    return this.call('message', parts.join(SEP));
  }

  /**
   * failure is the Error of a request that failed with code.
   * @param {string} code
   * @param {{method?: string, url: string}} req
   * @param {string} detail
   * @param {any} [response]
   * @param {any} [cause]
   */
  failure(code, req, detail, response, cause) {
    return apiError(code, this.message(code, req.method || 'GET', req.url, detail), response, cause);
  }

  /**
   * aborted is the error of req once signal fired, with its reason as cause.
   * @param {{method?: string, url: string}} req
   * @param {AbortSignal} signal
   */
  aborted(req, signal) {
    const reason = abortReason(signal);
    return this.failure('abort', req, `the AbortSignal fired: ${errText(reason)}`, undefined, reason);
  }
}
