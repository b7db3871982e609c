export { RealtimeVoiceChat } from './element/realtime-voice-chat.js';
export * from './element/events.js';
export { stringsFor, loadLanguage, LANGUAGES, type UiStrings } from './element/i18n/strings.js';
export * from './core/index.js';
export { defineRealtimeVoiceChat } from './define.js';
export { defineTool, type JsonSchema, type SchemaType, type TypedTool } from './element/define-tool.js';
