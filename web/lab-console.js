// The lab's diagnosis blocks: Chrome's console wording of the refusal (the
// server words it from the exchange it saw) and the credfetch-doctor command
// that checks the same case from a terminal.

const $ = (id) => document.getElementById(id);

/**
 * showDiagnosis fills #console-wording from the refused exchange among
 * exchanges (hidden when none was refused) and #doctor-command with command
 * (hidden when credfetch refused the input before sending).
 */
export function showDiagnosis(exchanges, command, outcome) {
  const failing = exchanges.find((x) => x.browser.cors && !x.browser.ok);
  const box = $('console');
  box.hidden = !failing || outcome === 'invalid';
  if (failing) {
    const v = failing.browser;
    // Without a wording the server left the choice open: several refused
    // headers, of which Chrome's own ordering picks the one it names.
    $('console-wording').textContent = v.console || (v.corsError === 'HeaderDisallowedByPreflightResponse'
      ? `Request header field … is not allowed by Access-Control-Allow-Headers in preflight response. (Chrome names one of ${v.failedParameter}.)`
      : `(${v.corsError}: the lab does not know Chrome's wording of this reason.)`);
  } else {
    $('console-wording').textContent = '';
  }
  $('doctor').hidden = outcome === 'invalid';
  $('doctor-command').textContent = command;
}
