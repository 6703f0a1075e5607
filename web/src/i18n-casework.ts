// The words of correcting her details, her consent and her earlier visits, in English and Hindi. Kept apart
// from i18n.ts (as i18n-admin.ts is) so each part of the form has its own table; i18n.ts merges them into the
// one dictionary `t()` returns, field errors and history actions included. The Hindi is typed by the English,
// so a missing word is a type error.

type Flag = 'services' | 'shareWithPolice' | 'contactByPhone';

export const CASEWORK_EN = {
  // correcting her details
  editDetails: 'Edit her details',
  editDetailsTitle: 'Correct her details',
  editDetailsIntro:
    'Change what was written wrongly or has changed. The history will say which details changed and why, never what they were.',
  editReason: 'Why the details change',
  editReasonHint: 'For example: she gave a new, safe number. Only your centre’s team reads this.',
  editSave: 'Save the correction',
  editSaved: 'Her details are corrected.',
  phoneClearHint: 'Leave it empty to take the number off the case.',
  conflictNotice:
    'Someone else saved a change to this case after you opened this form, so your correction was not saved. Reload the case to see it as it is now, then make your correction again.',
  conflictReload: 'Reload the case',
  conflictReloaded: 'The case is shown as it is now. Open “Edit her details” to make your correction again.',
  fieldNames: {
    name: 'name',
    age: 'age',
    phone: 'phone',
    safeToContact: 'safe to contact',
    district: 'district',
    address: 'address',
  } as Record<string, string>,
  // consent
  consentPanelTitle: 'Her consent',
  consentLabels: {
    services: 'Services of the centre',
    shareWithPolice: 'Sharing her case with the police',
    contactByPhone: 'Contact by phone',
  } as Record<Flag, string>,
  consentAgrees: 'She agrees',
  consentRefused: 'She does not agree',
  consentSince: (date: string) => `since ${date}`,
  consentAtRegistration: (date: string) => `as recorded at registration, ${date}`,
  consentChange: 'Change',
  consentChangeName: (what: string) => `Change: ${what}`,
  consentGive: 'Record: she now agrees',
  consentWithdraw: 'Record: she no longer agrees',
  consentNoteHint: 'How and when she said so. Do not write her name or phone number here.',
  consentSaved: 'Her consent is recorded, with today’s date.',
  consentPhoneNo: 'She has not agreed to phone calls: meet her in person, do not phone her.',
  // her earlier visits
  similarSection: 'Possible earlier cases',
  similarIntro:
    'Earlier cases at this centre with her phone number, or her name (in Hindi or English spelling) and about her age. Check before linking: only link a case that is hers.',
  similarNone: 'No earlier case at this centre matches her phone number or her name and age.',
  similarLoading: 'Looking for earlier cases…',
  similarFailed: 'The earlier cases could not be looked up. The case itself is saved.',
  registeredOn: (date: string) => `registered ${date}`,
  matchedOn: 'Matches',
  matchLabels: { phone: 'phone number', name_age: 'name and age' } as Record<string, string>,
  linkCase: 'Link: same woman',
  // The accessible name starts with the words on the button (WCAG 2.5.3, label in name).
  linkCaseName: (caseNumber: string) => `Link: same woman, case ${caseNumber}`,
  linked: 'Linked',
  linkDone: 'The two cases are linked; each now lists the other.',
  linkedSection: 'Her other cases (linked)',
  noLinked: 'No case is linked to this one.',
  possibleEarlierOnRegister: 'Possible earlier case of the same woman',
  // oversight
  homeDistrictsTitle: 'Home district of the women registered',
  homeOther: 'Another place (not a district of the state)',
  homeNotGiven: 'Not given',
  // history
  historyFields: (fields: string) => `Changed: ${fields}`,
  historyConsent: (what: string, to: string) => `${what}: ${to}`,
  historyLinked: (caseNumber: string) => `Linked with case ${caseNumber}`,
  caseworkActionLabels: {
    CASE_CORRECTED: 'Details corrected',
    CONSENT_CHANGED: 'Consent changed',
    CASE_LINKED: 'Cases linked',
  } as Record<string, string>,
  caseworkFieldErrors: {
    'survivor:invalid': 'Nothing has changed: change at least one detail before saving.',
    'survivor:unchanged': 'Nothing has changed: change at least one detail before saving.',
    'reason:required': 'Say why the details change',
  } as Record<string, string>,
};

export type CaseworkMessages = typeof CASEWORK_EN;

export const CASEWORK_HI: CaseworkMessages = {
  editDetails: 'उसकी जानकारी बदलें',
  editDetailsTitle: 'उसकी जानकारी सुधारें',
  editDetailsIntro:
    'जो गलत लिखा गया या बदल गया है, उसे बदलें। इतिहास में लिखा जाएगा कि कौन-सी जानकारी बदली और क्यों, यह कभी नहीं कि वह पहले क्या थी।',
  editReason: 'जानकारी क्यों बदल रही है',
  editReasonHint: 'जैसे: उसने नया, सुरक्षित नंबर दिया। इसे केवल आपके केंद्र की टीम पढ़ती है।',
  editSave: 'सुधार सहेजें',
  editSaved: 'उसकी जानकारी सुधार दी गई।',
  phoneClearHint: 'नंबर मामले से हटाने के लिए खाली छोड़ें।',
  conflictNotice:
    'यह फ़ॉर्म खोलने के बाद किसी और ने इस मामले में बदलाव सहेजा, इसलिए आपका सुधार नहीं सहेजा गया। मामला दोबारा लोड करें, उसे अभी की स्थिति में देखें, फिर अपना सुधार दोबारा करें।',
  conflictReload: 'मामला दोबारा लोड करें',
  conflictReloaded: 'मामला अब अपनी मौजूदा स्थिति में दिख रहा है। अपना सुधार दोबारा करने के लिए “उसकी जानकारी बदलें” खोलें।',
  fieldNames: {
    name: 'नाम',
    age: 'आयु',
    phone: 'फ़ोन',
    safeToContact: 'संपर्क सुरक्षित',
    district: 'ज़िला',
    address: 'पता',
  },
  consentPanelTitle: 'उसकी सहमति',
  consentLabels: {
    services: 'केंद्र की सेवाएँ',
    shareWithPolice: 'मामला पुलिस के साथ साझा करना',
    contactByPhone: 'फ़ोन पर संपर्क',
  },
  consentAgrees: 'वह सहमत है',
  consentRefused: 'वह सहमत नहीं है',
  consentSince: (date: string) => `${date} से`,
  consentAtRegistration: (date: string) => `पंजीकरण के समय दर्ज, ${date}`,
  consentChange: 'बदलें',
  consentChangeName: (what: string) => `बदलें: ${what}`,
  consentGive: 'दर्ज करें: अब वह सहमत है',
  consentWithdraw: 'दर्ज करें: अब वह सहमत नहीं है',
  consentNoteHint: 'उसने कैसे और कब कहा। यहाँ उसका नाम या फ़ोन नंबर न लिखें।',
  consentSaved: 'उसकी सहमति आज की तारीख़ के साथ दर्ज हो गई।',
  consentPhoneNo: 'वह फ़ोन कॉल के लिए सहमत नहीं है: उससे मिलकर बात करें, फ़ोन न करें।',
  similarSection: 'संभावित पिछले मामले',
  similarIntro:
    'इस केंद्र के पिछले मामले जिनमें उसका फ़ोन नंबर है, या उसका नाम (हिंदी या अंग्रेज़ी वर्तनी में) और लगभग उसकी आयु। जोड़ने से पहले जाँच लें: केवल उसी का मामला जोड़ें।',
  similarNone: 'इस केंद्र का कोई पिछला मामला उसके फ़ोन नंबर या नाम और आयु से मेल नहीं खाता।',
  similarLoading: 'पिछले मामले खोजे जा रहे हैं…',
  similarFailed: 'पिछले मामले नहीं खोजे जा सके। मामला स्वयं सहेजा जा चुका है।',
  registeredOn: (date: string) => `${date} को दर्ज`,
  matchedOn: 'मेल',
  matchLabels: { phone: 'फ़ोन नंबर', name_age: 'नाम और आयु' },
  linkCase: 'जोड़ें: वही महिला',
  linkCaseName: (caseNumber: string) => `जोड़ें: वही महिला, मामला ${caseNumber}`,
  linked: 'जुड़ा हुआ',
  linkDone: 'दोनों मामले जुड़ गए; अब हर मामले में दूसरा दिखता है।',
  linkedSection: 'उसके अन्य मामले (जुड़े हुए)',
  noLinked: 'इस मामले से कोई मामला नहीं जुड़ा है।',
  possibleEarlierOnRegister: 'इसी महिला का संभावित पिछला मामला',
  homeDistrictsTitle: 'दर्ज महिलाओं का गृह ज़िला',
  homeOther: 'अन्य स्थान (राज्य का ज़िला नहीं)',
  homeNotGiven: 'नहीं बताया गया',
  historyFields: (fields: string) => `बदला: ${fields}`,
  historyConsent: (what: string, to: string) => `${what}: ${to}`,
  historyLinked: (caseNumber: string) => `मामला ${caseNumber} से जोड़ा गया`,
  caseworkActionLabels: {
    CASE_CORRECTED: 'जानकारी सुधारी गई',
    CONSENT_CHANGED: 'सहमति बदली',
    CASE_LINKED: 'मामले जोड़े गए',
  },
  caseworkFieldErrors: {
    'survivor:invalid': 'कुछ नहीं बदला: सहेजने से पहले कम से कम एक जानकारी बदलें।',
    'survivor:unchanged': 'कुछ नहीं बदला: सहेजने से पहले कम से कम एक जानकारी बदलें।',
    'reason:required': 'बताएँ कि जानकारी क्यों बदल रही है',
  },
};
