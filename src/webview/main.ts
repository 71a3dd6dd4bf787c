// Webview entry: one bundle for every Switchboard webview, dispatching on <body data-view>.
import '@vscode/codicons/dist/codicon.css';
import './shared/theme.css';
import './chat/chat.css';
import { startChat } from './chat/chat-app';
import './dashboard/dashboard.css';
import './compare/compare.css';
import { startDashboard } from './dashboard/dashboard-app';
import { startCompare } from './compare/compare-app';

/** The UIs this bundle can mount; dashboard and compare register here too. */
const views: Record<string, (root: HTMLElement) => void> = {
  chat: startChat,
  dashboard: startDashboard,
  compare: startCompare,
};

const root = document.getElementById('app') ?? document.body;
const view = document.body.dataset.view ?? '';
const mount = Object.hasOwn(views, view) ? views[view] : undefined;
if (mount) mount(root);
else root.textContent = `Unknown view "${view}".`;
