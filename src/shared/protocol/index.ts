// The one protocol map of every webview. Each view declares its own messages in its own file;
// they are merged here so a name can never mean two things.
import { mergeMessageMaps } from './define';
import { chatToHost, chatToWebview } from './chat';
import { compareToHost, compareToWebview } from './compare';
import { dashboardToHost, dashboardToWebview } from './dashboard';

/** Every webview → host message. Add a view's map here. */
export const toHostMessages = mergeMessageMaps(chatToHost, dashboardToHost, compareToHost);

/** Every host → webview message. Add a view's map here. */
export const toWebviewMessages = mergeMessageMaps(chatToWebview, dashboardToWebview, compareToWebview);

/** Map types, for typed endpoints on each side. */
export type ToHostMessages = typeof toHostMessages;
/** @see toWebviewMessages */
export type ToWebviewMessages = typeof toWebviewMessages;

export * from './define';
export * from './chat-model';
export { chatToHost, chatToWebview } from './chat';
export * from './chat-view-state';
export { isOpenableLink } from './link-policy';
export * from './picker-rows';
export * from './dashboard';
export * from './compare';
