/** Saving a report where the user picks (the native save dialog), then opening it or showing it in its folder. */
import { extname, join } from 'node:path';
import type { ReportFiles } from '../service/app-service';
import { writeFileAtomic } from '../files/atomic-file';

/** The slices of Electron's dialog and shell this module uses (tests pass fakes; this module loads without the binary). */
export interface ReportFileHost {
  showSaveDialog(options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>;
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
  /** The folder the dialog opens in (Documents). */
  readonly startFolder: string;
}

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.html': { name: 'Web page', extensions: ['html'] },
  '.pdf': { name: 'PDF document', extensions: ['pdf'] },
  '.json': { name: 'JSON data', extensions: ['json'] },
};

/** Report saving over the given dialog and shell. */
export function createReportFiles(host: ReportFileHost): ReportFiles {
  return {
    async save(fileName, bytes) {
      const filter = FILTERS[extname(fileName).toLowerCase()];
      const picked = await host.showSaveDialog({ title: 'Save Report', defaultPath: join(host.startFolder, fileName), filters: filter ? [filter] : [] });
      if (picked.canceled || !picked.filePath) return null;
      // The dialog already asked before replacing an existing file; the write itself never leaves half a file.
      await writeFileAtomic(picked.filePath, bytes);
      return picked.filePath;
    },
    open: (path) => host.openPath(path),
    showInFolder: (path) => host.showItemInFolder(path),
  };
}
