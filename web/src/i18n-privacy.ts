// The words of the privacy screens, in English and Hindi: the access log of a case and the per-user query,
// legal hold, the notice at registration (its text itself is in shared/privacy/wording.ts), and the lock of a
// shared computer. Merged into the one dictionary `t()` returns; the Hindi is typed by the English.

const secs = (n: number) => {
  const m = Math.floor(n / 60);
  const s = n % 60;
  return m ? `${m}:${String(s).padStart(2, '0')}` : `${s}`;
};

export const PRIVACY_EN = {
  privacySection: 'Privacy: notice, legal hold and who read it',
  // access log of a case
  accessLogSection: 'Who has read this case',
  accessLogIntro: 'Every opening of this case, its history, documents and downloads, newest first.',
  accessLogEmpty: 'Nobody has read this case yet.',
  accessLogShow: 'Show who has read this case',
  accessLogMore: 'Show older reads',
  colWhen: 'When',
  colWho: 'Who',
  colAction: 'What',
  whatElse: (who: string) => `What else ${who} read`,
  readActions: {
    CASE_READ: 'Opened the case',
    HISTORY_READ: 'Read the history',
    FOLLOW_UPS_READ: 'Read the follow-ups',
    ESCALATIONS_READ: 'Read the escalations',
    DOCUMENT_DOWNLOAD: 'Downloaded a document',
    DOCUMENTS_READ: 'Listed the documents',
    ACCESS_LOG_READ: 'Read this access log',
    LIST_READ: 'Listed cases',
    REPORT_READ: 'Read a report',
    EXPORT: 'Downloaded a file',
    ACCESS_LOG_QUERY: 'Asked what a user read',
  } as Record<string, string>,
  // the per-user query
  navAccess: 'Access log',
  accessQueryTitle: 'What did one user read?',
  accessQueryIntro:
    'For a suspected misuse or data breach: every case, list, report and download one user opened in a period, newest first. Your query is recorded too.',
  actorId: 'User id',
  actorIdHint: 'Shown in the access log of any case she read (“What else … read”).',
  fromDay: 'From (DD/MM/YYYY)',
  toDay: 'To (DD/MM/YYYY)',
  search: 'Search',
  accessNone: 'Nothing was read by this user in this period.',
  colCase: 'Case',
  colCentre: 'Centre',
  colDetail: 'Details',
  accessShown: (n: number) => `${n} reads shown.`,
  // legal hold
  legalHoldSection: 'Legal hold',
  legalHoldOn: (when: string) => `On legal hold since ${when}: this case will not be anonymised.`,
  legalHoldOff: 'Not on legal hold. Some years after the case ends, her identity, story and notes are removed.',
  anonymisedOn: (when: string) => `Anonymised on ${when}: her identity, story, notes and documents were removed.`,
  placeHold: 'Place a legal hold',
  liftHold: 'Lift the legal hold',
  holdReason: 'Reason',
  holdReasonHint: 'For example: court case pending. Seen by this centre only.',
  holdPlaced: 'The legal hold is placed.',
  holdLifted: 'The legal hold is lifted.',
  // the notice at registration
  noticeHeading: 'Privacy notice: read it to her before asking for consent',
  noticeGivenIn: 'The notice was given to her in',
  noticeLanguages: { hi: 'Hindi', en: 'English', other: 'Another language (read out and explained)' } as Record<
    string,
    string
  >,
  childBasisTitle: 'A girl under 18',
  noticeRecorded: 'Notice',
  noticeStatus: { GIVEN: 'Given', AT_FIRST_CONTACT: 'To be given at first contact' } as Record<string, string>,
  legalBasisLabels: { CONSENT: 'Her consent', CHILD_INTEREST_IN_LAW: "The child's interest, under law" } as Record<
    string,
    string
  >,
  // shared computers
  lockWarning: (n: number) =>
    `No one has used this screen for a while. It locks in ${secs(n)} seconds: press any key or click to keep working.`,
  lockWarningSpoken: (n: number) => `This screen locks in ${n} seconds. Press any key to keep working.`,
  stayHere: 'Keep working',
  lockedTitle: 'Screen locked',
  lockedText: (user: string) =>
    `This screen was locked because it was not used. Nothing of the case is shown. Only ${user} can unlock it.`,
  lockedDraftKept: (n: number) =>
    `A case you were typing is kept in this tab for ${secs(n)} more. Then you are signed out and it is lost.`,
  lockedSignOutIn: (n: number) => `You will be signed out in ${secs(n)}.`,
  lockedSpoken: (n: number) => `Screen locked. You will be signed out in ${Math.ceil(n / 60)} minutes.`,
  signOutSoonSpoken: (n: number) => `You will be signed out in ${n} seconds. Anything not registered will be lost.`,
  unlockAs: (user: string) => `I am ${user}: unlock`,
  unlockCognito: (user: string) => `Sign in again as ${user} to unlock`,
  unlockFailed: 'Unlocking failed. Please try again, or sign out.',
  unlockOtherUser: 'Someone else signed in: the locked session is closed and its unsent work removed.',
  lockSignedOut: 'You were signed out because the screen was not used. Nothing from that session is kept.',
};

export type PrivacyMessages = typeof PRIVACY_EN;

export const PRIVACY_HI: PrivacyMessages = {
  privacySection: 'गोपनीयता: सूचना, क़ानूनी रोक और किसने पढ़ा',
  accessLogSection: 'इस मामले को किसने पढ़ा',
  accessLogIntro: 'इस मामले, इसके इतिहास, दस्तावेज़ों और डाउनलोड को हर बार खोले जाने का रिकॉर्ड, नया सबसे पहले।',
  accessLogEmpty: 'इस मामले को अभी तक किसी ने नहीं पढ़ा।',
  accessLogShow: 'दिखाएँ कि इस मामले को किसने पढ़ा',
  accessLogMore: 'पुराने रिकॉर्ड दिखाएँ',
  colWhen: 'कब',
  colWho: 'किसने',
  colAction: 'क्या',
  whatElse: (who: string) => `${who} ने और क्या पढ़ा`,
  readActions: {
    CASE_READ: 'मामला खोला',
    HISTORY_READ: 'इतिहास पढ़ा',
    FOLLOW_UPS_READ: 'फ़ॉलो-अप पढ़े',
    ESCALATIONS_READ: 'एस्केलेशन पढ़े',
    DOCUMENT_DOWNLOAD: 'दस्तावेज़ डाउनलोड किया',
    DOCUMENTS_READ: 'दस्तावेज़ों की सूची देखी',
    ACCESS_LOG_READ: 'यह रिकॉर्ड पढ़ा',
    LIST_READ: 'मामलों की सूची देखी',
    REPORT_READ: 'रिपोर्ट पढ़ी',
    EXPORT: 'फ़ाइल डाउनलोड की',
    ACCESS_LOG_QUERY: 'देखा कि किसी उपयोगकर्ता ने क्या पढ़ा',
  },
  navAccess: 'पहुँच रिकॉर्ड',
  accessQueryTitle: 'किसी उपयोगकर्ता ने क्या पढ़ा?',
  accessQueryIntro:
    'संदिग्ध दुरुपयोग या डेटा उल्लंघन के लिए: किसी अवधि में एक उपयोगकर्ता ने जो भी मामले, सूचियाँ, रिपोर्ट और डाउनलोड खोले, नया सबसे पहले। आपकी यह खोज भी दर्ज होती है।',
  actorId: 'उपयोगकर्ता आईडी',
  actorIdHint: 'उसके पढ़े किसी भी मामले के पहुँच रिकॉर्ड में दिखती है (“… ने और क्या पढ़ा”)।',
  fromDay: 'से (DD/MM/YYYY)',
  toDay: 'तक (DD/MM/YYYY)',
  search: 'खोजें',
  accessNone: 'इस अवधि में इस उपयोगकर्ता ने कुछ नहीं पढ़ा।',
  colCase: 'मामला',
  colCentre: 'केंद्र',
  colDetail: 'विवरण',
  accessShown: (n: number) => `${n} रिकॉर्ड दिखाए गए।`,
  legalHoldSection: 'क़ानूनी रोक',
  legalHoldOn: (when: string) => `${when} से क़ानूनी रोक पर: इस मामले को गुमनाम नहीं किया जाएगा।`,
  legalHoldOff: 'क़ानूनी रोक नहीं है। मामला ख़त्म होने के कुछ साल बाद उसकी पहचान, उसकी बात और नोट हटा दिए जाते हैं।',
  anonymisedOn: (when: string) => `${when} को गुमनाम किया गया: उसकी पहचान, उसकी बात, नोट और दस्तावेज़ हटा दिए गए।`,
  placeHold: 'क़ानूनी रोक लगाएँ',
  liftHold: 'क़ानूनी रोक हटाएँ',
  holdReason: 'कारण',
  holdReasonHint: 'उदाहरण: अदालत में मामला लंबित। केवल यह केंद्र देखता है।',
  holdPlaced: 'क़ानूनी रोक लग गई।',
  holdLifted: 'क़ानूनी रोक हट गई।',
  noticeHeading: 'गोपनीयता सूचना: सहमति माँगने से पहले उसे पढ़कर सुनाइए',
  noticeGivenIn: 'सूचना उसे इस भाषा में दी गई',
  noticeLanguages: { hi: 'हिन्दी', en: 'अंग्रेज़ी', other: 'कोई और भाषा (पढ़कर सुनाई और समझाई गई)' },
  childBasisTitle: '18 वर्ष से कम उम्र की लड़की',
  noticeRecorded: 'सूचना',
  noticeStatus: { GIVEN: 'दी गई', AT_FIRST_CONTACT: 'पहली मुलाक़ात पर दी जानी है' },
  legalBasisLabels: { CONSENT: 'उसकी सहमति', CHILD_INTEREST_IN_LAW: 'क़ानून के तहत बच्ची का हित' },
  lockWarning: (n: number) =>
    `कुछ समय से इस स्क्रीन का उपयोग नहीं हुआ। यह ${secs(n)} सेकंड में लॉक हो जाएगी: काम जारी रखने के लिए कोई भी कुंजी दबाइए या क्लिक कीजिए।`,
  lockWarningSpoken: (n: number) => `यह स्क्रीन ${n} सेकंड में लॉक हो जाएगी। काम जारी रखने के लिए कोई भी कुंजी दबाइए।`,
  stayHere: 'काम जारी रखें',
  lockedTitle: 'स्क्रीन लॉक है',
  lockedText: (user: string) =>
    `उपयोग न होने के कारण यह स्क्रीन लॉक हो गई। मामले का कुछ भी नहीं दिखाया जा रहा। केवल ${user} इसे खोल सकती हैं।`,
  lockedDraftKept: (n: number) =>
    `आप जो मामला लिख रही थीं, वह इस टैब में ${secs(n)} और रखा जाएगा। फिर आप साइन-आउट हो जाएँगी और वह मिट जाएगा।`,
  lockedSignOutIn: (n: number) => `आप ${secs(n)} में साइन-आउट हो जाएँगी।`,
  lockedSpoken: (n: number) => `स्क्रीन लॉक है। आप ${Math.ceil(n / 60)} मिनट में साइन-आउट हो जाएँगी।`,
  signOutSoonSpoken: (n: number) => `आप ${n} सेकंड में साइन-आउट हो जाएँगी। जो दर्ज नहीं हुआ, वह मिट जाएगा।`,
  unlockAs: (user: string) => `मैं ${user} हूँ: खोलें`,
  unlockCognito: (user: string) => `खोलने के लिए ${user} के रूप में फिर से साइन-इन करें`,
  unlockFailed: 'खोलना नहीं हो सका। फिर से कोशिश कीजिए, या साइन-आउट कीजिए।',
  unlockOtherUser: 'किसी और ने साइन-इन किया: लॉक हुआ सत्र बंद कर दिया गया और उसका बिना भेजा काम हटा दिया गया।',
  lockSignedOut: 'स्क्रीन का उपयोग न होने के कारण आप साइन-आउट हो गईं। उस सत्र का कुछ भी नहीं रखा गया।',
};
