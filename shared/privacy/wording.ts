// The privacy notice a woman is given at registration (DPDP Act 2023 s.5: what is kept, why, her rights, and
// how to complain), in English and Hindi, in one place: the form shows it at the consent step and the API
// records its version with the case. Read aloud to her in her language; a new text gets a new version.
// Pure data: the form imports this module.

/** The version recorded with each case, so it is known later which words she was given. */
export const NOTICE_VERSION = '2026-12';

/** The languages a notice is recorded as given in; `other` = read out and explained in another language. */
export const NOTICE_LANGUAGES = ['hi', 'en', 'other'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

export interface NoticeText {
  title: string;
  paragraphs: string[];
  /** For a girl under 18, said instead of asking a guardian's consent. */
  child: string;
}

export const NOTICE: Record<'en' | 'hi', NoticeText> = {
  en: {
    title: 'What we write down about you, and why',
    paragraphs: [
      'The One-Stop Centre writes down your name, age, phone number, address, what happened and the help we ' +
        'give you, so that we can give you that help: shelter, medical care, police and legal help, counselling.',
      'Only the team of this centre sees who you are and what happened. District and state officers see ' +
        'numbers and the progress of cases, never your name or your story. Every time someone opens your case, ' +
        'it is written down.',
      'We share your case with the police or others only with your consent, unless the law requires it.',
      'You may ask to see or correct what we wrote, or take back your consent, at any time: tell the centre ' +
        'administrator. A while after your case ends, your name, phone, address, story and notes are removed.',
      'If you think your information was misused, tell the centre administrator or the state Women ' +
        'Development Corporation; you may also complain to the Data Protection Board of India.',
    ],
    child:
      'She is under 18. Her information is processed in her interest as the law requires (Juvenile Justice Act, ' +
      "POCSO Act; DPDP Act, Fourth Schedule): a parent's or guardian's consent is not asked, because the " +
      'guardian may be the one who harmed her. Tell her what is written down and why, in words she understands.',
  },
  hi: {
    title: 'हम आपके बारे में क्या लिखते हैं, और क्यों',
    paragraphs: [
      'वन स्टॉप सेंटर आपका नाम, उम्र, फ़ोन नंबर, पता, आपके साथ क्या हुआ और हम आपको क्या मदद देते हैं, यह लिखता है, ' +
        'ताकि हम आपको वह मदद दे सकें: आश्रय, इलाज, पुलिस और क़ानूनी मदद, परामर्श।',
      'आप कौन हैं और क्या हुआ, यह केवल इस केंद्र की टीम देखती है। ज़िला और राज्य के अधिकारी केवल संख्याएँ और ' +
        'मामलों की प्रगति देखते हैं, आपका नाम या आपकी बात कभी नहीं। जब भी कोई आपका मामला खोलता है, यह दर्ज होता है।',
      'हम आपका मामला पुलिस या किसी और से केवल आपकी सहमति से साझा करते हैं, जब तक क़ानून ऐसा करना ज़रूरी न करे।',
      'आप कभी भी हमारा लिखा देख सकती हैं, उसे ठीक करवा सकती हैं, या अपनी सहमति वापस ले सकती हैं: केंद्र प्रशासक ' +
        'को बताइए। मामला ख़त्म होने के कुछ समय बाद आपका नाम, फ़ोन, पता, आपकी बात और नोट हटा दिए जाते हैं।',
      'अगर आपको लगे कि आपकी जानकारी का ग़लत इस्तेमाल हुआ है, तो केंद्र प्रशासक या राज्य महिला विकास निगम को ' +
        'बताइए; आप भारत के डेटा संरक्षण बोर्ड से भी शिकायत कर सकती हैं।',
    ],
    child:
      'वह 18 वर्ष से कम उम्र की है। उसकी जानकारी क़ानून के अनुसार उसके हित में रखी जाती है (किशोर न्याय अधिनियम, ' +
      'पॉक्सो अधिनियम; डीपीडीपी अधिनियम, चौथी अनुसूची): माता-पिता या अभिभावक की सहमति नहीं माँगी जाती, क्योंकि ' +
      'नुक़सान पहुँचाने वाला अभिभावक भी हो सकता है। उसे उसकी समझ के शब्दों में बताइए कि क्या लिखा जाता है और क्यों।',
  },
};

/** What the processing rests on: her consent, or (under 18) the child's interest under law. */
export const legalBasisFor = (age: number): 'CONSENT' | 'CHILD_INTEREST_IN_LAW' =>
  age < 18 ? 'CHILD_INTEREST_IN_LAW' : 'CONSENT';
