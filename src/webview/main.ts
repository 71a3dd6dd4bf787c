// Webview entry; the chat UI lands with the UI issue.
export {};
