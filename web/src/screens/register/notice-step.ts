// The consent step's privacy notice: the text in Hindi and English (from shared/privacy/wording.ts, the one
// place it lives, whose version the API records), which she is told before being asked for consent, and the
// language it was given in (the form requires it; the API records it with the case and in history). For a
// girl under 18 the form says the legal basis instead of asking for a guardian's consent.
import { h } from 'preact';
import { NOTICE, NOTICE_LANGUAGES } from '../../../../shared/privacy/wording.ts';
import type { FieldProblem } from '../../field-errors.ts';
import { t } from '../../i18n.ts';
import { ChoiceGroup, type El, optionsOf } from '../../ui.ts';

function NoticeText({ lang }: { lang: 'hi' | 'en' }): El {
  const n = NOTICE[lang];
  return h(
    'div',
    { class: 'notice-text', lang, id: `privacy-notice-${lang}` },
    h('h3', null, n.title),
    n.paragraphs.map((p, i) => h('p', { key: i }, p)),
  );
}

export function NoticeStep(p: {
  language: string;
  age: string;
  onLanguage: (v: string) => void;
  problem?: FieldProblem;
}): El {
  const m = t();
  const age = Number(p.age.trim());
  const child = /^\d{1,3}$/.test(p.age.trim()) && age < 18;
  return h(
    'div',
    { class: 'privacy-notice', id: 'privacy-notice' },
    h('h3', null, m.noticeHeading),
    h('div', { class: 'notice-texts' }, h(NoticeText, { lang: 'hi' }), h(NoticeText, { lang: 'en' })),
    child
      ? h(
          'div',
          { class: 'notice notice--info', id: 'child-basis' },
          h('strong', null, m.childBasisTitle),
          h('p', { lang: 'hi' }, NOTICE.hi.child),
          h('p', { lang: 'en' }, NOTICE.en.child),
        )
      : null,
    h(ChoiceGroup, {
      kind: 'radio',
      path: 'notice.language',
      label: m.noticeGivenIn,
      required: true,
      options: optionsOf(NOTICE_LANGUAGES, m.noticeLanguages),
      selected: p.language ? [p.language] : [],
      onToggle: (v) => p.onLanguage(v),
      problem: p.problem,
    }),
  );
}
