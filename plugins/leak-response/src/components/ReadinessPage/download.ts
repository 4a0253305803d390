import { InventoryDownload } from '../../api';

/** Hands a downloaded file (text or bytes) to the browser as a download. */
export function saveFile(
  file: Omit<InventoryDownload, 'body'> & { body: BlobPart },
): void {
  const url = URL.createObjectURL(
    new Blob([file.body], { type: file.contentType }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next tick: some browsers read the URL after click().
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
