export type { BuildEvent, VertexEvent, StatusEvent, LogEvent, WarningEvent, ErrorSource, BuildFailure, EventSink, Millis } from './events';
export { PlainPrinter, PLAIN_ERROR_LOG_LINES, type PlainOptions } from './plain';
export { TtyPrinter, ANSI, type TtyOptions } from './tty';
export { sourceSnippet, renderFailure, renderWarnings } from './failure';
export { legacy, shortId, renderLegacyPlain } from './legacy';
export { Trace } from './trace';
export { bytes2f } from './units';
