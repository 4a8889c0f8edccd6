/**
 * Chunked uploads and downloads over the request channel (both transports carry JSON, so the
 * bytes travel as base64, 1 MiB a chunk), with progress.
 */
import { FILE_CHUNK_BYTES } from '../../../../shared/volumes/contract';
import type { FilesTarget } from '../../../../shared/volumes/model';
import { client } from '../../api';

export interface Progress {
  done: number;
  /** Null when the size is not known beforehand (a folder's tar). */
  total: number | null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function uploadFile(target: FilesTarget, dir: string, file: File, onProgress: (p: Progress) => void): Promise<string> {
  const { uploadId } = await client.request('files:upload-start', { target, path: dir, name: file.name, size: file.size });
  let sent = 0;
  onProgress({ done: 0, total: file.size });
  while (sent < file.size) {
    const slice = new Uint8Array(await file.slice(sent, sent + FILE_CHUNK_BYTES).arrayBuffer());
    await client.request('files:upload-chunk', { uploadId, dataBase64: toBase64(slice) });
    sent += slice.length;
    onProgress({ done: sent, total: file.size });
  }
  const { path } = await client.request('files:upload-finish', { uploadId });
  return path;
}

/** Downloads a file (its content) or a folder (a tar) and hands it to the browser as a file. */
export async function downloadPath(target: FilesTarget, path: string, onProgress: (p: Progress) => void): Promise<string> {
  const start = await client.request('files:download-start', { target, path });
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress({ done: 0, total: start.totalBytes });
  for (;;) {
    const chunk = await client.request('files:download-chunk', { downloadId: start.downloadId });
    const bytes = fromBase64(chunk.dataBase64);
    parts.push(bytes);
    received += bytes.length;
    onProgress({ done: received, total: start.totalBytes });
    if (chunk.done) break;
  }
  const blob = new Blob(parts, { type: start.kind === 'tar' ? 'application/x-tar' : 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = start.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return start.fileName;
}
