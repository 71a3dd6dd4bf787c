// The settings schema is pure and shared with the headless gateway; it lives in src/core/settings.
export * from '../../core/settings/schema';
