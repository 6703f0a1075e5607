// The words of the case documents panel, in English and Hindi, merged by i18n.ts into the one dictionary
// `t()` returns. The Hindi is typed by the English, so a missing word is a type error here as well. Labels
// are keyed by the shared enums (kinds, statuses, reasons), so a new value is a type error until it has both.
import type { DocumentKind, DocumentStatus, RejectReason } from '../../shared/documents/rules.ts';

type Kinds = Record<DocumentKind, string>;
type Statuses = Record<DocumentStatus, string>;
type Reasons = Record<RejectReason, string>;

/** File sizes in the reader's terms: bytes, kB or MB (1 MB = 1024 × 1024 bytes, as the limit is). */
const size = (bytes: number, units: { b: string; kb: string; mb: string }) =>
  bytes < 1024
    ? `${bytes} ${units.b}`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} ${units.kb}`
      : `${(bytes / (1024 * 1024)).toFixed(1)} ${units.mb}`;

export const DOCS_EN = {
  documentsSection: 'Documents',
  documentsIntro:
    'FIR copies, medical reports, court orders and signed forms, kept encrypted with the case. Only this centre’s team can see them; every download is recorded.',
  noDocuments: 'No document has been added yet.',
  loadingDocuments: 'Loading the documents…',
  documentKindLabels: {
    FIR_COPY: 'FIR copy',
    MEDICAL_REPORT: 'Medical report',
    DIR: 'Domestic Incident Report',
    COURT_ORDER: 'Court order',
    CONSENT_FORM: 'Consent form',
    OTHER: 'Other document',
  } satisfies Kinds,
  documentStatusLabels: {
    PENDING: 'Being uploaded',
    AVAILABLE: 'Ready',
    REJECTED: 'Refused',
    EXPIRED: 'Not received',
    DELETED: 'Removed',
  } satisfies Statuses,
  rejectReasonLabels: {
    TYPE_MISMATCH: 'the file is not the type it claims to be',
    SIZE_MISMATCH: 'the file that arrived is not the size announced',
  } satisfies Reasons,
  documentAdded: (who: string, when: string) => `added by ${who}, ${when}`,
  fileSize: (bytes: number) => size(bytes, { b: 'bytes', kb: 'kB', mb: 'MB' }),
  download: 'Download',
  downloadNamed: (kind: string, name: string) => `Download ${kind}: ${name}`,
  downloading: 'Downloading…',
  downloaded: (name: string) => `Downloaded as ${name}.`,
  downloadFailed: 'The download did not work. Please try again.',
  uploadTitle: 'Add a document',
  documentKind: 'Kind of document',
  chooseFile: 'File',
  chooseFileHint: 'A PDF, JPEG or PNG file of at most 10 MB. A photo of a paper works.',
  upload: 'Upload',
  uploading: (percent: number) => `Uploading… ${percent}%`,
  uploadProgress: 'Upload progress',
  checking: 'Uploaded. Checking the file…',
  uploadedReady: (kind: string) => `${kind} is ready.`,
  uploadedRefused: (kind: string, reason: string) => `${kind} was refused: ${reason}. Please choose the right file.`,
  stillChecking: 'The file is still being checked. Its status will show here shortly.',
  uploadFailed: 'The upload did not get through. Please try again.',
  uploadExpired: 'The upload took too long and its link expired. Please try again.',
  fileProblems: {
    none: 'Choose a file first.',
    required: 'The file needs a name.',
    has_path: 'The file name may not contain folders.',
    too_long: 'The file name is too long: at most 200 characters.',
    unsupported_type: 'Only PDF, JPEG or PNG files can be kept with a case.',
    extension_mismatch: 'The file name ends in another type than the file is. Rename it or choose another file.',
    too_big: (bytes: number) => `This file is ${size(bytes, { b: 'bytes', kb: 'kB', mb: 'MB' })}; the limit is 10 MB.`,
  },
  documentActionLabels: {
    DOCUMENT_UPLOAD_STARTED: 'Document upload started',
    DOCUMENT_AVAILABLE: 'Document checked and ready',
    DOCUMENT_REJECTED: 'Document refused',
    DOCUMENT_EXPIRED: 'Document not received in time',
    DOCUMENTS_DELETED: 'Documents removed',
  } as Record<string, string>,
};

export type DocumentMessages = typeof DOCS_EN;

export const DOCS_HI: DocumentMessages = {
  documentsSection: 'दस्तावेज़',
  documentsIntro:
    'FIR की प्रति, मेडिकल रिपोर्ट, अदालत के आदेश और हस्ताक्षरित फ़ॉर्म, मामले के साथ एन्क्रिप्ट करके रखे जाते हैं। इन्हें केवल इसी केंद्र की टीम देख सकती है; हर डाउनलोड दर्ज होता है।',
  noDocuments: 'अभी तक कोई दस्तावेज़ नहीं जोड़ा गया है।',
  loadingDocuments: 'दस्तावेज़ लोड हो रहे हैं…',
  documentKindLabels: {
    FIR_COPY: 'FIR की प्रति',
    MEDICAL_REPORT: 'मेडिकल रिपोर्ट',
    DIR: 'घरेलू घटना रिपोर्ट (DIR)',
    COURT_ORDER: 'अदालत का आदेश',
    CONSENT_FORM: 'सहमति पत्र',
    OTHER: 'अन्य दस्तावेज़',
  },
  documentStatusLabels: {
    PENDING: 'अपलोड हो रहा है',
    AVAILABLE: 'तैयार',
    REJECTED: 'अस्वीकार',
    EXPIRED: 'प्राप्त नहीं हुआ',
    DELETED: 'हटाया गया',
  },
  rejectReasonLabels: {
    TYPE_MISMATCH: 'फ़ाइल उस प्रकार की नहीं है जो बताया गया',
    SIZE_MISMATCH: 'पहुँची फ़ाइल का आकार बताए गए आकार से अलग है',
  },
  documentAdded: (who, when) => `${who} ने जोड़ा, ${when}`,
  fileSize: (bytes) => size(bytes, { b: 'बाइट', kb: 'kB', mb: 'MB' }),
  download: 'डाउनलोड करें',
  downloadNamed: (kind, name) => `डाउनलोड करें ${kind}: ${name}`,
  downloading: 'डाउनलोड हो रहा है…',
  downloaded: (name) => `${name} नाम से डाउनलोड हुआ।`,
  downloadFailed: 'डाउनलोड नहीं हो सका। कृपया फिर से प्रयास करें।',
  uploadTitle: 'दस्तावेज़ जोड़ें',
  documentKind: 'दस्तावेज़ का प्रकार',
  chooseFile: 'फ़ाइल',
  chooseFileHint: 'PDF, JPEG या PNG फ़ाइल, अधिकतम 10 MB। काग़ज़ की फ़ोटो भी चलेगी।',
  upload: 'अपलोड करें',
  uploading: (percent) => `अपलोड हो रहा है… ${percent}%`,
  uploadProgress: 'अपलोड की प्रगति',
  checking: 'अपलोड हो गया। फ़ाइल की जाँच हो रही है…',
  uploadedReady: (kind) => `${kind} तैयार है।`,
  uploadedRefused: (kind, reason) => `${kind} अस्वीकार हुई: ${reason}। कृपया सही फ़ाइल चुनें।`,
  stillChecking: 'फ़ाइल की जाँच अभी चल रही है। इसकी स्थिति जल्द ही यहाँ दिखेगी।',
  uploadFailed: 'अपलोड नहीं हो सका। कृपया फिर से प्रयास करें।',
  uploadExpired: 'अपलोड में बहुत देर लगी और उसका लिंक समाप्त हो गया। कृपया फिर से प्रयास करें।',
  fileProblems: {
    none: 'पहले एक फ़ाइल चुनें।',
    required: 'फ़ाइल का नाम होना चाहिए।',
    has_path: 'फ़ाइल के नाम में फ़ोल्डर नहीं हो सकते।',
    too_long: 'फ़ाइल का नाम बहुत लंबा है: अधिकतम 200 अक्षर।',
    unsupported_type: 'मामले के साथ केवल PDF, JPEG या PNG फ़ाइलें रखी जा सकती हैं।',
    extension_mismatch: 'फ़ाइल के नाम का अंत किसी दूसरे प्रकार का है। नाम बदलें या दूसरी फ़ाइल चुनें।',
    too_big: (bytes) => `यह फ़ाइल ${size(bytes, { b: 'बाइट', kb: 'kB', mb: 'MB' })} की है; सीमा 10 MB है।`,
  },
  documentActionLabels: {
    DOCUMENT_UPLOAD_STARTED: 'दस्तावेज़ का अपलोड शुरू हुआ',
    DOCUMENT_AVAILABLE: 'दस्तावेज़ जाँचा गया और तैयार है',
    DOCUMENT_REJECTED: 'दस्तावेज़ अस्वीकार हुआ',
    DOCUMENT_EXPIRED: 'दस्तावेज़ समय पर प्राप्त नहीं हुआ',
    DOCUMENTS_DELETED: 'दस्तावेज़ हटाए गए',
  },
};
