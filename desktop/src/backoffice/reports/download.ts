/**
 * Saves a file the renderer made or fetched, through a link to a Blob: the browser's download in a
 * browser, and Electron's save dialog in the app, with no file-system access for the renderer.
 */
export function downloadFile(file: Blob, filename: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click is handled; the URL only holds the Blob in memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const CSV_TYPE = 'text/csv;charset=utf-8';
