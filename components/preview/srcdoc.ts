/**
 * Turns a simulated web server's response into the `srcdoc` of a sandboxed iframe (sandbox="": no scripts, no
 * same-origin, no forms, no popups). What the page served is untrusted: it is shown, never run, and it may not load
 * anything (a CSP meta denies every fetch, an about:blank base leaves relative links nothing to resolve to, and links
 * target a new window, which the sandbox does not allow: a click leaves the preview as it is).
 */

const GUARD =
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">` +
  // Relative URLs resolve against nothing; a clicked link would open a new window, which the sandbox refuses.
  `<base href="about:blank" target="_blank">`;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function isHtml(contentType: string, body: string): boolean {
  return /html/i.test(contentType) || /^\s*(<!doctype html|<html[\s>])/i.test(body);
}

/** The iframe's document for a response: HTML as served (guarded), anything else as preformatted text. */
export function previewDocument(res: { status: number; body: string; contentType: string }): string {
  if (!isHtml(res.contentType, res.body)) {
    return `<!DOCTYPE html>${GUARD}<pre style="margin:0;padding:12px;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap">${escapeHtml(res.body)}</pre>`;
  }
  // The guard must come before anything the page could use to load or run: right after a doctype, else first.
  const m = /^\s*<!doctype[^>]*>/i.exec(res.body);
  return m ? m[0] + GUARD + res.body.slice(m[0].length) : GUARD + res.body;
}

/** The port (when given) and `/path?q` typed in the address bar: `localhost:8080/a`, `http://localhost:8080/a`, `/a`, `a`. */
export function parseAddress(text: string): { port?: number; path: string } {
  const t = text.trim();
  const m = /^(?:https?:\/\/)?(?:localhost|127\.0\.0\.1)(?::(\d+))?(\/.*)?$/i.exec(t);
  if (m) return { ...(m[1] ? { port: Number(m[1]) } : {}), path: m[2] ?? '/' };
  return { path: t.startsWith('/') ? t : '/' + t };
}
