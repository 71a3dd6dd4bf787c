// Settings validation is pure and shared with the headless gateway; it lives in src/core/settings.
export * from '../../core/settings/read-settings';
