// A woman's name as a matching key, so that the Hindi and Latin spellings of one name meet: सुनीता कुमारी,
// Sunita Kumari and Suneeta Kumari all become `sunitakumri`. Pure and browser-safe; the key itself is never
// stored (the lookup keeps only its keyed hash, shared/similar/lookup.ts).
//   1. Devanagari is transliterated to Latin letters (nukta dropped: ज़ → j, ड़ → d; ज्ञ → gy; the last inherent
//      vowel, which Hindi does not speak, left out: शबनम → shabnam).
//   2. Both scripts then go through the same Latin rules: case, accents, punctuation and spaces; the spelling
//      variants Indian names are written with (ee/i, oo/u, th/t and the other aspirates, sh/s, z/j, w/v/b,
//      ph/f, x/ks, q/k, m/n before p and b, iya/ia, a final y/i, doubled letters).
//   3. Courtesy titles (Smt, Shrimati, Mrs, Ms, Miss, Sushri, Km) are left out, and every "a" inside a word:
//      Latin spellings keep vowels Hindi does not speak (Kamala, Kamla) and do not tell a from aa.
// It is a key for finding a possible earlier visit, not a spelling: staff decide whether two cases are hers.

const CONSONANTS: Record<string, string> = {
  क: 'k',
  ख: 'kh',
  ग: 'g',
  घ: 'gh',
  ङ: 'n',
  च: 'ch',
  छ: 'chh',
  ज: 'j',
  झ: 'jh',
  ञ: 'n',
  ट: 't',
  ठ: 'th',
  ड: 'd',
  ढ: 'dh',
  ण: 'n',
  त: 't',
  थ: 'th',
  द: 'd',
  ध: 'dh',
  न: 'n',
  ऩ: 'n',
  प: 'p',
  फ: 'ph',
  ब: 'b',
  भ: 'bh',
  म: 'm',
  य: 'y',
  र: 'r',
  ऱ: 'r',
  ल: 'l',
  ळ: 'l',
  ऴ: 'l',
  व: 'v',
  श: 'sh',
  ष: 'sh',
  स: 's',
  ह: 'h',
};

/** Independent vowels and vowel signs (matras): long and short are written alike in Latin names. */
const VOWELS: Record<string, string> = {
  अ: 'a',
  आ: 'a',
  इ: 'i',
  ई: 'i',
  उ: 'u',
  ऊ: 'u',
  ऋ: 'ri',
  ॠ: 'ri',
  ऌ: 'li',
  ए: 'e',
  ऐ: 'ai',
  ऍ: 'e',
  ऎ: 'e',
  ओ: 'o',
  औ: 'au',
  ऑ: 'o',
  ऒ: 'o',
};
const MATRAS: Record<string, string> = {
  'ा': 'a',
  'ि': 'i',
  'ी': 'i',
  'ु': 'u',
  'ू': 'u',
  'ृ': 'ri',
  'ॄ': 'ri',
  'ॅ': 'e',
  'ॆ': 'e',
  'े': 'e',
  'ै': 'ai',
  'ॉ': 'o',
  'ॊ': 'o',
  'ो': 'o',
  'ौ': 'au',
};
const VIRAMA = '्';
const NUKTA = '़';
/** Anusvara and chandrabindu nasalise the vowel before them; visarga is a breath. */
const SIGNS: Record<string, string> = { 'ं': 'n', 'ँ': 'n', 'ः': 'h' };

/**
 * One Devanagari word in Latin letters: each consonant with its inherent vowel, except the word's last, which
 * Hindi does not speak (शबनम: shabnam) unless a cluster ends the word (चंद्र: chandra).
 */
function transliterateWord(word: string): string {
  const chars = [...word.normalize('NFD')].filter((c) => c !== NUKTA);
  let out = '';
  /** Whether `out` ends in a consonant's inherent vowel (a matra or a virama replaces it). */
  let inherent = false;
  let afterCluster = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === 'ज' && chars[i + 1] === VIRAMA && chars[i + 2] === 'ञ') {
      // ज्ञ is spoken "gy" in Hindi (ज्ञानती: Gyanti).
      out += 'gya';
      inherent = true;
      afterCluster = true;
      i += 2;
    } else if (CONSONANTS[c] !== undefined) {
      afterCluster = chars[i - 1] === VIRAMA;
      out += `${CONSONANTS[c]}a`;
      inherent = true;
    } else if (c === VIRAMA || MATRAS[c] !== undefined) {
      if (inherent) out = out.slice(0, -1);
      out += MATRAS[c] ?? '';
      inherent = false;
    } else {
      out += VOWELS[c] ?? SIGNS[c] ?? (/[a-z]/i.test(c) ? c : '');
      inherent = false;
    }
  }
  return inherent && !afterCluster && out.length > 2 ? out.slice(0, -1) : out;
}

/** The spelling variants of Indian names in Latin letters, reduced to one form (order matters). */
const VARIANTS: Array<[RegExp, string]> = [
  [/x/g, 'ks'],
  [/q/g, 'k'],
  [/z/g, 'j'],
  [/w/g, 'v'],
  // ch/chh is one sound (kept apart from a lone c, which is a k): marked, then written as c.
  [/chh?/g, 'C'],
  [/c/g, 'k'],
  [/C/g, 'c'],
  [/sh/g, 's'],
  [/ph/g, 'f'],
  [/([kgjtdb])h/g, '$1'],
  [/ee|ii/g, 'i'],
  [/oo|uu/g, 'u'],
  // Bihar writes v and b alike (Vijay, Bijay; Devi, Debi).
  [/v/g, 'b'],
  // Anusvara before a lip sound is written m in Latin (चंपा: Champa).
  [/m(?=[pb])/g, 'n'],
  [/iy(?=[aeiou])/g, 'i'],
  [/(?<=[^aeiou])y$/g, 'i'],
  [/([a-z])\1+/g, '$1'],
];

/** Titles, after the rules above: Smt, Shrimati (श्रीमती), Mrs, Ms, Miss, Sushri, Km. */
const TITLES = new Set(['smt', 'srimati', 'mrs', 'ms', 'mis', 'susri', 'km']);

/**
 * Every "a" inside a word goes (its first and last letters stay): Latin spellings do not tell a from aa, and
 * keep vowels Hindi does not speak (कमला: Kamla, Kamala; शबनम: Shabnam, Shabanam; फ़रज़ाना: Farzana).
 */
const withoutInnerA = (w: string) => (w.length < 3 ? w : w[0] + w.slice(1, -1).replace(/a/g, '') + w.slice(-1));

/** The matching key of a name: both scripts, one form; '' when nothing of a name is left. */
export function nameKey(name: string): string {
  const words = name
    .toLowerCase()
    .split(/[^\p{L}\p{M}]+/u)
    .filter(Boolean)
    .map((w) => (/[\u0900-\u097f]/.test(w) ? transliterateWord(w) : w))
    // Latin letters with accents (Sunīta) lose them; anything that is not a letter goes.
    .map((w) =>
      w
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .replace(/[^a-z]/g, ''),
    )
    .map((w) => VARIANTS.reduce((x, [re, to]) => x.replace(re, to), w))
    .filter((w) => w && !TITLES.has(w));
  // One word or two (Vijaylaxmi, Bijay Laxmi) make the same key.
  return words.map(withoutInnerA).join('');
}
