// Credentials in URLs: userinfo (`https://user:pw@host`) and sensitive query, fragment and `;` parameters, plain or
// percent-encoded inside another URL. The redactor masks them in text; `urlCredentials` finds them where nothing can be
// masked (a trace's compressed entries), and there only in what looks like a URL.
import { MASK } from './mask.ts';

export const USERINFO = /\/\/([^\s/?#@"'<>\\]+)@/g;
export const QUERY = /([?&#;])([^=&#\s"'<>\\?;]{1,100})=([^&#\s"'<>\\]*)/g;
export const QUERY_ENCODED = /(%3[Ff]|%26|%23)([A-Za-z0-9._~-]{1,100})(%3[Dd])((?:(?!%26|%23)[^&#\s"'<>\\])*)/g;

// Finding, unlike masking, throws the whole trace away, so it looks only where a credential can be. Userinfo: in a URL of
// a scheme that sends it (`mailto://a@b` and `git@host:` are not). Parameters: after a host or a path, their first
// separator `?`, `#` or `;` — not in script (`;e.password=`, `&&(t.token=`, `n?code=1` are JavaScript).
const USERINFO_URL = /\b(?:https?|wss?|ftps?):\/\/[^\s/?#@"'<>\\]+@/i;
const URL_LIKE = /\/[\w.~%!$+,:@/-]*[?#;][^\s"'<>\\`]*/g;

export interface UrlCredentials {
  userinfo: boolean;
  /** The sensitive parameters' names, never their values; masked ones are not counted. */
  params: Set<string>;
}

export function urlCredentials(input: string, sensitive: (name: string) => boolean): UrlCredentials {
  const params = new Set<string>();
  for (const [url] of input.matchAll(URL_LIKE)) {
    for (const [, , name, value] of url.matchAll(QUERY)) if (value && value !== MASK && sensitive(name!)) params.add(name!);
  }
  for (const [, , name, , value] of input.matchAll(QUERY_ENCODED)) if (value && value !== MASK && sensitive(name!)) params.add(name!);
  return { userinfo: USERINFO_URL.test(input), params };
}
