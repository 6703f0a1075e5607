// Moving a document's bytes straight between the browser and the storage with the presigned URLs the API
// gives: never through the API. The upload is an XMLHttpRequest because fetch cannot report upload progress;
// the download is fetched into memory and saved from there, so the signed URL never becomes a page of its own
// (nor an entry in the browser's history), and a refused link is a message rather than an XML error page.

export class TransferError extends Error {
  constructor(
    /** The storage's answer, or 0 when none came (offline, blocked, dropped). */
    readonly status: number,
  ) {
    super(status ? `Storage answered ${status}` : 'Network error');
  }
}

/** PUTs the file with exactly the Content-Type the URL was signed for; `onProgress` gets 0 to 100. */
export function uploadFile(
  url: string,
  file: Blob,
  contentType: string,
  onProgress: (percent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('content-type', contentType);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new TransferError(xhr.status)));
    xhr.onerror = () => reject(new TransferError(0));
    xhr.onabort = () => reject(new TransferError(0));
    xhr.send(file);
  });
}

/** Fetches a download link's bytes and saves them under `filename`; the object URL is let go at once. */
export async function saveDownload(url: string, filename: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
  } catch {
    throw new TransferError(0);
  }
  if (!res.ok) throw new TransferError(res.status);
  const blob = await res.blob();
  const objectUrl = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = objectUrl;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 1000);
}

const TYPE_BY_ENDING: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The type to declare for a chosen file: the browser's, or from its ending when the browser gives none. */
export function declaredType(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ending = file.name.includes('.') ? file.name.split('.').pop()?.toLowerCase() : undefined;
  return (ending && TYPE_BY_ENDING[ending]) || '';
}
