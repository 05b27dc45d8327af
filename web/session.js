// The demo's session calls on the API origin (see internal/demo/session.go),
// shared by the walkthrough's steps and the lab's Session panel. Each
// resolves with credfetch's response, or rejects with its error (a 401 has
// err.response).

/** sessionAPI binds the session calls to credfetch and the API origin. */
export function sessionAPI(credfetch, apiOrigin) {
  const url = (path) => apiOrigin + path;
  return {
    /** whoami asks who the API sees; 200 {user}, or 401 saying why not. */
    whoami: (credentials = 'include') => credfetch.ajax({ url: url('/api/whoami'), credentials, dataType: 'json' }),
    /** login stores the session cookie (the browser keeps it, HttpOnly). */
    login: (user = 'ada') => credfetch.ajax({ url: url('/api/login'), method: 'POST', data: { user }, credentials: 'include', dataType: 'json' }),
    /** logout ends the session on the server and deletes the cookie. */
    logout: () => credfetch.ajax({ url: url('/api/logout'), method: 'POST', credentials: 'include', dataType: 'json' }),
  };
}
