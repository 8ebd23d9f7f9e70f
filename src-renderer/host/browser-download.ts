/**
 * The web console's `saveFile`: hands the URL to the browser's own download manager, exactly as
 * if the person had clicked a download link (the session cookie goes with it, the browser shows
 * the progress and where the file went). No bytes pass through the page.
 */
import { type SavedDownload } from '../../src-shared/api/downloads.js';

export function browserDownload(url: string): Promise<SavedDownload> {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  return Promise.resolve({ saved_to: null });
}
