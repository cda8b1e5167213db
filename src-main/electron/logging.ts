/** The main process log: one rotating file in the OS log folder (the report can attach it via getLogPath()). */
import { app } from 'electron';
import log from 'electron-log/main';
import { join } from 'node:path';

/** Size at which main.log is moved to main.old.log and a new file is started. */
export const MAX_LOG_BYTES = 1024 * 1024;

/** The OS log folder for the app; userData/logs when Electron cannot name it yet (before ready on some platforms). */
function logsDir(): string {
  try {
    return app.getPath('logs');
  } catch {
    return join(app.getPath('userData'), 'logs');
  }
}

/** Sets up the file transport (no renderer bridge: electron-log's initialize() would inject its own preload). */
export function setupLogging(): void {
  log.transports.file.resolvePathFn = () => join(logsDir(), 'main.log');
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.level = 'info';
  log.transports.console.level = app.isPackaged ? false : 'info';
  log.errorHandler.startCatching({ showDialog: false });
  log.info(`RDP Doctor ${app.getVersion()} on Electron ${process.versions.electron ?? '?'} (${process.platform} ${process.arch})`);
}

/** Path of the current log file, for "Open log folder" and for attaching to a report. */
export function getLogPath(): string {
  return log.transports.file.getFile().path;
}

/** The logger the main process writes to. */
export const logger = log;
