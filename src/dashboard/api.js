// Talking to the daemon's status port (same origin). Reads need no token on loopback; every
// change carries the operator's token, which this page keeps in localStorage. The server never
// puts the token into the page: it arrives once in the URL fragment printed by `cetak dashboard`
// (fragments are never sent over HTTP nor logged) and is moved out of the address bar at once.

const TOKEN_KEY = 'cetak.token';

/** An answer other than 2xx, with the daemon's error code and problems. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error ?? 'HTTP_ERROR';
    this.problems = Array.isArray(body?.problems) ? body.problems : [];
  }
}

/** Thrown when a change needs a token and none is stored (or the stored one was refused). */
export class TokenNeeded extends Error {
  constructor(rejected) {
    super(rejected ? 'token refused' : 'token needed');
    this.rejected = rejected;
  }
}

/** Moves `#token=…` from the address into storage, so a copied or bookmarked URL never holds it. */
export function takeTokenFromUrl() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return;
  setToken(decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + location.search);
}

export function getToken() {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function setToken(token) {
  try {
    localStorage.setItem(TOKEN_KEY, token.trim());
  } catch {
    // Without storage the token lives only as long as this page: acceptable, the field asks again.
  }
}

export function clearToken() {
  try {
    localStorage.removeItem(TOKEN_KEY);
  } catch {}
}

async function parse(response) {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return { message: text.slice(0, 200) };
  }
}

/** GETs JSON; throws ApiError for a non-2xx answer and TypeError when the daemon is unreachable. */
export async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' });
  const body = await parse(response);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** POSTs JSON with the stored token; throws TokenNeeded when there is none or it is refused. */
export async function postJson(path, body = {}) {
  const token = getToken();
  if (!token) throw new TokenNeeded(false);
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const answer = await parse(response);
  if (response.status === 401) {
    clearToken();
    throw new TokenNeeded(true);
  }
  if (!response.ok) throw new ApiError(response.status, answer);
  return answer;
}

/**
 * GETs an image that needs the token (a card preview shows the resident's data) and returns an
 * object URL for an <img>; the caller revokes it. Throws like postJson.
 */
export async function getImageUrl(path) {
  const token = getToken();
  if (!token) throw new TokenNeeded(false);
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (response.status === 401) {
    clearToken();
    throw new TokenNeeded(true);
  }
  if (!response.ok) throw new ApiError(response.status, await parse(response));
  return URL.createObjectURL(await response.blob());
}
