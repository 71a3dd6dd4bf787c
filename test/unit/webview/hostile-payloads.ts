// Hostile markdown a model (or a prompt injection through it) could produce. Shared by the unit
// sanitization test and the UI XSS test; each payload tries to set globalThis.__pwned.

/** One hostile payload and what it tries. */
export interface HostilePayload {
  name: string;
  markdown: string;
}

/** At least 20 ways to break out of rendered markdown. */
export const HOSTILE_PAYLOADS: HostilePayload[] = [
  { name: 'script tag', markdown: '<script>window.__pwned=1</script>' },
  { name: 'img onerror', markdown: '<img src=x onerror="window.__pwned=2">' },
  { name: 'javascript link', markdown: '[click](javascript:window.__pwned=3)' },
  { name: 'javascript link, entity-encoded', markdown: '[click](jav&#x61;script:window.__pwned=4)' },
  { name: 'javascript link, mixed case and spaces', markdown: '[click]( JaVaScRiPt:window.__pwned=5 )' },
  { name: 'svg with script', markdown: '<svg><script>window.__pwned=6</script></svg>' },
  { name: 'svg onload', markdown: '<svg onload="window.__pwned=7"></svg>' },
  { name: 'remote image', markdown: '![tracker](https://remote.example.invalid/pixel.png)' },
  { name: 'remote image, reference style', markdown: '![t][r]\n\n[r]: http://remote.example.invalid/a.gif' },
  { name: 'iframe', markdown: '<iframe src="https://remote.example.invalid/"></iframe>' },
  { name: 'data URL link', markdown: '[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD05PC9zY3JpcHQ+)' },
  { name: 'data URL svg image', markdown: '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3B3bmVkPTEwIi8+)' },
  { name: 'HTML entities', markdown: '&lt;script&gt;window.__pwned=11&lt;/script&gt; &#60;img src=x onerror=window.__pwned=11&#62;' },
  { name: 'link title breakout', markdown: '[a](https://ok.example.invalid "x\\" onmouseover=\\"window.__pwned=12")' },
  { name: 'autolink javascript', markdown: '<javascript:window.__pwned=13>' },
  { name: 'vbscript link', markdown: '[x](vbscript:msgbox(14))' },
  { name: 'command URI link', markdown: '[run](command:workbench.action.terminal.new)' },
  { name: 'file URI link', markdown: '[secrets](file:///etc/passwd)' },
  { name: 'style tag', markdown: '<style>body{background:url(https://remote.example.invalid/x)}</style>' },
  { name: 'object/embed', markdown: '<object data="https://remote.example.invalid/x.swf"></object><embed src="x.swf">' },
  { name: 'form with action', markdown: '<form action="https://remote.example.invalid"><button>go</button></form>' },
  { name: 'meta refresh', markdown: '<meta http-equiv="refresh" content="0;url=https://remote.example.invalid">' },
  { name: 'fenced html is only text', markdown: '```html\n<img src=x onerror="window.__pwned=23">\n```' },
  { name: 'fence info breakout', markdown: '```"><img src=x onerror=window.__pwned=24>\ncode\n```' },
  { name: 'nested link and image', markdown: '[![a](https://remote.example.invalid/i.png)](javascript:window.__pwned=25)' },
  { name: 'math-like unicode escapes', markdown: '[x](\\u006aavascript:window.__pwned=26)' },
  { name: 'reference link javascript', markdown: '[x][j]\n\n[j]: javascript:window.__pwned=27' },
  { name: 'linkified bare URL', markdown: 'see www.remote.example.invalid/path and https://remote.example.invalid' },
];
