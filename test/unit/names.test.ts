// Name keys for her earlier visits: the Hindi and Latin spellings of one name meet, different names do not.
// Real pairs as centres write them (Bihar: Hindi and Urdu names, Latin spellings from several hands).
import { describe, expect, it } from 'vitest';
import { nameKey } from '#shared/cases/names.ts';
import { lookupHashesOf } from '#shared/similar/lookup.ts';
import { agesMatch } from '#shared/similar/store.ts';

const SAME: string[][] = [
  ['सुनीता कुमारी', 'Sunita Kumari', 'Suneeta Kumari', 'SUNITA  kumari.', 'Smt. Sunita Kumari'],
  ['पूजा देवी', 'Pooja Devi', 'Puja Devi', 'Puja Debi'],
  ['रज़िया', 'रजिया', 'Raziya', 'Rajiya', 'Razia'],
  ['प्रियंका', 'Priyanka'],
  ['ज्योति', 'Jyoti', 'Jyothi'],
  ['शबनम खातून', 'Shabnam Khatoon', 'Shabnam Khatun'],
  ['कमला', 'Kamla', 'Kamala'],
  ['ममता', 'Mamta', 'Mamata'],
  ['लक्ष्मी', 'Laxmi', 'Lakshmi'],
  ['विजयलक्ष्मी', 'Vijaylaxmi', 'Bijay Laxmi'],
  ['चंपा', 'Champa'],
  ['फ़रज़ाना', 'Farzana', 'Pharzana'],
  ['कविता', 'Kavita', 'Kabita'],
  ['गीता', 'Geeta', 'Gita'],
  ['ज़ीनत', 'Zeenat', 'Jeenat'],
  ['नाज़िया', 'Nazia', 'Najiya'],
  ['रुखसाना', 'Rukhsana', 'Ruksana'],
  ['चंद्रकला', 'Chandrakala'],
  ['ज्ञानती', 'Gyanti'],
  ['श्रीमती सीमा', 'Seema', 'Sima'],
  ['पिंकी', 'Pinky', 'Pinki'],
  ['सुषमा', 'Sushma'],
  ['रेहाना', 'Rehana'],
];

const DIFFERENT: Array<[string, string]> = [
  ['Sunita', 'Sunaina'],
  ['Sunita Kumari', 'Sunita Devi'],
  ['Kumari', 'Kumar'],
  ['Pooja', 'Priya'],
  ['Priyanka', 'Priya'],
  ['Rekha', 'Radha'],
  ['Shabnam', 'Shabana'],
  ['Kiran', 'Karan'],
  ['Anita', 'Sunita'],
  ['Jyoti', 'Jyotsna'],
  ['Raziya', 'Rani'],
  ['Raziya', 'Raji'],
  ['Rukhsar', 'Rukhsana'],
  ['Lalita', 'Lita'],
  ['Mamta', 'Mata'],
  ['Asha', 'Usha'],
  ['Nisha', 'Disha'],
  ['सीता', 'गीता'],
  ['रीना', 'रानी'],
];

describe('name keys', () => {
  for (const names of SAME) {
    it(`meets: ${names.join(' / ')}`, () => {
      const keys = new Set(names.map(nameKey));
      expect([...keys]).toHaveLength(1);
      expect([...keys][0]).not.toBe('');
    });
  }

  for (const [a, b] of DIFFERENT) {
    it(`does not meet: ${a} / ${b}`, () => {
      expect(nameKey(a)).not.toBe(nameKey(b));
    });
  }

  it('keeps nothing but Latin letters, and nothing at all of a name that has no letters', () => {
    expect(nameKey('सुनीता कुमारी')).toMatch(/^[a-z]+$/);
    expect(nameKey('— 123 !')).toBe('');
    expect(nameKey('Smt.')).toBe('');
  });
});

describe('lookup hashes', () => {
  const survivor = { name: 'Sunita Kumari', age: 30, phone: '+919812345678', safeToContact: true };

  it('are keyed hashes: the same name in either script hashes alike, and nothing of her is in them', () => {
    const latin = lookupHashesOf(survivor, 'secret-a');
    const hindi = lookupHashesOf({ ...survivor, name: 'सुनीता कुमारी' }, 'secret-a');
    expect(hindi.name).toBe(latin.name);
    expect(`${latin.name}${latin.phone}`).not.toMatch(/sunit|kumri|9812345678/i);
    // Another stage's secret gives other hashes: a copy of one table cannot be searched with another's keys.
    expect(lookupHashesOf(survivor, 'secret-b').phone).not.toBe(latin.phone);
    expect(lookupHashesOf({ ...survivor, phone: undefined }, 'secret-a')).not.toHaveProperty('phone');
  });
});

describe('ages of two visits', () => {
  it('match within two years once the years between the visits are allowed for', () => {
    expect(agesMatch(29, '2026-11-20T10:00:00.000+05:30', 27, '2024-11-20T10:00:00.000+05:30')).toBe(true);
    expect(agesMatch(31, '2026-11-20T10:00:00.000+05:30', 29, '2026-10-01T10:00:00.000+05:30')).toBe(true);
    expect(agesMatch(32, '2026-11-20T10:00:00.000+05:30', 29, '2026-10-01T10:00:00.000+05:30')).toBe(false);
    expect(agesMatch(27, '2026-11-20T10:00:00.000+05:30', 27, '2022-11-20T10:00:00.000+05:30')).toBe(false);
  });
});
