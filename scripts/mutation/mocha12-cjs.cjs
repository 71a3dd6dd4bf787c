// Stryker's mocha runner (10.x) requires mocha's CLI helpers by extensionless path
// (`mocha/lib/cli/run-helpers`, `options`, `collect-files`). Mocha 12 ships them as `.cjs`,
// which Node's CommonJS resolver does not try, so the runner failed to load. Teaching the
// resolver the `.cjs` extension (loaded exactly like `.js`) makes those paths resolve again.
const Module = require('node:module');
if (!Module._extensions['.cjs']) Module._extensions['.cjs'] = Module._extensions['.js'];
