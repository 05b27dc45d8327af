// Compiled (not run) by TestTypeScriptDeclarationsCompile: every call of the
// API, typed as a page would write it. A wrong declaration fails the build.
import { load, type Credfetch, type CredfetchError, type AjaxResponse } from '../../../assets/credfetch';

interface Me { user: string }

async function main(): Promise<void> {
  const credfetch: Credfetch = await load({ wasmURL: '/credfetch.wasm' });
  const settings = credfetch.ajaxSetup({
    baseURL: 'https://api.example.com',
    credentials: 'include',
    trustedOrigins: ['https://api.example.com', 'https://*.example.com'],
    headers: { 'X-Requested-With': 'credfetch' },
    timeout: 5000,
    retry: { limit: 2, statusCodes: [503] },
    transport: 'fetch',
    xsrfCookieName: 'XSRF-TOKEN',
    xsrfHeaderName: 'X-XSRF-TOKEN',
    noCORSProbe: false,
  });
  const limit: number = settings.retry;
  const probing: boolean = !settings.noCORSProbe;
  const off: () => void = credfetch.ajaxPrefilter(async (s) => {
    s.headers['X-Trace'] = '1';
    s.xhrFields.withCredentials = true;
  });
  const me: AjaxResponse<Me> = await credfetch.ajax<Me>({ url: '/me', dataType: 'json', signal: new AbortController().signal });
  const name: string = me.data.user;
  await credfetch.ajax({ url: '/upload', method: 'POST', body: new Blob(['x']), transport: 'xhr', onUploadProgress: (p) => p.loaded });
  await credfetch.ajax('/ping');
  const res: Response = await credfetch.fetch(new Request('/x'), { credentials: 'include' });
  const uninstall: () => void = credfetch.install({ origins: ['https://api.example.com'] });
  try {
    await credfetch.ajax({ url: '/missing' });
  } catch (e) {
    const err = e as CredfetchError;
    const code: 'timeout' | 'abort' | 'network' | 'cors' | 'http' | 'invalid' = err.code;
    const refused: boolean = err.code === 'cors' && err.name === 'CORSError';
    const status: number | undefined = err.response?.status;
    void code; void status; void refused;
  }
  const ready: Promise<Credfetch> = window.credfetch.ready;
  const memory: number = credfetch.diagnostics().wasmMemoryBytes + credfetch.diagnostics().liveCallbacks;
  void memory;
  void limit; void probing; void off; void name; void res; void uninstall; void ready;
}
void main();
