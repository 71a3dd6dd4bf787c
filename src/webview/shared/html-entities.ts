// markdown-it decodes named character references (`&copy;`) with the `entities` package, whose
// table of over 2,000 names is about 21 KB of the webview bundle. The webview's own HTML parser
// knows the same names, so esbuild.js points markdown-it's import of `entities` here for the
// webview bundle. Tests and the host keep the package.

let scratch: HTMLTextAreaElement | undefined;

/**
 * What markdown-it asks of `entities`: `&name;` decoded, or returned unchanged when it is not
 * exactly one named reference. A textarea's content is text, so nothing in it becomes markup.
 */
export function decodeHTMLStrict(reference: string): string {
  if (!/^&[a-z][a-z0-9]{1,31};$/i.test(reference)) return reference;
  scratch ??= document.createElement('textarea');
  scratch.innerHTML = reference;
  const decoded = scratch.value;
  // The parser also decodes a legacy name without its semicolon and keeps the rest (`&ampx;` gives
  // `&x;`); a strict decode does not. A whole reference never decodes to text ending in `;`, but
  // for `&semi;` itself.
  return decoded.endsWith(';') && decoded !== ';' ? reference : decoded;
}
