// The rules a case document is held to, by the API, the upload checker and the form alike: the first bytes of
// each accepted type, the file name, and which problem the API answers first (400, 415, 413).
import { describe, expect, it } from 'vitest';
import {
  downloadFilename,
  extensionFits,
  fileProblem,
  MAGIC_BYTES_NEEDED,
  MAX_DOCUMENT_BYTES,
  magicMatches,
  sanitiseFilename,
} from '#shared/documents/rules.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ');
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00);

describe('the magic-byte check', () => {
  it('accepts each type by its own signature', () => {
    expect(magicMatches(PDF, 'application/pdf')).toBe(true);
    expect(magicMatches(JPEG, 'image/jpeg')).toBe(true);
    expect(magicMatches(PNG, 'image/png')).toBe(true);
  });

  it('refuses a file declared as another type: a PNG as a PDF, a PDF as a JPEG, a JPEG as a PNG', () => {
    expect(magicMatches(PNG, 'application/pdf')).toBe(false);
    expect(magicMatches(PDF, 'image/jpeg')).toBe(false);
    expect(magicMatches(JPEG, 'image/png')).toBe(false);
  });

  it('refuses an executable, an empty or a too-short file, and any type outside the three', () => {
    expect(magicMatches(bytes(0x4d, 0x5a, 0x90, 0x00), 'application/pdf')).toBe(false); // "MZ": a Windows .exe
    expect(magicMatches(bytes(), 'application/pdf')).toBe(false);
    expect(magicMatches(bytes(0x89, 0x50, 0x4e, 0x47), 'image/png')).toBe(false); // half a PNG signature
    expect(magicMatches(PDF, 'application/x-msdownload')).toBe(false);
  });

  it('reads the eight bytes that the longest signature (PNG) needs', () => {
    expect(MAGIC_BYTES_NEEDED).toBe(8);
  });
});

describe('file names', () => {
  it('refuses folders: a name is never a path', () => {
    expect(sanitiseFilename('../../etc/passwd')).toEqual({ ok: false, problem: 'has_path' });
    expect(sanitiseFilename('C:\\Users\\x\\fir.pdf')).toEqual({ ok: false, problem: 'has_path' });
  });

  it('removes control and direction-override characters, which can disguise an ending', () => {
    // U+202E turns "fdp.exe" into what reads as "exe.pdf".
    expect(sanitiseFilename('scan\u202Efdp.exe')).toEqual({ ok: true, name: 'scanfdp.exe' });
    expect(sanitiseFilename('a\u0000b\tc.pdf')).toEqual({ ok: true, name: 'ab c.pdf' });
  });

  it('replaces reserved characters, collapses spaces and drops leading dots', () => {
    expect(sanitiseFilename('  ..hidden  <order>:1?.pdf ')).toEqual({ ok: true, name: 'hidden _order__1_.pdf' });
    expect(sanitiseFilename('...')).toEqual({ ok: false, problem: 'required' });
  });

  it('keeps names in any script, up to 200 characters', () => {
    expect(sanitiseFilename('प्राथमिकी.pdf')).toEqual({ ok: true, name: 'प्राथमिकी.pdf' });
    expect(sanitiseFilename(`${'a'.repeat(196)}.pdf`).ok).toBe(true);
    expect(sanitiseFilename(`${'a'.repeat(197)}.pdf`)).toEqual({ ok: false, problem: 'too_long' });
  });

  it('wants the ending to fit the declared type, or no ending at all', () => {
    expect(extensionFits('report.PDF', 'application/pdf')).toBe(true);
    expect(extensionFits('photo.jpeg', 'image/jpeg')).toBe(true);
    expect(extensionFits('scan', 'image/png')).toBe(true);
    expect(extensionFits('setup.exe', 'application/pdf')).toBe(false);
    expect(extensionFits('photo.png', 'image/jpeg')).toBe(false);
  });

  it('downloads under a name of ids only, never the uploaded one', () => {
    const name = downloadFilename('PAT1/2026-27/00042', 'MEDICAL_REPORT', '3f2a9c1b-aaaa-bbbb', 'image/jpeg');
    expect(name).toBe('pat1-2026-27-00042-medical-report-3f2a9c1b.jpg');
  });
});

describe('what the API answers for a declared file', () => {
  const ok = { filename: 'fir.pdf', contentType: 'application/pdf', size: 1000 };

  it('lets a PDF, JPEG or PNG of at most 10 MiB through', () => {
    expect(fileProblem(ok)).toBeUndefined();
    expect(fileProblem({ ...ok, size: MAX_DOCUMENT_BYTES })).toBeUndefined();
    expect(fileProblem({ filename: 'p.png', contentType: 'image/png', size: 5 })).toBeUndefined();
  });

  it('answers 415 for another type or an ending of another type, and 413 above 10 MiB', () => {
    expect(fileProblem({ ...ok, filename: 'setup.exe', contentType: 'application/x-msdownload' })).toEqual({
      status: 415,
      path: 'contentType',
      code: 'unsupported_type',
    });
    expect(fileProblem({ ...ok, filename: 'setup.exe' })).toMatchObject({ status: 415, path: 'filename' });
    expect(fileProblem({ ...ok, size: MAX_DOCUMENT_BYTES + 1 })).toEqual({
      status: 413,
      path: 'size',
      code: 'too_big',
    });
  });

  it('names the first problem in the order the API checks: name, type, size', () => {
    expect(fileProblem({ filename: 'a/b.exe', contentType: 'x/y', size: 11 * 2 ** 20 })?.status).toBe(400);
    expect(fileProblem({ filename: 'b.exe', contentType: 'x/y', size: 11 * 2 ** 20 })?.status).toBe(415);
  });
});
