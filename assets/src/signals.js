// Abort signals, timers and progress callbacks.

/**
 * abortReason reads signal's reason without letting a getter throw.
 * @param {AbortSignal} signal
 */
export function abortReason(signal) {
  let reason;
  try { reason = signal.reason; } catch { /* keep undefined */ }
  return reason;
}

/**
 * progressHandler wraps a page's progress callback so that its throw is
 * logged, not lost in the browser's event dispatch.
 * @param {Function} fn
 */
export function progressHandler(fn) {
  return (/** @type {ProgressEvent} */ e) => {
    try {
      fn(e);
    } catch (err) {
      console.error('credfetch: a progress callback threw:', err);
    }
  };
}

/**
 * sleep resolves after ms, or as soon as signal fires.
 * @param {number} ms
 * @param {AbortSignal | null | undefined} signal
 * @returns {Promise<void>}
 */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      if (signal) signal.removeEventListener('abort', done);
      resolve();
    }
    if (signal) signal.addEventListener('abort', done);
  });
}

/**
 * anySignal returns a signal that fires when page's does or ctrl aborts:
 * AbortSignal.any where the platform has it, else ctrl's own signal, which
 * page's then aborts with its reason.
 * @param {AbortSignal} page
 * @param {AbortController} ctrl
 */
export function anySignal(page, ctrl) {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([page, ctrl.signal]);
  if (page.aborted) ctrl.abort(page.reason);
  else page.addEventListener('abort', () => ctrl.abort(page.reason), { once: true, signal: ctrl.signal });
  return ctrl.signal;
}

// pageHref returns the page's location, whose origin is the page's, or ''
// outside a page (a worker without one).
