// The lab's "custom" scenario: the visitor writes the API's answer (its
// Access-Control-* headers and the preflight's status). The answer travels
// in the request's query, so the preflight, which goes to the same URL,
// carries it too, and the lab's link holds the whole case. Also the
// "apply the fix and run again" target: /lab/fixed answers with the cors
// package configured by the suggested policy.

// answerParams are the answer's query parameters and their form fields, in
// the order the form shows them (the server reads the same names).
export const answerParams = ['acao', 'acac', 'acam', 'acah', 'aceh', 'acma', 'pstatus'];

// headerOf names the header each parameter sets, for messages.
const headerOf = {
  acao: 'Access-Control-Allow-Origin',
  acac: 'Access-Control-Allow-Credentials',
  acam: 'Access-Control-Allow-Methods',
  acah: 'Access-Control-Allow-Headers',
  aceh: 'Access-Control-Expose-Headers',
  acma: 'Access-Control-Max-Age',
  pstatus: 'the preflight status',
};

// maxAnswerValue is the server's bound on one value (internal/demo).
const maxAnswerValue = 256;

// isCustom says whether a scenario takes a written answer.
export const isCustom = (sc) => Boolean(sc && sc.defaults && sc.defaults.answer);

const field = (p) => document.getElementById(`answer-${p}`);

// readAnswer reads the answer form: a parameter whose field is empty is left
// out (the server then sends no such header; the preflight status is 204).
export function readAnswer() {
  const a = {};
  for (const p of answerParams) {
    const v = field(p).value.trim();
    if (v !== '') a[p] = v;
  }
  return a;
}

// writeAnswer fills the answer form (absent parameters empty).
export function writeAnswer(a = {}) {
  for (const p of answerParams) field(p).value = a[p] ?? '';
}

// answerFromURL reads the answer's parameters from a page URL's query.
export function answerFromURL(params) {
  const a = {};
  for (const p of answerParams) if (params.has(p)) a[p] = params.get(p);
  return a;
}

// addAnswer appends an answer's parameters to a URLSearchParams.
export function addAnswer(q, a = {}) {
  for (const p of answerParams) if (a[p] !== undefined) q.set(p, a[p]);
  return q;
}

// answerProblem returns what the server would refuse in an answer, in one
// sentence naming the field and the fix, or '' for a good answer.
export function answerProblem(a) {
  for (const p of answerParams) {
    const v = a[p];
    if (v === undefined) continue;
    if (p === 'pstatus') {
      if (!/^\d{3}$/.test(v) || Number(v) < 200 || Number(v) > 599) {
        return `The preflight status “${v}” is not one the lab answers with: give a number from 200 to 599, or leave it empty for 204.`;
      }
      continue;
    }
    if (v.length > maxAnswerValue) return `${headerOf[p]} is ${v.length} characters: the lab sends at most ${maxAnswerValue}.`;
    const bad = [...v].findIndex((c) => (c < ' ' && c !== '\t') || c > '~');
    if (bad >= 0) return `${headerOf[p]} holds “${[...v][bad]}” at character ${bad + 1}: a header value is printable ASCII; remove it.`;
  }
  return '';
}

// showAnswerForm shows the answer form for the custom scenario only.
export function showAnswerForm(sc) {
  document.getElementById('answer').hidden = !isCustom(sc);
}

// fixedQuery is the query that makes /lab/fixed answer with a fix's policy.
export const fixedQuery = (fix) => new URLSearchParams({ config: fix.json });
